/**
 * Test-suite generator for `gawk` (GNU awk 5.2.1, Debian's source).
 *
 * Deterministic: every random value comes from a `Prng` seeded by the case id (SuiteBuilder), so `suite()` returns
 * the same cases on every call. Every second seeded recipe also gets a hidden dual (same feature, other values).
 *
 * Behaviour notes that shaped the cases (checked against Debian's native gawk):
 * - The program is argv's first operand (or -f/-e); diagnostics go to stderr as `gawk: cmd. line:N: ...` or
 *   `gawk: FILE:N: ...`; a syntax error exits 1, a fatal error 2, `exit N` gives N.
 * - Kept out (target.json fidelityNotes): anything that runs a process (system(), `| cmd`, `cmd |`, `|&`), sockets,
 *   the clock (systime(), srand() without a seed, strftime() without a time), PROCINFO's process and build entries
 *   and --dump-variables (its PROCINFO count), --version and -M (no MPFR here), strftime's GNU-only conversions and
 *   %Z in UTC mode, the debugger (-D) and the profiler (-p writes the time).
 * - rand() is gawk's own generator (support/random.c): srand(N) with a seed gives the same numbers everywhere.
 * - Files a program writes come back in the result and count, so redirections write into the working directory.
 */
import type { TestSuite } from '../../src/core/test-case.ts';
import type { Prng } from '../../src/core/prng.ts';
import { SuiteBuilder } from '../../src/core/suite-builder.ts';

function word(p: Prng, min = 1, max = 8, alphabet = 'abcdefghijklmnopqrstuvwxyz'): string {
  let s = '';
  for (let i = p.int(min, max); i > 0; i--) s += alphabet[p.int(0, alphabet.length - 1)];
  return s;
}

function lines(...ls: string[]): string {
  return ls.map((l) => l + '\n').join('');
}

function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** An awk string literal for s (backslash and double quote escaped). */
function str(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

function num(p: Prng): string {
  const form = p.int(0, 5);
  if (form === 0) return `${p.int(0, 999)}.${p.int(0, 999)}`;
  if (form === 1) return `-${p.int(0, 500)}`;
  if (form === 2) return `${p.int(1, 9)}e${p.int(-4, 12)}`;
  if (form === 3) return `0.${p.int(0, 99999)}`;
  return String(p.int(0, 100000));
}

/** A table of rows: words and numbers joined by sep. */
function table(p: Prng, rows: number, cols: number, sep = ' '): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < cols; c++) row.push(p.int(0, 2) === 0 ? word(p, 1, 6) : String(p.int(-50, 999)));
    out.push(row.join(sep));
  }
  return lines(...out);
}

/** A random arithmetic expression over awk's operators (no division by zero: divisors are non-zero constants). */
function arith(p: Prng, depth: number): string {
  if (depth <= 0 || p.int(0, 3) === 0) return num(p);
  const op = p.pick(['+', '-', '*', '/', '%', '^', '+', '*']);
  const a = arith(p, depth - 1);
  if (op === '^') return `(${a})^${p.int(0, 3)}`;
  if (op === '/' || op === '%') return `(${a}) ${op} ${p.pick([String(p.int(1, 97)), `${p.int(1, 9)}.25`, '-7'])}`;
  return `(${a} ${op} ${arith(p, depth - 1)})`;
}

function addFields(b: SuiteBuilder): void {
  for (let i = 1; i <= 12; i++) {
    b.pair(`fields-${String(i).padStart(2, '0')}`, 'fields: $N, NF, $NF, default splitting', (p) => {
      const cols = p.int(1, 6);
      const prog = p.pick([
        '{ print $1, $NF, NF }',
        `{ print $${p.int(1, cols)} }`,
        '{ for (i = NF; i > 0; i--) printf "%s%s", $i, (i > 1 ? " " : "\\n") }',
        '{ $2 = "X"; print; print NF }',
        '{ n += NF } END { print n, NR }',
        '{ print NR ": " $0 }',
        '{ $(NF + 2) = "new"; print; print NF }',
        '{ NF = 2; print }',
      ]);
      const sep = p.pick([' ', '  ', '\t', ' \t ']);
      return { argv: [prog], stdin: table(p, p.int(1, 8), cols, sep) };
    });
  }
  const seps: [string, string][] = [
    [',', ','],
    [':', ':'],
    ['\\t', '\t'],
    ['[,;]', ';'],
    ['-+', '--'],
    ['|', '|'],
    ['a', 'a'],
    ['[ ]', ' '],
    ['.', '.'],
    ['\\|', '|'],
  ];
  seps.forEach(([fs, joiner], i) => {
    b.pair(`fs-option-${i + 1}`, 'fields: -F separators (single character, regex, tab)', (p) => {
      const prog = p.pick(['{ print NF ": " $2 }', '{ $1 = $1; print }', '{ print $NF; print $1 }']);
      return { argv: ['-F', fs, prog], stdin: table(p, p.int(2, 6), p.int(1, 5), joiner) };
    });
  });
  for (let i = 1; i <= 6; i++) {
    b.pair(`ofs-${i}`, 'fields: OFS and $0 rebuilt after a field assignment', (p) => {
      const ofs = p.pick(['-', ', ', '\\t', '|', '']);
      return {
        argv: ['-v', `OFS=${ofs}`, p.pick(['{ $1 = $1 } 1', '{ print $1, $2 }', '{ $3 = toupper($3); print }'])],
        stdin: table(p, p.int(1, 5), p.int(2, 5)),
      };
    });
  }
  b.two(
    'fs-in-begin',
    'fields: FS set in BEGIN, and a single space FS versus "[ ]"',
    { argv: ['BEGIN { FS = ":" } { print $3 }'], stdin: 'a:b:c\n::x\nq\n' },
    { argv: ['BEGIN { FS = "[ ]" } { print NF; print $2 }'], stdin: ' a  b \n\n' },
  );
  b.two(
    'fs-change-mid',
    'fields: a new FS applies from the next record',
    { argv: ['{ print $1; FS = "," }'], stdin: 'a,b c\nd,e f\n' },
    { argv: ['NR == 2 { FS = "-" } { print $2 }'], stdin: 'a-b c\nd-e f\ng-h i\n' },
  );
  b.two(
    'field-numeric-compare',
    'fields: strnum comparisons of fields',
    {
      argv: ['$1 > $2 { print "gt", $0 } $1 == $2 { print "eq", $0 }'],
      stdin: '10 9\n2 10\n1e1 10\nabc abd\n 3 3.0\n',
    },
    { argv: ['{ print ($1 < $2), ($1 "" < $2 "") }'], stdin: '9 10\n0x1A 5\n-1 -2\n+5 5\n' },
  );
  b.two(
    'nf-decrement',
    'fields: lowering and raising NF',
    { argv: ['{ NF--; print; NF += 2; $NF = "end"; print }'], stdin: 'a b c d\nx\n' },
    { argv: ['{ NF = 0; print length($0); $3 = "z"; print }'], stdin: 'p q r\n' },
  );
  b.two(
    'negative-field',
    'fields: a negative field number is fatal',
    { argv: ['{ print $(-1) }'], stdin: 'a b\n' },
    { argv: ['{ x = -3; $x = 1 }'], stdin: 'q\n' },
  );
}

function addArithmetic(b: SuiteBuilder): void {
  for (let i = 1; i <= 14; i++) {
    b.pair(`arith-${String(i).padStart(2, '0')}`, 'numbers: arithmetic, precedence, OFMT and CONVFMT', (p) => {
      const exprs = Array.from({ length: p.int(2, 5) }, () => arith(p, 3));
      const fmt = p.pick(['', '-v OFMT=%.2f', '-v CONVFMT=%.3g', '-v OFMT=%.10g']);
      const body = exprs.map((e) => `print ${e}; x = ${e} ""; print x`).join('; ');
      return { argv: [...(fmt ? fmt.split(' ') : []), `BEGIN { ${body} }`] };
    });
  }
  for (let i = 1; i <= 4; i++) {
    b.pair(`math-funcs-${i}`, 'numbers: int, sqrt, exp, log, sin, cos, atan2', (p) => {
      const x = num(p);
      const y = String(p.int(1, 1000) / 10);
      return {
        argv: [
          `BEGIN { x = ${x}; y = ${y}; printf "%.6f %.6f %.6f %.6f\\n", int(x), sqrt(y), exp(y / 100), log(y); printf "%.6f %.6f %.6f\\n", sin(x), cos(x), atan2(x, y) }`,
        ],
      };
    });
  }
  for (let i = 1; i <= 4; i++) {
    b.pair(`rand-seeded-${i}`, 'numbers: srand with a seed, rand, and srand returning the previous seed', (p) => {
      const seed = p.int(0, 100000);
      return {
        argv: [
          `BEGIN { print srand(${seed}); for (i = 0; i < ${p.int(2, 6)}; i++) printf "%.8f ", rand(); print ""; print srand(${seed + 1}); print int(rand() * 100) }`,
        ],
      };
    });
  }
  b.two(
    'rand-default-seed',
    'numbers: rand without srand starts from seed 0',
    { argv: ['BEGIN { print rand(), rand() }'] },
    { argv: ['BEGIN { srand(0); print rand() }'] },
  );
  b.two(
    'special-values',
    'numbers: inf, nan, huge and tiny values, -0',
    { argv: ['BEGIN { print 1e308 * 10, -1e308 * 10, log(-1), -0, 1e-320, 2^1024 }'] },
    { argv: ['BEGIN { x = "+inf" + 0; y = "nan" + 0; print x, y, -x, 0 * -1; printf "%d %f %e\\n", x, -x, y }'] },
  );
  b.two(
    'int-limits',
    'numbers: integers beyond 2^53 and %d of large values',
    { argv: ['BEGIN { print 2^53, 2^53 + 1, 2^63, 2^64; printf "%d %d %i\\n", 2^53, -2^63, 2^70 }'] },
    { argv: ['BEGIN { print 9007199254740993, 123456789012345678; printf "%d %x %o\\n", 2^31, 2^32 + 1, 2^40 }'] },
  );
  b.two(
    'string-to-number',
    'numbers: string to number conversion (leading space, hex is not numeric, exponent)',
    { argv: ['BEGIN { print " 12abc" + 0, "0x1A" + 0, "1e3x" + 0, ".5" + 0, "+-3" + 0, "" + 0 }'] },
    { argv: ['BEGIN { print "3." + 1, "-.e1" + 0, "1e+" + 0, "\\t7\\n" * 2, "inf" + 0, "-nan" + 0 }'] },
  );
  b.two(
    'division-by-zero',
    'numbers: division and modulus by zero are fatal',
    { argv: ['BEGIN { x = 0; print 1 / x }'] },
    { argv: ['{ print $1 % $2 }'], stdin: '5 0\n' },
  );
  b.two(
    'increment-assign-ops',
    'numbers: ++, --, +=, -=, *=, /=, %=, ^= and their values',
    { argv: ['BEGIN { x = 5; print x++, ++x, x--, --x; x += 3; x *= 2; x -= 1; x /= 3; x %= 4; x ^= 2; print x }'] },
    { argv: ['BEGIN { a[1]++; a[1] += a[1]++; print a[1]; y = z++ + ++z; print y, z; print -x^2, 2^3^2, !x, !!"a" }'] },
  );
  b.two(
    'non-decimal-data',
    'options: -n (--non-decimal-data) reads hex and octal input as numbers',
    { argv: ['-n', '{ print $1 + 0, $2 + 0 }'], stdin: '0x1A 017\n0x10 10\n' },
    { argv: ['--non-decimal-data', '{ s += $1 } END { print s }'], stdin: '0xff\n010\n0X7\n' },
  );
  b.two(
    'strtonum',
    'strings: strtonum of hex, octal and decimal strings',
    { argv: ['BEGIN { print strtonum("0x1F"), strtonum("017"), strtonum("12.5"), strtonum("0x"), strtonum("08") }'] },
    { argv: ['BEGIN { print strtonum("0XFFFFFFFF"), strtonum("0777"), strtonum("-0x10"), strtonum("1e2") }'] },
  );
}

function addPrintf(b: SuiteBuilder): void {
  const conv = ['d', 'i', 'o', 'x', 'X', 'u', 'c', 's', 'e', 'E', 'f', 'F', 'g', 'G', 'a', 'A'];
  for (let i = 1; i <= 24; i++) {
    b.pair(`printf-${String(i).padStart(2, '0')}`, 'printf: conversions with flags, width and precision', (p) => {
      const specs: string[] = [];
      const args: string[] = [];
      for (let k = p.int(2, 5); k > 0; k--) {
        const c = p.pick(conv);
        let flags = '';
        for (const f of ['-', '+', ' ', '#', '0']) if (p.int(0, 4) === 0) flags += f;
        const width = p.int(0, 2) === 0 ? '' : String(p.int(1, 14));
        const prec = p.int(0, 2) === 0 ? '' : `.${p.int(0, 8)}`;
        specs.push(`%${flags}${width}${prec}${c}`);
        // %c of a negative number converts a negative double to an unsigned type (undefined in C): kept out.
        if (c === 'c') args.push(p.int(0, 1) === 0 ? str(word(p, 0, 10)) : String(p.int(0, 300)));
        else if (c === 's') args.push(p.int(0, 1) === 0 ? str(word(p, 0, 10)) : num(p));
        else args.push(p.int(0, 5) === 0 ? str(`${p.int(0, 99)}abc`) : num(p));
      }
      return { argv: [`BEGIN { printf "${specs.join('|')}\\n", ${args.join(', ')} }`] };
    });
  }
  for (let i = 1; i <= 4; i++) {
    b.pair(`printf-star-${i}`, 'printf: * width and precision from arguments', (p) => {
      const w = p.int(-12, 12);
      const pr = p.int(0, 6);
      return {
        argv: [
          `BEGIN { printf "[%*d][%.*f][%-*s][%*.*e]\\n", ${w}, ${p.int(-999, 999)}, ${pr}, ${num(p)}, ${p.int(0, 9)}, "${word(p)}", ${w}, ${pr}, ${num(p)} }`,
        ],
      };
    });
  }
  b.two(
    'printf-positional',
    'printf: positional arguments %n$',
    { argv: ['BEGIN { printf "%2$s %1$s %2$s\\n", "world", "hello" }'] },
    { argv: ['BEGIN { printf "%3$5d|%1$-4s|%2$.2f\\n", "ab", 3.14159, 42 }'] },
  );
  b.two(
    'printf-too-few-args',
    'printf: too few arguments is fatal, too many a lint warning',
    { argv: ['BEGIN { printf "%s %s %s\\n", "a" }'] },
    { argv: ['--lint', 'BEGIN { printf "%s\\n", "a", "b" }'] },
  );
  b.two(
    'printf-char',
    'printf: %c of numbers and strings',
    { argv: ['BEGIN { printf "%c%c%c|%c|%c\\n", 72, 105, 33, "xyz", "" }'] },
    { argv: ['BEGIN { printf "%c%c|%5c|%-3c|\\n", 65.7, "7", 66, 67 }'] },
  );
  b.two(
    'printf-bad-format',
    'printf: an unknown conversion and a lone % are printed as they are',
    { argv: ['BEGIN { printf "100%\\n"; printf "%z %d\\n", 5 }'] },
    { argv: ['--lint', 'BEGIN { printf "%k|%5\\n", 1 }'] },
  );
  b.two(
    'sprintf',
    'printf: sprintf builds strings, print > with formats and OFS',
    { argv: ['BEGIN { s = sprintf("%05.1f|%-6s|%x", 3.14159, "ab", 255); print s, length(s) }'] },
    { argv: ['BEGIN { OFS = "-"; s = sprintf("%s%s", "a", "b"); print s, sprintf("%3d", 7), sprintf("") }'] },
  );
  b.two(
    'print-parens-and-concat',
    'print: parenthesised lists, concatenation and comparison in print',
    { argv: ['BEGIN { print("a", "b") ; print "x" "y", 1 " " 2; print (1, 2) > "/dev/stdout" }'] },
    { argv: ['BEGIN { print 1 2 + 3, -1 " " -2, "a" (1 < 2) }'] },
  );
}

function addStrings(b: SuiteBuilder): void {
  for (let i = 1; i <= 8; i++) {
    b.pair(`substr-index-${i}`, 'strings: length, substr, index with edge positions', (p) => {
      const s = word(p, 0, 14);
      const start = p.pick([String(p.int(-3, 16)), '0', '1.5', '-1']);
      const len = p.pick(['', `, ${p.int(-2, 10)}`, ', 1e10', ', 0.5']);
      const t = s.length > 0 ? s.slice(p.int(0, s.length - 1), p.int(0, s.length)) : 'x';
      return {
        argv: [
          `BEGIN { s = ${str(s)}; print length(s), "[" substr(s, ${start}${len}) "]", index(s, ${str(t)}), length() }`,
        ],
      };
    });
  }
  for (let i = 1; i <= 8; i++) {
    b.pair(`sub-gsub-${i}`, 'strings: sub and gsub with &, \\& and a target', (p) => {
      const re = p.pick(['[aeiou]', 'a+', '^.', '.$', 'x*', '[[:upper:]]', '(ab|cd)', '\\.', '']);
      const repl = p.pick(['<&>', '\\\\&', '', '-', '&&', 'Z']);
      const fn = p.pick(['sub', 'gsub']);
      const target = p.pick(['', ', $2', ', s']);
      return {
        argv: [`{ s = $1; n = ${fn}(/${re}/, "${repl}"${target}); print n ": " $0 " / " s }`],
        stdin: table(p, p.int(1, 4), p.int(2, 3)).replace(/-/g, 'aB.'),
      };
    });
  }
  for (let i = 1; i <= 8; i++) {
    b.pair(`gensub-${i}`, 'strings: gensub with back references, "g" and a count', (p) => {
      const how = p.pick(['"g"', '"G"', '1', '2', '"x"', '0']);
      const re = p.pick(['([a-z]+)([0-9]+)', '(.)(.)', '([aeiou])', '(^| )([a-z])', '(x*)']);
      const repl = p.pick(['\\\\2\\\\1', '<\\\\0>', '[\\\\1]', '\\\\\\\\', '&-&']);
      return {
        argv: [`{ print gensub(/${re}/, "${repl}", ${how}); print gensub(/${re}/, "${repl}", ${how}, $1) }`],
        stdin: lines(
          ...Array.from(
            { length: p.int(1, 4) },
            () => `${word(p)}${p.int(0, 99)} ${word(p)} ${word(p, 1, 3)}${p.int(0, 9)}`,
          ),
        ),
      };
    });
  }
  for (let i = 1; i <= 8; i++) {
    b.pair(`split-${i}`, 'strings: split with separators and seps array', (p) => {
      const sep = p.pick(['","', '/[0-9]+/', '""', '" "', '/-|:/', '"."', '/x*/']);
      const parts = Array.from({ length: p.int(0, 6) }, () => word(p, 0, 4));
      const joiner = p.pick([',', '12', '', ' ', '-', '.', ':']);
      const s = parts.join(joiner);
      return {
        argv: [
          `BEGIN { n = split(${str(s)}, a, ${sep}, seps); print n; for (i = 1; i <= n; i++) print i, "[" a[i] "]", "[" seps[i] "]"; print "[" seps[0] "]" }`,
        ],
      };
    });
  }
  for (let i = 1; i <= 6; i++) {
    b.pair(`match-${i}`, 'strings: match with RSTART, RLENGTH and the groups array', (p) => {
      const re = p.pick(['([a-z]+)([0-9]+)', '[0-9]+', '(a|b)+', 'q', '^', '([[:alpha:]]+) ([[:alpha:]]+)']);
      return {
        argv: [`{ r = match($0, /${re}/, m); print r, RSTART, RLENGTH, m[0], m[1], m[1, "start"], m[2, "length"] }`],
        stdin: lines(...Array.from({ length: p.int(1, 4) }, () => `${word(p, 0, 5)}${p.int(0, 999)} ${word(p)}`)),
      };
    });
  }
  for (let i = 1; i <= 4; i++) {
    b.pair(`patsplit-${i}`, 'strings: patsplit with a pattern and the separators between matches', (p) => {
      const re = p.pick(['/[0-9]+/', '/[a-z]+/', '/[^,]+/', '/"[^"]*"|[^,]+/']);
      const s = Array.from({ length: p.int(1, 6) }, () => (p.int(0, 1) ? word(p, 1, 4) : String(p.int(0, 999)))).join(
        p.pick([',', ' ', ';', ',,']),
      );
      return {
        argv: [
          `BEGIN { n = patsplit(${str(s)}, a, ${re}, seps); print n; for (i = 0; i <= n; i++) print i, "[" a[i] "]", "[" seps[i] "]" }`,
        ],
      };
    });
  }
  b.two(
    'case-conversion',
    'strings: toupper and tolower',
    { argv: ['{ print toupper($0); print tolower($0) }'], stdin: 'Hello World 123 ÄÖ\nmIxEd_Case\n' },
    { argv: ['BEGIN { print toupper("abc-xyz"), tolower("ABC[]"), toupper(12) }'] },
  );
  b.two(
    'concat-comparison',
    'strings: string comparison and concatenation order',
    { argv: ['BEGIN { print ("abc" < "abd"), ("B" < "a"), ("10" < "9"), (10 < 9), ("" < "a"), ("a" == "a ") }'] },
    { argv: ['{ print ($1 < $2) ? "lt" : "ge" }'], stdin: 'apple banana\nzeta alpha\n10 9\n' },
  );
  b.two(
    'ignorecase',
    'strings: IGNORECASE for regex matching, index and comparisons',
    {
      argv: ['BEGIN { IGNORECASE = 1 } /hello/ { print "m", $0 } { print index($0, "WOR"), ($1 == "HELLO") }'],
      stdin: 'Hello World\nhELLO\nbye\n',
    },
    {
      argv: ['-v', 'IGNORECASE=1', '{ n = gsub(/[a-c]/, "."); print n, $0; print split($0, a, "X") }'],
      stdin: 'AbCabcxX\n',
    },
  );
  b.two(
    'substr-unicode-bytes',
    'strings: length and substr count bytes in the C locale',
    { argv: ['{ print length($0), substr($0, 2, 3), index($0, "é") }'], stdin: 'héllo wörld\n' },
    { argv: ['-b', '{ print length($0); print toupper($0) }'], stdin: 'naïve ÿ\n' },
  );
}

function addArrays(b: SuiteBuilder): void {
  const orders = [
    '@ind_str_asc',
    '@ind_str_desc',
    '@ind_num_asc',
    '@ind_num_desc',
    '@val_str_asc',
    '@val_str_desc',
    '@val_num_asc',
    '@val_num_desc',
    '@val_type_asc',
    '@val_type_desc',
  ];
  orders.forEach((order, i) => {
    b.pair(`sorted-in-${i + 1}`, 'arrays: PROCINFO["sorted_in"] orders for for-in', (p) => {
      const n = p.int(3, 9);
      const entries = Array.from({ length: n }, () => `${word(p, 1, 4)}${p.int(0, 20)}`);
      return {
        argv: [
          `BEGIN { PROCINFO["sorted_in"] = "${order}" } { c[$1] += $2; c[NR] = $1 } END { for (k in c) print k, c[k] }`,
        ],
        stdin: lines(
          ...entries.map((e) => `${e} ${p.pick([String(p.int(-9, 99)), `${p.int(0, 9)}.5`, word(p, 1, 2)])}`),
        ),
      };
    });
  });
  for (let i = 1; i <= 6; i++) {
    b.pair(`word-count-${i}`, 'arrays: counting words, in, delete, length(array)', (p) => {
      const text = Array.from({ length: p.int(1, 6) }, () =>
        Array.from({ length: p.int(1, 8) }, () => p.pick(['the', 'a', 'cat', 'dog', 'sat', word(p, 1, 3)])).join(' '),
      );
      const w = p.pick(['the', 'cat', 'zzz']);
      return {
        argv: [
          `{ for (i = 1; i <= NF; i++) n[$i]++ } END { PROCINFO["sorted_in"] = "@ind_str_asc"; for (w in n) print w, n[w]; print ("${w}" in n), length(n); delete n["${w}"]; print ("${w}" in n), length(n); delete n; print length(n) }`,
        ],
        stdin: lines(...text),
      };
    });
  }
  for (let i = 1; i <= 4; i++) {
    b.pair(`asort-${i}`, 'arrays: asort and asorti, with a destination and a sort order', (p) => {
      const vals = Array.from({ length: p.int(2, 8) }, () => (p.int(0, 1) ? String(p.int(-50, 50)) : word(p, 1, 4)));
      const how = p.pick(['', ', "@val_num_desc"', ', "@ind_str_desc"', ', "@val_str_asc"']);
      return {
        argv: [
          `BEGIN { n = split(${str(vals.join(' '))}, a); for (i = 1; i <= n; i++) b[a[i]] = i; m = asort(a, s${how}); for (i = 1; i <= m; i++) printf "%s ", s[i]; print ""; m = asorti(b, t${how}); for (i = 1; i <= m; i++) printf "%s ", t[i]; print ""; print asort(a); print a[1] }`,
        ],
      };
    });
  }
  b.two(
    'multi-dim',
    'arrays: SUBSEP subscripts, (i, j) in, split of a combined key',
    {
      argv: [
        '{ for (i = 1; i <= NF; i++) m[NR, i] = $i } END { PROCINFO["sorted_in"] = "@ind_str_asc"; for (k in m) { split(k, p, SUBSEP); print p[1], p[2], m[k] } print ((2, 1) in m), ((9, 9) in m) }',
      ],
      stdin: 'a b\nc d e\n',
    },
    { argv: ['BEGIN { SUBSEP = ":"; a[1, 2] = 3; for (k in a) print k; print ((1, 2) in a) }'] },
  );
  b.two(
    'arrays-of-arrays',
    'arrays: arrays of arrays, isarray and typeof',
    {
      argv: [
        'BEGIN { a[1][2] = "x"; a[1][3] = "y"; a[2] = 5; PROCINFO["sorted_in"] = "@ind_num_asc"; for (i in a) if (isarray(a[i])) for (j in a[i]) print i, j, a[i][j]; else print i, a[i]; print typeof(a), typeof(a[1]), typeof(a[2]), typeof(nosuch), typeof("s"), typeof(1) }',
      ],
    },
    {
      argv: [
        'BEGIN { a["x"]["y"]["z"] = 1; print length(a), length(a["x"]), typeof(a["x"]["y"]); delete a["x"]["y"]; print length(a["x"]) }',
      ],
    },
  );
  b.two(
    'sorted-in-function',
    'arrays: PROCINFO["sorted_in"] naming a user comparison function',
    {
      argv: [
        'function bylen(i1, v1, i2, v2,  d) { d = length(v1) - length(v2); if (d) return d; return v1 < v2 ? -1 : v1 > v2 } { a[NR] = $0 } END { PROCINFO["sorted_in"] = "bylen"; for (k in a) print a[k] }',
      ],
      stdin: 'pear\nfig\nbanana\nkiwi\napple\n',
    },
    {
      argv: [
        'function rev(i1, v1, i2, v2) { return i2 - i1 } BEGIN { for (i = 1; i <= 5; i++) a[i] = i * i; PROCINFO["sorted_in"] = "rev"; for (k in a) print k, a[k] }',
      ],
    },
  );
  b.two(
    'array-errors',
    'arrays: scalar/array misuse is fatal',
    { argv: ['BEGIN { a = 1; a[1] = 2 }'] },
    { argv: ['BEGIN { a[1] = 1; print a }'] },
  );
  b.two(
    'delete-in-loop',
    'arrays: deleting while iterating, and SYMTAB/FUNCTAB lookups',
    {
      argv: [
        'BEGIN { for (i = 0; i < 6; i++) a[i] = i; for (k in a) delete a[k]; print length(a); x = 3; print SYMTAB["x"]; print ("length" in FUNCTAB) }',
      ],
    },
    { argv: ['function f(a) { a["k"] = 1 } BEGIN { f(arr); print arr["k"]; print ("f" in FUNCTAB), FUNCTAB["f"] }'] },
  );
}

function addRegex(b: SuiteBuilder): void {
  const res = [
    '^[a-m]',
    '[0-9][0-9]',
    'a.c',
    '(cat|dog)s?',
    '^$',
    '[[:digit:]]+$',
    '\\<the\\>',
    'x{2,3}',
    '[^a-z ]',
    'b+a*',
    '\\y[a-z]{3}\\y',
    '[[:punct:]]',
    '^(ab)*$',
    '\\.',
    '[]a]',
    '\\s\\S',
    '\\w+\\W',
    '`ab',
  ];
  res.forEach((re, i) => {
    b.pair(
      `regex-${String(i + 1).padStart(2, '0')}`,
      'regex: patterns selecting lines (ERE, classes, intervals, GNU operators)',
      (p) => {
        const ls = Array.from({ length: p.int(3, 9) }, () =>
          p.pick([
            word(p, 0, 6),
            `${word(p)} ${p.int(0, 999)}`,
            'the cat sat',
            'dogs and cats',
            'xxx x xx',
            'ab ab',
            'a.c abc',
            '',
            'end.',
            ']a',
            'b ba',
            `${word(p, 1, 3)}!`,
          ]),
        );
        const prog = p.pick([
          `/${re}/`,
          `!/${re}/ { print NR }`,
          `$0 ~ "${re.replace(/\\/g, '\\\\')}" { print "m:" $0 }`,
          `/${re}/, /zz/`,
        ]);
        return { argv: [prog], stdin: lines(...ls) };
      },
    );
  });
  b.two(
    're-interval-traditional',
    'options: --traditional treats braces literally, --re-interval restores intervals',
    { argv: ['--traditional', '/a{2}/'], stdin: 'aa\na{2}\n' },
    { argv: ['--traditional', '--re-interval', '/a{2}/'], stdin: 'aa\na{2}\n' },
  );
  b.two(
    'dynamic-regex',
    'regex: dynamic regexps from strings and variables, escape sequences in them',
    {
      argv: ['-v', 're=^[0-9]+\\.', '$0 ~ re { print "num:" $0 } { print match($0, "\\\\.") }'],
      stdin: '12.5\nab.c\n3\n',
    },
    {
      argv: [
        'BEGIN { r = "a|b"; s = "xbx"; print (s ~ r), sub(r, "[&]", s), s; print ("a+b" ~ "a\\\\+b"), ("aab" ~ "a\\\\+b") }',
      ],
    },
  );
  b.two(
    'regex-constant-typed',
    'regex: @/re/ strongly typed regexp constants',
    { argv: ['BEGIN { r = @/[0-9]+/; print typeof(r); s = "a12b"; print gensub(r, "N", "g", s); print ("7" ~ r) }'] },
    { argv: ['function f(x) { return x ~ @/^a/ } BEGIN { print f("abc"), f("bca"); r = @/x/; print r }'] },
  );
  b.two(
    'bad-regex',
    'regex: invalid regexps are fatal with the reason',
    { argv: ['/a(b/'], stdin: 'x\n' },
    { argv: ['BEGIN { r = "[a"; print ("x" ~ r) }'] },
  );
  b.two(
    'posix-option',
    'options: --posix disables GNU extensions (\\y, func, **)',
    { argv: ['--posix', 'BEGIN { print ("a b" ~ /a\\yb/), 2**3 }'] },
    { argv: ['--posix', 'func f() { return 1 } BEGIN { print f() }'] },
  );
}

function addRecords(b: SuiteBuilder): void {
  for (let i = 1; i <= 6; i++) {
    b.pair(`rs-regex-${i}`, 'records: RS as a regexp, RT holds the matched terminator', (p) => {
      const rs = p.pick(['[,;]', '\\n\\n+', '[0-9]+', 'x|yy', '-+', '[[:space:]]+']);
      const parts = Array.from({ length: p.int(1, 7) }, () => word(p, 0, 5));
      const seps = [',', ';', '\n\n', '\n\n\n', '12', '7', 'x', 'yy', '--', '-', ' ', '\t\n'];
      let text = '';
      for (const part of parts) text += part + p.pick(seps);
      return {
        argv: ['-v', `RS=${rs}`, '{ printf "%d [%s] [%s]\\n", NR, $0, RT } END { print NR }'],
        stdin: text,
      };
    });
  }
  for (let i = 1; i <= 4; i++) {
    b.pair(`rs-paragraph-${i}`, 'records: RS = "" (paragraph mode) with newline as a field separator', (p) => {
      const paras = Array.from({ length: p.int(1, 4) }, () =>
        Array.from({ length: p.int(1, 3) }, () => `${word(p)} ${word(p)}`).join('\n'),
      );
      const gap = p.pick(['\n\n', '\n\n\n', '\n \n']);
      return {
        argv: ['BEGIN { RS = "" } { print NR ": " NF " fields, first " $1 ", last " $NF; print "[" RT "]" }'],
        stdin: '\n' + paras.join(gap) + '\n',
      };
    });
  }
  b.two(
    'rs-single-char',
    'records: RS as one character, ORS and the last record without terminator',
    { argv: ['-v', 'RS=;', '-v', 'ORS=|', '{ print $1 }'], stdin: 'a b;c d;e' },
    { argv: ['BEGIN { RS = "a"; ORS = "\\n" } { print NR, $0 }'], stdin: 'bananas\n' },
  );
  b.two(
    'rt-default',
    'records: RT with the default RS, and a final line without newline',
    { argv: ['{ print length(RT), $0 }'], stdin: 'one\ntwo' },
    { argv: ['END { print NR, $0, length(RT) }'], stdin: 'x\ny\nlast' },
  );
  for (let i = 1; i <= 5; i++) {
    b.pair(`fieldwidths-${i}`, 'fields: FIELDWIDTHS fixed-width fields, with skips and a rest field', (p) => {
      const fw = p.pick(['2 3 4', '1 1 1 1', '3:2 4', '2 *', '5 2:3 1', '4 4 4 4']);
      const rows = Array.from({ length: p.int(1, 5) }, () => word(p, 2, 14, 'abcdef0123456789 '));
      return {
        argv: [`BEGIN { FIELDWIDTHS = "${fw}" } { print NF; for (i = 1; i <= NF; i++) printf "[%s]", $i; print "" }`],
        stdin: lines(...rows),
      };
    });
  }
  for (let i = 1; i <= 5; i++) {
    b.pair(`fpat-${i}`, 'fields: FPAT describes the fields (CSV with quotes)', (p) => {
      const rows = Array.from({ length: p.int(1, 4) }, () =>
        Array.from({ length: p.int(1, 5) }, () =>
          p.pick([word(p, 0, 5), `"${word(p)}, ${word(p)}"`, String(p.int(0, 99))]),
        ).join(','),
      );
      const fpat = p.pick(['([^,]*)|("[^"]+")', '[^,]+', '[[:alnum:]]+', '"[^"]*"|[^,]*']);
      return {
        argv: ['-v', `FPAT=${fpat}`, '{ print NF; for (i = 1; i <= NF; i++) print i ": <" $i ">" }'],
        stdin: lines(...rows),
      };
    });
  }
  b.two(
    'fieldwidths-bad',
    'fields: an invalid FIELDWIDTHS is fatal',
    { argv: ['BEGIN { FIELDWIDTHS = "2 x" } { print $1 }'], stdin: 'abc\n' },
    { argv: ['BEGIN { FIELDWIDTHS = "-1" } { print $1 }'], stdin: 'abc\n' },
  );
  b.two(
    'procinfo-fs',
    'fields: PROCINFO["FS"] names the splitting in effect',
    {
      argv: [
        'BEGIN { print PROCINFO["FS"]; FPAT = "x"; print PROCINFO["FS"]; FIELDWIDTHS = "1"; print PROCINFO["FS"]; FS = ","; print PROCINFO["FS"] }',
      ],
    },
    { argv: ['-v', 'FPAT=[a-z]+', 'BEGIN { print PROCINFO["FS"] } { print $2 }'], stdin: '12ab34cd\n' },
  );
}

function addFiles(b: SuiteBuilder): void {
  for (let i = 1; i <= 5; i++) {
    b.pair(`two-files-${i}`, 'input: several files, FILENAME, FNR versus NR, the NR == FNR join', (p) => {
      const keys = Array.from({ length: p.int(2, 6) }, () => word(p, 2, 4));
      const a = lines(...keys.map((k) => `${k} ${p.int(0, 99)}`));
      const bb = lines(...keys.filter(() => p.int(0, 2) > 0).map((k) => `${k} ${word(p)}`), `${word(p, 5, 6)} none`);
      return {
        argv: [
          'NR == FNR { v[$1] = $2; next } { print FILENAME, FNR, NR, $1, ($1 in v) ? v[$1] : "-" }',
          'a.txt',
          'b.txt',
        ],
        files: { 'a.txt': a, 'b.txt': bb },
      };
    });
  }
  for (let i = 1; i <= 4; i++) {
    b.pair(`getline-file-${i}`, 'input: getline var < file, getline < file, close and reread', (p) => {
      const content = table(p, p.int(1, 5), p.int(1, 3));
      return {
        argv: [
          'BEGIN { while ((r = (getline line < "data")) > 0) n++; print n, r, line; close("data"); getline < "data"; print $0, NF, NR; print (getline x < "missing") }',
        ],
        files: { data: content },
      };
    });
  }
  b.two(
    'getline-plain',
    'input: plain getline and getline var advance NR and the record',
    {
      argv: ['NR == 1 { getline; print "after:", $0, NR; getline v; print "v:", v, NR, $0 }'],
      stdin: 'l1\nl2\nl3\nl4\n',
    },
    { argv: ['{ while ((getline) > 0) last = $0 } END { print NR, last }'], stdin: 'a\nb\nc\n' },
  );
  b.two(
    'argv-assignments',
    'input: var=value operands between files, ARGV and ARGC',
    { argv: ['{ print x, $0 }', 'x=1', 'f1', 'x=2', 'f1'], files: { f1: 'line\n' } },
    {
      argv: [
        'BEGIN { for (i = 0; i < ARGC; i++) print i, ARGV[i]; ARGV[1] = ""; } { print FILENAME ": " $0 }',
        'nosuch',
        'f1',
      ],
      files: { f1: 'only\n' },
    },
  );
  b.two(
    'missing-file',
    'input: a missing input file is fatal (exit 2) after the files before it',
    { argv: ['{ print FILENAME, $0 }', 'nosuch', 'f1'], files: { f1: 'x\n' } },
    { argv: ['END { print NR }', 'f1', 'missing.txt'], files: { f1: 'a\nb\n' } },
  );
  b.two(
    'stdin-dash',
    'input: "-" names stdin among files, and /dev/stdin',
    { argv: ['{ print FILENAME ":" $0 }', 'f1', '-', 'f1'], stdin: 'from stdin\n', files: { f1: 'from file\n' } },
    { argv: ['{ print FILENAME ":" $0 }', '/dev/stdin'], stdin: 'via dev\n' },
  );
  b.two(
    'nextfile-beginfile',
    'input: nextfile, BEGINFILE and ENDFILE',
    {
      argv: [
        'BEGINFILE { print "begin", FILENAME } FNR == 2 { nextfile } { print } ENDFILE { print "end", FILENAME, FNR }',
        'a',
        'b',
      ],
      files: { a: '1\n2\n3\n', b: 'x\ny\n' },
    },
    {
      argv: ['BEGINFILE { if (ERRNO) { print "skip", FILENAME; nextfile } } { print FILENAME, $0 }', 'nosuch', 'b'],
      files: { b: 'q\n' },
    },
  );
  b.two(
    'directory-operand',
    'input: a directory operand is skipped with a warning',
    { argv: ['{ print }', 'sub', 'f'], files: { 'sub/x': 'inner\n', f: 'outer\n' } },
    { argv: ['--posix', '{ print }', 'sub'], files: { 'sub/x': 'inner\n' } },
  );
  b.two(
    'argind',
    'input: ARGIND counts the operand being read',
    { argv: ['FNR == 1 { print ARGIND, ARGV[ARGIND] }', 'a', 'b', 'a'], files: { a: '1\n', b: '2\n' } },
    { argv: ['{ print ARGIND, $0 }', 'x=1', 'a'], files: { a: '1\n2\n' } },
  );
}

function addOutput(b: SuiteBuilder): void {
  for (let i = 1; i <= 5; i++) {
    b.pair(`redirect-${i}`, 'output: print > file, >> append, close and reopen', (p) => {
      const name = `${word(p, 2, 5)}.out`;
      const ws = Array.from({ length: p.int(1, 4) }, () => word(p));
      return {
        argv: [
          `{ print $1 > "${name}"; print NR >> "log.txt" } END { close("${name}"); print "again" > "${name}"; printf "%s\\n", "${ws.join(' ')}" > "/dev/stderr"; print "done" }`,
        ],
        stdin: table(p, p.int(1, 4), 2),
        files: { 'log.txt': 'existing\n' },
      };
    });
  }
  b.two(
    'split-into-files',
    'output: one output file per key (many open files)',
    { argv: ['{ print $2 > ($1 ".part") } END { print NR }'], stdin: 'a 1\nb 2\na 3\nc 4\nb 5\n' },
    {
      argv: ['{ f = "n" ($1 % 3); print > f } END { for (i = 0; i < 3; i++) close("n" i) }'],
      stdin: '1\n2\n3\n4\n5\n6\n7\n',
    },
  );
  b.two(
    'dev-stdout-stderr',
    'output: /dev/stdout, /dev/stderr, /dev/fd/N and close of them',
    {
      argv: [
        'BEGIN { print "out" > "/dev/stdout"; print "err" > "/dev/stderr"; print "fd2" > "/dev/fd/2"; print "fd1" > "/dev/fd/1" }',
      ],
    },
    { argv: ['BEGIN { printf "a" > "/dev/stderr"; print "b" > "/dev/stdout"; fflush(); print "c" }'] },
  );
  b.two(
    'close-return',
    'output: close() of an unopened file is -1, of a file 0, fflush()',
    { argv: ['BEGIN { print close("nothing"); print "x" > "f"; print close("f"); print fflush("f"), fflush() }'] },
    { argv: ['--lint', 'BEGIN { print close("nothing") }'] },
  );
  b.two(
    'read-directory',
    'input: getline from a directory fails with -1, files inside it are read',
    { argv: ['BEGIN { getline x < "d"; print "r", x; print (getline y < "d") }'], files: { 'd/f': 'x\n' } },
    {
      argv: ['BEGIN { while ((getline l < "d/f") > 0) print "f:", l; print (getline l < "d") }'],
      files: { 'd/f': 'x\ny\n' },
    },
  );
  b.two(
    'ors-output',
    'output: ORS, OFS and print with no arguments',
    { argv: ['BEGIN { ORS = "\\r\\n"; OFS = ":" } { $1 = $1; print; print $1, $2 }'], stdin: 'a b c\n' },
    { argv: ['-v', 'ORS=', '{ print $0 }'], stdin: 'x\ny\n' },
  );
}

function addControl(b: SuiteBuilder): void {
  for (let i = 1; i <= 5; i++) {
    b.pair(`functions-${i}`, 'functions: recursion, local arrays, arrays by reference', (p) => {
      const n = p.int(0, 18);
      return {
        argv: [
          `function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } function fill(a, n,  i) { for (i = 1; i <= n; i++) a[i] = i * i } BEGIN { print fact(${n}), fib(${Math.min(n, 20)}); fill(arr, ${p.int(1, 6)}); for (i = 1; i in arr; i++) printf "%d ", arr[i]; print "" }`,
        ],
      };
    });
  }
  for (let i = 1; i <= 4; i++) {
    b.pair(`switch-${i}`, 'control: switch with constants, regexps and default', (p) => {
      return {
        argv: [
          '{ switch ($1) { case 1: print "one"; break; case "two": print "two"; case /^t/: print "t-word"; break; case /[0-9]+/: print "number"; break; default: print "other:" $1 } }',
        ],
        stdin: lines(...Array.from({ length: p.int(2, 6) }, () => p.pick(['1', 'two', 'three', '42', word(p), '1.0']))),
      };
    });
  }
  b.two(
    'loops',
    'control: while, do-while, for, break and continue',
    {
      argv: [
        'BEGIN { i = 0; do { i++; if (i == 2) continue; if (i > 5) break; printf "%d ", i } while (1); print ""; for (;;) { if (++j > 3) break }; print j; while (k < 3) k++; print k }',
      ],
    },
    { argv: ['BEGIN { for (i = 10; i > 0; i -= 3) printf "%d,", i; print ""; do print "once"; while (0) }'] },
  );
  b.two(
    'next-exit',
    'control: next, exit in a rule runs END, exit status from END',
    { argv: ['/skip/ { next } { print } /stop/ { exit 3 } END { print "end", NR }'], stdin: 'a\nskip\nb\nstop\nc\n' },
    { argv: ['{ exit } END { print "in end"; exit 7 }'], stdin: 'x\n' },
  );
  b.two(
    'exit-values',
    'control: exit with expressions, exit in BEGIN skips input',
    { argv: ['BEGIN { exit 1 + 1 } { print "never" }'], stdin: 'x\n' },
    { argv: ['BEGIN { exit "3x" } END { print "end runs" }'] },
  );
  b.two(
    'ternary-in-and-getline-precedence',
    'control: conditional expression, in operator, regex match operators',
    {
      argv: ['{ print ($1 > 5 ? "big" : "small"), ($1 ~ /^[0-9]+$/ ? "int" : "not"), !($1 in seen); seen[$1] }'],
      stdin: '3\n10\nx\n3\n',
    },
    { argv: ['BEGIN { x = 1 ? 2 ? "a" : "b" : "c"; print x; print 1 < 2 ? "y" : "n"; print !0 + 1, -"3" }'] },
  );
  b.two(
    'range-patterns',
    'patterns: ranges, BEGIN/END only, and compound patterns',
    { argv: ['/start/, /end/ { print NR ": " $0 }'], stdin: 'x\nstart\na\nend\ny\nstart\nb\n' },
    { argv: ['NR == 2, NR == 3 { print "r", $0 } NR % 2 && /a/ { print "odd-a", $0 }'], stdin: 'a\nb\nca\nd\nea\n' },
  );
  b.two(
    'indirect-call',
    'functions: indirect calls through @var',
    {
      argv: [
        'function up(s) { return toupper(s) } function twice(s) { return s s } BEGIN { f = "up"; print @f("ab"); f = "twice"; print @f("ab") }',
      ],
    },
    {
      argv: [
        'function apply(fn, x) { return @fn(x) } function neg(x) { return -x } BEGIN { print apply("neg", 5), apply("length", "abc") }',
      ],
    },
  );
  b.two(
    'uninitialized',
    'control: uninitialized variables are "" and 0, length of them',
    { argv: ['BEGIN { print x + 0, "[" x "]", length(x), (x == 0), (x == "") }'] },
    { argv: ['{ s = s $1 } END { print s, length(s), t++, t }'], stdin: 'a\nb\n' },
  );
  b.two(
    'getline-var-nr',
    'input: getline var < "-" reads stdin inside BEGIN',
    { argv: ['BEGIN { while ((getline l < "-") > 0) print "got", l; print NR }'], stdin: 'p\nq\n' },
    { argv: ['BEGIN { getline; print "first:", $1, NR } { print "rule:", $0 }'], stdin: 'one two\nthree\n' },
  );
  b.two(
    'namespaces',
    'functions: @namespace and qualified names',
    { argv: ['@namespace "ns"; function f() { return "in ns" } BEGIN { x = 1; print ns::x, f(), awk::length("ab") }'] },
    { argv: ['@namespace "a"; v = 5; BEGIN { print v, a::v }'] },
  );
}

function addStrftime(b: SuiteBuilder): void {
  const specs = [
    'Y',
    'm',
    'd',
    'H',
    'M',
    'S',
    'j',
    'a',
    'A',
    'b',
    'B',
    'y',
    'e',
    'U',
    'W',
    'u',
    'w',
    'C',
    'D',
    'F',
    'T',
    'R',
    'c',
    'x',
    'X',
    'p',
    'I',
    'h',
    'n',
    't',
    '%',
    's',
    'G',
    'g',
    'V',
    'z',
    'r',
  ];
  for (let i = 1; i <= 10; i++) {
    b.pair(
      `strftime-${String(i).padStart(2, '0')}`,
      'time: strftime with a fixed time (UTC), gmtime flag, mktime',
      (p) => {
        const fmt = Array.from({ length: p.int(2, 6) }, () => `%${p.pick(specs)}`).join(p.pick([' ', '|', '-', '']));
        const t = p.int(-100000000, 4000000000);
        const y = p.int(1971, 2037);
        const mk = `${y} ${p.int(0, 13)} ${p.int(0, 32)} ${p.int(0, 25)} ${p.int(0, 61)} ${p.int(0, 61)}`;
        return {
          argv: [
            `BEGIN { print strftime("${fmt}", ${t}); print strftime("${fmt}", ${t}, 1); t = mktime("${mk}"); print t, strftime("%F %T", t) }`,
          ],
        };
      },
    );
  }
  b.two(
    'mktime-edge',
    'time: mktime of malformed and out-of-range dates, utc flag',
    {
      argv: [
        'BEGIN { print mktime("2000 1 1 0 0 0"), mktime("garbage"), mktime("2000 1"), mktime("1970 1 1 0 0 0 0"), mktime("2021 2 29 0 0 0", 1) }',
      ],
    },
    {
      argv: ['BEGIN { print mktime("1999 12 31 23 59 60"), mktime("2038 01 19 03 14 08"), mktime("1900 1 1 0 0 0") }'],
    },
  );
  b.two(
    'strftime-defaults',
    'time: PROCINFO["strftime"] is the default format, strftime(fmt, t) with a string time',
    {
      argv: [
        'BEGIN { print PROCINFO["strftime"]; print strftime(PROCINFO["strftime"], 0); PROCINFO["strftime"] = "%Y"; print strftime(PROCINFO["strftime"], 1e9) }',
      ],
    },
    { argv: ['BEGIN { print strftime("%Y-%m-%d", "86400"), strftime("%H", 3600.9), strftime("", 5) }'] },
  );
  b.two(
    'strftime-negative',
    'time: a negative time is fatal in strftime',
    { argv: ['BEGIN { print strftime("%Y", -1e20) }'] },
    { argv: ['--lint', 'BEGIN { print strftime("%Y", "x") }'] },
  );
}

function addOptions(b: SuiteBuilder): void {
  b.two(
    'option-f',
    'options: -f program files, several -f, -- before operands',
    {
      argv: ['-f', 'prog.awk', 'in'],
      files: { 'prog.awk': '# comment\n{ print NR ": " toupper($0) }\n', in: 'a\nb\n' },
    },
    {
      argv: ['-f', 'a.awk', '-f', 'b.awk', '--', 'in'],
      files: { 'a.awk': 'function g(x) { return x "!" }\n', 'b.awk': '{ print g($1) }\n', in: 'hi there\n' },
    },
  );
  b.two(
    'long-options',
    'options: long forms with = (--file, --field-separator, --include)',
    {
      argv: ['--field-separator=:', '--include=lib.awk', '--file=p.awk', 'in'],
      files: { 'lib.awk': 'function first(x) { return x }\n', 'p.awk': '{ print first($2) }\n', in: 'a:b:c\n1:2:3\n' },
    },
    { argv: ['--file', 'p.awk', '--field-separator', ',', 'in'], files: { 'p.awk': '{ print NF }\n', in: 'a,b\n,\n' } },
  );
  b.two(
    'long-option-prefixes',
    'options: unique prefixes of long options, and an ambiguous one',
    { argv: ['--trad', '--field=,', '{ print $2 }'], stdin: 'a,b\n' },
    { argv: ['--s', 'BEGIN { print 1 }'] },
  );
  b.two('option-f-missing', 'options: -f of a missing file is fatal', { argv: ['-f', 'nosuch.awk'] }, { argv: ['-f'] });
  b.two(
    'option-e',
    'options: -e/--source program text combined with -f',
    { argv: ['-e', 'BEGIN { print "e1" }', '-e', 'END { print "e2", NR }'], stdin: 'x\n' },
    {
      argv: ['-f', 'lib.awk', '--source', 'BEGIN { print lib(3) }'],
      files: { 'lib.awk': 'function lib(n) { return n * 2 }\n' },
    },
  );
  b.two(
    'option-i-include',
    'options: -i and @include load a library once',
    {
      argv: ['-i', 'lib.awk', 'BEGIN { print twice(4) }'],
      files: { 'lib.awk': 'function twice(x) { return 2 * x }\n' },
    },
    {
      argv: ['@include "lib.awk"\n@include "lib.awk"\nBEGIN { print twice("ab") }'],
      files: { 'lib.awk': 'function twice(x) { return x x }\n' },
    },
  );
  b.two(
    'include-missing',
    'options: @include of a missing file is fatal',
    { argv: ['@include "nope"\nBEGIN { print 1 }'] },
    { argv: ['-i', 'nope.awk', 'BEGIN { print 1 }'] },
  );
  for (let i = 1; i <= 4; i++) {
    b.pair(`option-v-${i}`, 'options: -v and --assign with escapes, numbers and several variables', (p) => {
      const a = p.pick([word(p), String(p.int(-99, 999)), 'tab\\there', 'nl\\nx', '3.0', ' 7 ', 'a\\\\b']);
      return {
        argv: ['-v', `a=${a}`, `--assign=b=${word(p)}`, 'BEGIN { print "[" a "]", length(a), a + 0, (a == a + 0), b }'],
      };
    });
  }
  b.two(
    'option-v-bad',
    'options: -v with an invalid variable name is fatal',
    { argv: ['-v', '1x=3', 'BEGIN { print 1 }'] },
    { argv: ['-v', 'NF=3', '-v', 'noequals', 'BEGIN { print NF }'] },
  );
  b.two(
    'option-traditional',
    'options: -c/--traditional turns off GNU extensions',
    { argv: ['--traditional', 'BEGIN { print length("abc"); print gensub(/a/, "b", "g", "aa") }'] },
    { argv: ['-c', '{ print $1 } /\\y/ { print "y" }'], stdin: 'a y\n' },
  );
  b.two(
    'option-posix-misc',
    'options: --posix field splitting with newline in FS, and ** refused',
    { argv: ['-P', '-F', 'x', '{ print NF }'], stdin: 'axbxc\n' },
    { argv: ['--posix', 'BEGIN { x = 2; x **= 2; print x }'] },
  );
  b.two(
    'option-lint',
    'options: --lint warnings on stderr',
    { argv: ['--lint', 'BEGIN { x; y = z; if (q = 1) print length }'] },
    { argv: ['-L', '{ print $0 > "f"; print "x" > "f" } END { substr("abc", 0) }', 'in'], files: { in: 'a\n' } },
  );
  b.two(
    'option-lint-fatal',
    'options: --lint=fatal makes the first warning fatal, --lint=invalid only some',
    { argv: ['--lint=fatal', 'BEGIN { print x + 1 }'] },
    { argv: ['--lint=invalid', 'BEGIN { print x + 1; print substr("a", 0) }'] },
  );
  b.two(
    'option-lint-old',
    'options: -t/--lint-old warns about constructs old awks lack',
    { argv: ['-t', 'BEGIN { print length("x") ^ 2; x = 2; x ^= 3 }'] },
    { argv: ['--lint-old', 'BEGIN { printf "%s\\n", toupper("a") }'] },
  );
  b.two(
    'option-sandbox',
    'options: --sandbox refuses redirection, system and ARGV additions',
    { argv: ['--sandbox', 'BEGIN { print "x" > "out" }'] },
    { argv: ['-S', 'BEGIN { ARGV[1] = "f"; ARGC = 2 } { print }'], files: { f: 'x\n' } },
  );
  b.two(
    'option-sandbox-getline',
    'options: --sandbox refuses getline from a file but reads operands',
    { argv: ['--sandbox', 'BEGIN { getline x < "f"; print x }'], files: { f: 'x\n' } },
    { argv: ['--sandbox', '{ print FILENAME, $0 }', 'f'], files: { f: 'ok\n' } },
  );
  b.two(
    'option-pretty-print',
    'options: -o/--pretty-print writes the reformatted program',
    {
      argv: [
        '--pretty-print=pp.awk',
        'BEGIN{x=1;if(x)print "a";else{print "b"}}function f(a,b){return a+b}{c[$1]++}END{for(k in c)print k,c[k]}',
      ],
    },
    { argv: ['-o-', '# comment\n/x/,/y/{n++} ; END{print n;while(i<3)i++;do{i--}while(i>0);print i}'] },
  );
  b.two(
    'option-pretty-print-default',
    'options: -o without a file writes awkprof.out',
    { argv: ['-o', 'BEGIN { printf("%s\\n", "a" "b"); a["x"] = 1; delete a; switch (1) { case 1: break } }'] },
    { argv: ['--pretty-print', '@namespace "n"\nfunction g() { return 1 }\nBEGIN { print g() }'] },
  );
  b.two(
    'option-characters-as-bytes',
    'options: -b makes length and substr count bytes',
    { argv: ['-b', '{ print length($0), substr($0, 1, 2) }'], stdin: 'ééé\n' },
    { argv: ['--characters-as-bytes', 'BEGIN { printf "%c|%.1s|\\n", "é", "é" }'] },
  );
  b.two(
    'option-gen-pot',
    'options: -g/--gen-pot lists _"..." strings as a .pot file',
    { argv: ['--gen-pot', 'BEGIN { TEXTDOMAIN = "t"; print _"hello"; print _"world"; print dcgettext("x") }'] },
    { argv: ['-g', '-f', 'p.awk'], files: { 'p.awk': 'BEGIN {\n  print _"first"\n  printf(_"n=%d\\n", 3)\n}\n' } },
  );
  b.two(
    'option-copyright',
    'options: -C/--copyright prints the licence notice',
    { argv: ['-C'] },
    { argv: ['--copyright', 'BEGIN { print "ignored" }'] },
  );
  b.two(
    'option-usage',
    'options: -h/--usage prints the usage on stdout, exit 0',
    { argv: ['-h'] },
    { argv: ['--usage'] },
  );
  b.two(
    'option-invalid',
    'options: an unknown option prints the usage on stderr, exit 1',
    { argv: ['--nosuch', 'BEGIN { print 1 }'] },
    { argv: ['-Q', 'BEGIN { print 1 }'] },
  );
  b.two('option-missing-arg', 'options: an option missing its argument', { argv: ['-F'] }, { argv: ['-v'] });
  b.two('no-program', 'options: no program text at all prints the usage', { argv: [] }, { argv: ['--', ''] });
  b.two(
    'option-optimize',
    'options: -O and -s (--no-optimize) give the same results',
    { argv: ['-O', 'BEGIN { x = 2 * 3 + 1; print x; print "a" "b" }'] },
    { argv: ['-s', 'BEGIN { x = 2 * 3 + 1; print x; print "a" "b" }'] },
  );
  b.two(
    'option-use-lc-numeric',
    'options: -N/--use-lc-numeric in the C locale keeps the point',
    { argv: ['-N', 'BEGIN { printf "%.2f\\n", 3.14159; print 1.5 }'] },
    { argv: ['--use-lc-numeric', '{ print $1 * 2 }'], stdin: '1.25\n' },
  );
  b.two(
    'option-exec',
    'options: -E/--exec takes the program from a file and ends option parsing',
    { argv: ['-E', 'p.awk', '-v', 'x=1'], files: { 'p.awk': 'BEGIN { for (i = 1; i < ARGC; i++) print ARGV[i] }\n' } },
    { argv: ['--exec', 'p.awk', 'in'], files: { 'p.awk': '{ print "exec:", $0 }\n', in: 'q\n' } },
  );
  b.two(
    'option-load-fails',
    'options: -l and @load cannot load extensions (none are built or installed)',
    { argv: ['-l', 'nosuch', 'BEGIN { print 1 }'] },
    { argv: ['@load "nosuch"\nBEGIN { print 1 }'] },
  );
  b.two(
    'dump-variables',
    'options: --dump-variables writes the globals to a file (PROCINFO deleted first: its size depends on the build)',
    {
      argv: [
        '--dump-variables=vars.txt',
        'BEGIN { delete PROCINFO; delete ENVIRON; x = 1; s = "str"; a["k"] = 2; r = @/re/ }',
      ],
    },
    { argv: ['-d', '{ delete PROCINFO; n += NF; last = $0 }', 'in'], files: { in: 'a b\nc\n' } },
  );
  b.two(
    'environ',
    "input: ENVIRON holds the contract environment and the test's own",
    { argv: ['BEGIN { PROCINFO["sorted_in"] = "@ind_str_asc"; for (k in ENVIRON) print k "=" ENVIRON[k] }'] },
    { argv: ['BEGIN { print ENVIRON["GREETING"], length(ENVIRON["NOSUCH"]) }'], env: { GREETING: 'hi there' } },
  );
  b.two(
    'awkpath',
    'options: AWKPATH finds -f and @include files in a directory',
    { argv: ['-f', 'p.awk'], env: { AWKPATH: 'lib' }, files: { 'lib/p.awk': 'BEGIN { print "from lib" }\n' } },
    {
      argv: ['@include "q"\nBEGIN { print q() }'],
      env: { AWKPATH: 'a:b' },
      files: { 'b/q.awk': 'function q() { return "found .awk" }\n' },
    },
  );
  b.two(
    'posixly-correct',
    'options: POSIXLY_CORRECT in the environment acts as --posix',
    { argv: ['BEGIN { print 2**2 }'], env: { POSIXLY_CORRECT: '1' } },
    { argv: ['{ print length }'], env: { POSIXLY_CORRECT: '' }, stdin: 'abc\n' },
  );
}

function addErrors(b: SuiteBuilder): void {
  const broken = [
    'BEGIN { print 1',
    'BEGIN { x = }',
    '{ print $ }',
    'BEGIN { if (1) else print 2 }',
    'function f( { }',
    'BEGIN { print "unterminated }',
    'BEGIN { getline < }',
    '{ a[ = 1 }',
    'BEGIN { x = 1 +* 2 }',
    'function f(a, a) { return a }',
    'BEGIN { return 1 }',
    'BEGIN { next }',
    'function length() { }',
    'BEGIN { f() }',
    'BEGIN { print /* */ }',
    '{ print }}',
    'BEGIN { x = "a\nb" }',
    'BEGIN { printf }',
    'BEGIN { break }',
    'BEGIN { case 1: }',
    'END { getline var var }',
    'BEGIN { @ }',
    'BEGIN { x = 08 + 09; print x } BEGIN { print 1e }',
    'function f(x) { x[1] = 1 } BEGIN { y = 1; f(y) }',
    'BEGIN { NF() }',
    'func',
    'BEGIN {\n  x = 1\n  y = (2\n}\n',
    '/abc',
    'BEGIN { print > }',
    'BEGIN { delete }',
  ];
  broken.forEach((prog, i) => {
    b.one(`syntax-error-${String(i + 1).padStart(2, '0')}`, 'errors: syntax and semantic errors with their messages', {
      argv: [prog],
    });
  });
  for (let i = 1; i <= 6; i++) {
    b.pair(`syntax-error-file-${i}`, 'errors: syntax errors in a -f file name the file and line', (p) => {
      const good = Array.from({ length: p.int(0, 4) }, () => `{ x${word(p, 1, 2)} = ${p.int(0, 9)} }`);
      const bad = p.pick(['{ print (1 }', 'BEGIN { if }', 'function () {}', '{ $0 = = 1 }', 'END { for (;; }']);
      return { argv: ['-f', 'bad.awk'], files: { 'bad.awk': lines(...good, bad, '{ print }') } };
    });
  }
  b.two(
    'fatal-messages',
    'errors: run-time fatal errors (function called with too many arguments, non-function)',
    { argv: ['function f(a) { return a } BEGIN { print f(1, 2) }'] },
    { argv: ['BEGIN { x = "length"; print @x() ; y = "nosuchfn"; print @y() }'] },
  );
  b.two(
    'fatal-in-rule',
    'errors: a fatal error in a rule stops the run after earlier output',
    { argv: ['{ print "got", $0; if (NR == 2) { a = 1; a[1] = 1 } }'], stdin: 'a\nb\nc\n' },
    { argv: ['{ print; printf "%d %d\\n", $1 }'], stdin: '5\n' },
  );
  b.two(
    'warning-messages',
    'errors: run-time warnings (substr of bad positions, regexp escapes)',
    { argv: ['--lint', 'BEGIN { print substr("hello", 2, -1), substr("x", 1.5) ; print ("a" ~ "\\q") }'] },
    { argv: ['BEGIN { print index("abc", /b/); print "\\q" }'] },
  );
  b.two(
    'deep-recursion',
    'functions: deep (but finite) recursion',
    { argv: ['function r(n) { return n == 0 ? 0 : 1 + r(n - 1) } BEGIN { print r(5000) }'] },
    { argv: ['function s(n, acc) { if (n == 0) return acc; return s(n - 1, acc + n) } BEGIN { print s(3000, 0) }'] },
  );
}

function addPipesRefused(b: SuiteBuilder): void {
  // Only what gawk decides before it tries to start a process: the sandbox refusal and a syntax error.
  b.two(
    'sandbox-pipes',
    'options: --sandbox refuses pipes and system() before any process is started',
    { argv: ['--sandbox', 'BEGIN { print "x" | "cat" }'] },
    { argv: ['--sandbox', 'BEGIN { "date" | getline d; print d }'] },
  );
  b.two(
    'sandbox-system',
    'options: --sandbox refuses system() and two-way pipes',
    { argv: ['--sandbox', 'BEGIN { system("echo hi") }'] },
    { argv: ['--sandbox', 'BEGIN { print "x" |& "cat" }'] },
  );
}

function addBytes(b: SuiteBuilder): void {
  b.two(
    'high-bytes',
    'input: bytes above 0x7f in data, regexps and fields',
    {
      argv: ['{ print NF, length($0), toupper($0); gsub(/[\x80-\xff]/, "?"); print }'],
      stdin: latin1('caf\xe9 \xff\xfe na\xefve\n\xc3\xa9\xc3\xa8\n'),
    },
    { argv: ['-F', '\xe9', '{ print $2; print index($0, "\xe9") }'], stdin: latin1('a\xe9b\xe9c\n') },
  );
  b.two(
    'nul-bytes',
    'input: NUL bytes in records, RS="\\0" style splitting',
    { argv: ['{ print length($0); gsub(/\\0/, "<NUL>"); print }'], stdin: latin1('a\x00b\x00\x00c\n\x00\n') },
    { argv: ['BEGIN { RS = "\\0" } { print NR ": " $0 }'], stdin: latin1('one\x00two\x00three') },
  );
  b.two(
    'crlf',
    'input: CR-LF lines keep the CR in the last field',
    { argv: ['{ print NF, length($NF) }'], stdin: 'a b\r\nc\r\n' },
    { argv: ['-v', 'RS=\r\n', '{ print "[" $0 "]" }'], stdin: 'a b\r\nc\r\n' },
  );
  b.two(
    'empty-input',
    'input: empty input runs BEGIN and END only',
    { argv: ['BEGIN { print "b" } { print "r" } END { print "e", NR }'], stdin: '' },
    { argv: ['END { print NR, "[" $0 "]" }'], stdin: '\n' },
  );
  b.two(
    'long-lines',
    'input: long records and many records',
    {
      argv: ['{ n += length($0); m = NF > m ? NF : m } END { print NR, n, m }'],
      stdin: lines(...Array.from({ length: 400 }, (_, i) => 'w '.repeat(i % 60) + i)),
    },
    { argv: ['{ print length($0), NF, $NF }'], stdin: 'x'.repeat(30000) + ' ' + 'y '.repeat(5000) + '\n' },
  );
  b.two(
    'no-final-newline',
    'input: the last record without a newline is a record',
    { argv: ['{ print NR ":" $0 }'], stdin: 'a\nb' },
    { argv: ['-F', ',', '{ print $2 }'], stdin: '1,2\n3,4' },
  );
  b.two(
    'escape-sequences',
    'strings: escape sequences in string constants (octal, \\/, \\a, \\b, \\v)',
    { argv: ['BEGIN { print "a\\tb\\101\\x41\\/\\"" ; print length("\\a\\b\\f\\v\\r") }'] },
    { argv: ['BEGIN { printf "%s|%s\\n", "\\061\\0622", "x\\\\y" }'] },
  );
  b.two(
    'program-high-bytes',
    'input: bytes above 0x7f in the program text and -v values',
    { argv: ['-v', 'v=\xe9t\xe9', 'BEGIN { print v, length(v), "\xff" }'] },
    { argv: ['BEGIN { s = "\xe0\xe1"; print toupper(s), substr(s, 2), index(s, "\xe1") }'] },
  );
}

function addMore(b: SuiteBuilder): void {
  b.two(
    'option-trace',
    'options: -I/--trace prints each byte-code instruction on stderr',
    { argv: ['-I', 'BEGIN { x = 1; print x + 2 }'] },
    { argv: ['--trace', '{ print $1 }'], stdin: 'a b\n' },
  );
  b.two(
    'option-w-forms',
    'options: -W long-option forms and --lint=no-ext',
    { argv: ['-Wlint', 'BEGIN { x }'] },
    { argv: ['-W', 'sandbox', '--lint=no-ext', 'BEGIN { print length() }'] },
  );
  b.two(
    'printf-char-large',
    'printf: %c of numbers above 255 and of fractions',
    { argv: ['BEGIN { printf "%c|%c|%c\n", 256, 1000, 65.9 }'] },
    { argv: ['BEGIN { printf "[%c][%3c]\n", 511, 300.5 }'] },
  );
  b.two(
    'procinfo-portable',
    'arrays: PROCINFO entries that do not depend on the build (FS, identifiers, argv, strftime)',
    {
      argv: [
        'BEGIN { print PROCINFO["FS"], PROCINFO["identifiers"]["length"], PROCINFO["identifiers"]["x"], PROCINFO["argv"][0], PROCINFO["argv"][1] }',
      ],
    },
    {
      argv: [
        'function f() { } BEGIN { x = 1; print PROCINFO["identifiers"]["f"], PROCINFO["identifiers"]["x"], PROCINFO["strftime"] }',
      ],
    },
  );
  b.two(
    'huge-width',
    'printf: very wide fields stay bounded',
    { argv: ['BEGIN { x = sprintf("%*c", 100000, "x"); print length(x), substr(x, 99999) }'] },
    { argv: ['BEGIN { x = sprintf("%-50000d|", 7); print length(x) }'] },
  );
  b.two(
    'argv-in-begin',
    'input: reading ARGV[1] with getline in BEGIN, then as an operand',
    {
      argv: ['BEGIN { while ((getline line < ARGV[1]) > 0) n++; print n } { print "rule", $0 }', 'f'],
      files: { f: 'a\nb\n' },
    },
    {
      argv: ['BEGIN { getline l < ARGV[2]; print l; close(ARGV[2]) } END { print NR }', 'f', 'g'],
      files: { f: 'x\n', g: 'y\nz\n' },
    },
  );
  b.two(
    'errno',
    'input: ERRNO after a failed getline and after a successful one',
    {
      argv: [
        'BEGIN { print "[" ERRNO "]"; r = getline x < "nosuch"; print r, ERRNO; getline x < "f"; print "[" ERRNO "]", x }',
      ],
      files: { f: 'ok\n' },
    },
    { argv: ['BEGIN { print close("nosuch"), ERRNO }'] },
  );
  b.two(
    'redirect-subdirectory',
    'output: redirecting into an existing subdirectory, and into a missing one (fatal)',
    { argv: ['BEGIN { print substr("hello", 2) > "out/x"; print "y" > "out/y" }'], files: { 'out/keep': '' } },
    { argv: ['BEGIN { print "a" > "nodir/new.txt" }'] },
  );
  b.two(
    'binmode',
    'options: BINMODE has no effect on POSIX systems',
    { argv: ['-v', 'BINMODE=1', 'BEGIN { print "x" }'] },
    { argv: ['-v', 'BINMODE=rw', '{ print }'], stdin: 'a\r\nb\n' },
  );
  b.two(
    'float-precision',
    'printf: long precisions, rounding of halves, OFMT of large and small numbers',
    {
      argv: [
        'BEGIN { printf "%.30f\n%.20e\n%.17g\n", 0.1, 1/3, 2/3; printf "%.0f %.0f %.0f %.0f\n", 0.5, 1.5, 2.5, -0.5 }',
      ],
    },
    {
      argv: [
        'BEGIN { print 100000 * 100000, 1e6, 1e16, 123456789.123, 0.000001, 1e-7; printf "%x %o %u\n", -1, -1, -1 }',
      ],
    },
  );
  b.two(
    'convfmt-subscripts',
    'arrays: numeric subscripts go through CONVFMT, integers stay integers',
    { argv: ['BEGIN { CONVFMT = "%d"; a[1.5] = 1; for (k in a) print k; x = 0.1; print (x "") }'] },
    {
      argv: [
        'BEGIN { CONVFMT = "%.2g"; a[0.123] = 1; a[12] = 2; a[1e3] = 3; PROCINFO["sorted_in"] = "@ind_str_asc"; for (k in a) print k }',
      ],
    },
  );
  b.two(
    'high-bytes-classes',
    'regex: bytes above 0x7f against character classes and case conversion in the C locale',
    {
      argv: [
        'BEGIN { print tolower("\xc9\xe9"), toupper("\xe9"); print ("\xe9" ~ /[[:alpha:]]/), ("\xe9" ~ /[[:print:]]/), ("\xa0" ~ /[[:space:]]/) }',
      ],
    },
    { argv: ['{ print length($0), ($0 ~ /^.$/), ($0 < "z") }'], stdin: latin1('\xe9\n\xc3\xa9\n') },
  );
}

function addGenerated(b: SuiteBuilder): void {
  // Programs over generated CSV-like data: sums per key, averages, maxima, formatted reports.
  for (let i = 1; i <= 10; i++) {
    b.pair(
      `report-${String(i).padStart(2, '0')}`,
      'programs: reports over generated data (group by, sums, averages, printf)',
      (p) => {
        const keys = Array.from({ length: p.int(2, 5) }, () => word(p, 3, 6));
        const rows = Array.from(
          { length: p.int(3, 20) },
          () => `${p.pick(keys)},${p.int(0, 500)},${p.int(0, 99)}.${p.int(0, 9)}`,
        );
        const prog = p.pick([
          '-F, { s[$1] += $2; c[$1]++ } END { PROCINFO["sorted_in"] = "@ind_str_asc"; for (k in s) printf "%-8s %6d %8.2f\\n", k, s[k], s[k] / c[k] }',
          '-F, $2 > m { m = $2; w = $1 } END { print w, m }',
          '-F, { t += $3 } END { printf "%.1f %d\\n", t, NR }',
          '-F, { print $1 | "sort" }',
          '-F, { printf "%s=%s\\n", $1, $2 * $3 }',
          '-F, !seen[$1]++ { print $1 }',
        ]);
        if (prog.includes('"sort"')) {
          // Pipes run a process: sorted output comes from sorted_in instead.
          return {
            argv: [
              '-F,',
              '{ a[$1 "," NR] = $2 } END { PROCINFO["sorted_in"] = "@ind_str_asc"; for (k in a) print k, a[k] }',
            ],
            stdin: lines(...rows),
          };
        }
        const [fs, body] = [prog.slice(0, 3), prog.slice(4)];
        return { argv: [fs, body], stdin: lines(...rows) };
      },
    );
  }
  for (let i = 1; i <= 6; i++) {
    b.pair(
      `transform-${i}`,
      'programs: text transformations (reverse, columns, wrapping, counting characters)',
      (p) => {
        const text = lines(
          ...Array.from({ length: p.int(1, 6) }, () => Array.from({ length: p.int(1, 9) }, () => word(p)).join(' ')),
        );
        const prog = p.pick([
          '{ for (i = length($0); i > 0; i--) printf "%s", substr($0, i, 1); print "" }',
          '{ line = line ? line " " $0 : $0 } END { n = split(line, w, " "); col = 0; for (i = 1; i <= n; i++) { if (col + length(w[i]) > 20) { print ""; col = 0 } printf "%s ", w[i]; col += length(w[i]) + 1 } print "" }',
          '{ for (i = 1; i <= length($0); i++) c[substr($0, i, 1)]++ } END { PROCINFO["sorted_in"] = "@val_num_desc"; for (k in c) { if (++n > 5) break; print "[" k "]", c[k] } }',
          '{ printf "%3d %s\\n", NR, $0 } END { print NR " lines" }',
          '{ $0 = toupper(substr($0, 1, 1)) substr($0, 2); print }',
          'length($0) > 20',
        ]);
        return { argv: [prog], stdin: text };
      },
    );
  }
}

export function suite(): TestSuite {
  const b = new SuiteBuilder({ target: 'gawk', visibleOnlyEvery: 2 });
  addFields(b);
  addArithmetic(b);
  addPrintf(b);
  addStrings(b);
  addArrays(b);
  addRegex(b);
  addRecords(b);
  addFiles(b);
  addOutput(b);
  addControl(b);
  addStrftime(b);
  addOptions(b);
  addErrors(b);
  addPipesRefused(b);
  addBytes(b);
  addMore(b);
  addGenerated(b);
  return b.suite();
}
