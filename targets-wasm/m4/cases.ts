/**
 * Test-suite generator for `m4` (GNU m4 1.4.19, Debian's build).
 *
 * Deterministic: every random value comes from a `Prng` seeded by the case id (SuiteBuilder), so `suite()` returns
 * the same cases on every call. Every second seeded recipe also gets a hidden dual (same feature, other values).
 *
 * Behaviour notes that shaped the cases (checked against the native program):
 * - Input is stdin (or the files named, `-` for stdin); warnings and errors go to stderr as `m4:FILE:LINE: ...`, and
 *   any error makes the exit status 1 at the end.
 * - syscmd, esyscmd, mkstemp and maketemp are kept out (target.json fidelityNotes): WASI has no processes, and the
 *   temporary names are random. --help is kept out too: it shows the default nesting limit, which differs.
 * - -L limits the nesting of macro calls inside argument collection, not tail recursion: `define(x, x)x` loops
 *   forever whatever the limit, so no case recurses without an end.
 */
import type { TestSuite } from '../../src/core/test-case.ts';
import type { Prng } from '../../src/core/prng.ts';
import { SuiteBuilder } from '../../src/core/suite-builder.ts';

/** m4's default quotes, as characters that TypeScript strings would otherwise make hard to read. */
const L = '`';
const R = "'";
const q = (s: string): string => `${L}${s}${R}`;

function word(p: Prng, min = 1, max = 8, alphabet = 'abcdefghijklmnopqrstuvwxyz'): string {
  let s = '';
  for (let i = p.int(min, max); i > 0; i--) s += alphabet[p.int(0, alphabet.length - 1)];
  return s;
}

function words(p: Prng, n: number): string[] {
  return Array.from({ length: n }, () => word(p));
}

function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** A random eval() expression over small integers (m4 computes in 32-bit signed arithmetic). */
function evalExpr(p: Prng, depth: number): string {
  if (depth <= 0 || p.int(0, 3) === 0) {
    const n = String(p.int(0, 1000));
    const form = p.int(0, 7);
    if (form === 0) return `0x${p.int(0, 255).toString(16)}`;
    if (form === 1) return `0${p.int(0, 63).toString(8)}`;
    if (form === 2) return `0b${p.int(0, 31).toString(2)}`;
    if (form === 3) return `-${n}`;
    return n;
  }
  const op = p.pick([
    '+',
    '-',
    '*',
    '/',
    '%',
    '**',
    '<<',
    '>>',
    '&',
    '|',
    '^',
    '==',
    '!=',
    '<',
    '>',
    '<=',
    '>=',
    '&&',
    '||',
  ]);
  if (op === '**') return `(${evalExpr(p, depth - 1)})**${p.int(0, 4)}`;
  if (op === '/' || op === '%') return `(${evalExpr(p, depth - 1)})${op}${p.int(1, 50)}`;
  if (op === '<<' || op === '>>') return `(${evalExpr(p, depth - 1)})${op}${p.int(0, 12)}`;
  const u = p.int(0, 6);
  const a = evalExpr(p, depth - 1);
  const b = evalExpr(p, depth - 1);
  if (u === 0) return `!(${a})`;
  if (u === 1) return `~(${a})`;
  return `(${a} ${op} ${b})`;
}

function lines(...ls: string[]): string {
  return ls.map((l) => l + '\n').join('');
}

function addDefine(b: SuiteBuilder): void {
  for (let i = 1; i <= 20; i++) {
    b.pair(`define-${String(i).padStart(2, '0')}`, 'macros: define with arguments $1..$9, $#, $*, $@, $0', (p) => {
      const name = word(p, 2, 6);
      const args = words(p, p.int(0, 6));
      const body = p.pick([
        '[$1|$2|$3]',
        '$# args: $*',
        '<$@>',
        `${L}$0${R} called with $#`,
        '$2$1',
        '${1}x',
        '$10 $11',
        '$1-$9',
        `${L}$1${R} and $2`,
      ]);
      return {
        argv: [],
        stdin: lines(
          `define(${q(name)}, ${q(body)})dnl`,
          `${name}(${args.map((a) => (p.int(0, 2) === 0 ? q(a) : a)).join(', ')})`,
          `${name}`,
          `${name}()`,
        ),
      };
    });
  }
  b.pair('pushdef-popdef', 'macros: pushdef, popdef stack', (p) => {
    const vals = words(p, 4);
    return {
      argv: [],
      stdin: lines(
        `define(${q('x')}, ${q(vals[0] as string)})x`,
        `pushdef(${q('x')}, ${q(vals[1] as string)})x`,
        `pushdef(${q('x')}, ${q(vals[2] as string)})x`,
        `popdef(${q('x')})x`,
        `define(${q('x')}, ${q(vals[3] as string)})x`,
        `popdef(${q('x')})x`,
        `popdef(${q('x')})x`,
      ),
    };
  });
  b.pair('undefine', 'macros: undefine and ifdef', (p) => {
    const n = word(p, 3, 6);
    return {
      argv: [],
      stdin: lines(
        `define(${q(n)}, ${q(word(p))})${n}`,
        `ifdef(${q(n)}, ${q('yes')}, ${q('no')})`,
        `undefine(${q(n)})${n}`,
        `ifdef(${q(n)}, ${q('yes')}, ${q('no')})`,
        `ifdef(${q(n)}, ${q('only-true')})`,
        `undefine(${q('nosuch' + n)})`,
      ),
    };
  });
  b.pair('defn', 'macros: defn copies definitions, builtins too', (p) => {
    const v = word(p);
    return {
      argv: [],
      stdin: lines(
        `define(${q('a')}, ${q(v + ' $1')})dnl`,
        `define(${q('b')}, defn(${q('a')}))b(${word(p)})`,
        `define(${q('mylen')}, defn(${q('len')}))mylen(${q(word(p, 3, 20))})`,
        `defn(${q('a')})`,
        `defn(${q('nosuch')})`,
        `defn(${q('a')}, ${q('a')})`,
      ),
    };
  });
  b.pair('indir-builtin', 'macros: indir and builtin', (p) => {
    const w = word(p, 3, 9);
    return {
      argv: [],
      stdin: lines(
        `define(${q('weird name')}, ${q('[$1]')})indir(${q('weird name')}, ${w})`,
        `builtin(${q('len')}, ${q(w)})`,
        `builtin(${q('nosuch')})`,
        `indir(${q('nosuch')})`,
        `define(${q('len')}, ${q('shadow')})len(x) builtin(${q('len')}, ${q(w + w)})`,
      ),
    };
  });
  b.two(
    'recursive-macro',
    'macros: recursion with ifelse',
    {
      argv: [],
      stdin: lines(`define(${q('count')}, ${q(`ifelse($1, 0, , ${L}$1 count(decr($1))${R})`)})dnl`, 'count(10)'),
    },
    {
      argv: [],
      stdin: lines(
        `define(${q('rev')}, ${q(`ifelse($#, 0, , $#, 1, ${L}$1${R}, ${L}rev(shift($@)), $1${R})`)})dnl`,
        'rev(a, b, c, d, e)',
      ),
    },
  );
  b.two(
    'forloop',
    'macros: a forloop in m4',
    {
      argv: [],
      stdin: lines(
        `define(${q('forloop')}, ${q(`pushdef(${L}$1${R}, ${L}$2${R})_forloop($@)popdef(${L}$1${R})`)})dnl`,
        `define(${q('_forloop')}, ${q(`$4${L}${R}ifelse($1, ${L}$3${R}, ${R}${L}, ${L}define(${L}$1${R}, incr($1))$0($@)${R})`)})dnl`,
        `forloop(${q('i')}, 1, 8, ${q('i ')})`,
      ),
    },
    {
      argv: [],
      stdin: lines(
        `define(${q('forloop')}, ${q(`pushdef(${L}$1${R}, ${L}$2${R})_forloop($@)popdef(${L}$1${R})`)})dnl`,
        `define(${q('_forloop')}, ${q(`$4${L}${R}ifelse($1, ${L}$3${R}, ${R}${L}, ${L}define(${L}$1${R}, incr($1))$0($@)${R})`)})dnl`,
        `forloop(${q('j')}, 3, 12, ${q('eval(j*j),')})`,
      ),
    },
  );
}

function addIfelse(b: SuiteBuilder): void {
  for (let i = 1; i <= 10; i++) {
    b.pair(`ifelse-${i}`, 'conditionals: ifelse with many branches', (p) => {
      const a = word(p, 1, 3, 'ab');
      const out: string[] = [];
      for (let k = 0; k < 4; k++) {
        const c1 = word(p, 1, 3, 'ab');
        const c2 = word(p, 1, 3, 'ab');
        out.push(`ifelse(${a}, ${c1}, ${q('first')}, ${a}, ${c2}, ${q('second')}, ${q('other')})`);
      }
      out.push(`ifelse(${q(a)}, ${q(a)}, equal)`, `ifelse(${a})`, 'ifelse', `ifelse(${a}, ${a})`);
      return { argv: [], stdin: lines(...out) };
    });
  }
  b.two(
    'ifelse-comment',
    'conditionals: ifelse with one argument is a comment',
    { argv: [], stdin: lines(`ifelse(${q('this is ignored')})text`) },
    { argv: [], stdin: lines(`ifelse(${q('a, b')})more`) },
  );
}

function addQuoting(b: SuiteBuilder): void {
  b.pair('nested-quotes', 'quoting: nested quotes are stripped one level per scan', (p) => {
    const w = word(p);
    return {
      argv: [],
      stdin: lines(q(w), q(q(w)), q(q(q(w))), `define(${q('m')}, ${q(q(w))})m`, `${L}unbalanced`, `${R}`),
    };
  });
  for (let i = 1; i <= 8; i++) {
    b.pair(`changequote-${i}`, 'quoting: changequote to other delimiters', (p) => {
      const pairs: [string, string][] = [
        ['[', ']'],
        ['<<', '>>'],
        ['{', '}'],
        ['"', '"'],
        ['«', '»'],
        ['(*', '*)'],
      ];
      const [l, r] = p.pick(pairs);
      const w = word(p);
      return {
        argv: [],
        stdin: lines(
          `changequote(${l}, ${r})dnl`,
          `define(${l}x${r}, ${l}${w}${r})x ${l}x${r} ${l}${l}x${r}${r}`,
          `changequote`,
          `define(${q('y')}, ${q(w + w)})y`,
          `changequote(${l})`,
          `changequote(,)`,
          'x',
        ),
      };
    });
  }
  b.two(
    'changecom',
    'quoting: comments and changecom',
    {
      argv: [],
      stdin: lines(`define(${q('x')}, X)x # x is not expanded`, 'changecom(/*, */)# x /* x */ x', 'changecom', '# x'),
    },
    {
      argv: [],
      stdin: lines(
        `define(${q('y')}, Y)y #y`,
        'changecom(;)y ; y',
        'changecom(<!--, -->)<!-- y --> y',
        'changecom()# y',
      ),
    },
  );
  b.two(
    'dnl',
    'quoting: dnl discards to the end of the line',
    { argv: [], stdin: lines('one dnl two', 'three', 'dnl', 'dnl(x) four') },
    { argv: [], stdin: 'a dnl b\nc dnl' },
  );
  b.two(
    'eof-in-quote',
    'errors: end of file inside a quoted string, comment or argument list',
    { argv: [], stdin: `text ${L}unterminated` },
    { argv: [], stdin: lines(`define(${q('x')}, (`) },
  );
  b.one('eof-in-comment', 'errors: end of file inside a quoted string, comment or argument list', {
    argv: [],
    stdin: 'changecom(/*, */)a /* never closed',
  });
}

function addStrings(b: SuiteBuilder): void {
  for (let i = 1; i <= 10; i++) {
    b.pair(`len-index-substr-${i}`, 'strings: len, index, substr', (p) => {
      const s = word(p, 5, 30, 'abcde xyz');
      const sub = s.slice(p.int(0, 3), p.int(4, 7));
      return {
        argv: [],
        stdin: lines(
          `len(${q(s)})`,
          `index(${q(s)}, ${q(sub)})`,
          `index(${q(s)}, ${q('Q')})`,
          `substr(${q(s)}, ${p.int(0, 10)})`,
          `substr(${q(s)}, ${p.int(0, 10)}, ${p.int(0, 10)})`,
          `substr(${q(s)}, -${p.int(1, 3)}, 2)`,
          `substr(${q(s)}, ${p.int(40, 50)})`,
          `index(${q(s)}, ${q('')})`,
        ),
      };
    });
  }
  for (let i = 1; i <= 8; i++) {
    b.pair(`translit-${i}`, 'strings: translit with ranges and deletion', (p) => {
      const s = word(p, 10, 40, 'abcdefghijklmnopqrstuvwxyz0123456789');
      const spec = p.pick([
        [q('a-z'), q('A-Z')],
        [q('a-m'), q('n-z')],
        [q('aeiou'), q('')],
        [q('0-9'), q('9-0')],
        [q('a-z0-9'), q('z')],
        [q('xyz'), q('XY')],
        [q('z-a'), q('')],
      ]) as [string, string];
      return { argv: [], stdin: lines(`translit(${q(s)}, ${spec[0]}, ${spec[1]})`, `translit(${q(s)}, ${spec[0]})`) };
    });
  }
  for (let i = 1; i <= 14; i++) {
    b.pair(`regexp-${i}`, 'strings: regexp and patsubst', (p) => {
      const s = word(p, 10, 40, 'aabbc dxyz123');
      const re = p.pick([
        '[a-c]+',
        'b*',
        '\\([a-z]+\\) \\([a-z]+\\)',
        'x\\|y',
        '^a',
        'c$',
        '[0-9]\\{2\\}',
        '\\w+',
        '\\bd',
        '.',
      ]);
      const rep = p.pick(['<&>', '\\1', '[\\2\\1]', '', '\\0', '-', '\\\\']);
      return {
        argv: [],
        stdin: lines(
          `regexp(${q(s)}, ${q(re)})`,
          `regexp(${q(s)}, ${q(re)}, ${q(rep)})`,
          `patsubst(${q(s)}, ${q(re)}, ${q(rep)})`,
          `patsubst(${q(s)}, ${q(re)})`,
        ),
      };
    });
  }
  b.two(
    'regexp-errors',
    'strings: bad regular expressions',
    { argv: [], stdin: lines(`regexp(${q('abc')}, ${q('\\(')})`, `patsubst(${q('abc')}, ${q('[')})`, 'after') },
    { argv: [], stdin: lines(`regexp(${q('abc')}, ${q('a\\{2')})`, `patsubst(${q('abc')}, ${q('\\)')}, x)`, 'after') },
  );
  b.two(
    'regexp-empty',
    'strings: empty regular expressions and replacements',
    { argv: [], stdin: lines(`patsubst(${q('abc')}, ${q('')}, ${q('-')})`, `regexp(${q('abc')}, ${q('')})`) },
    {
      argv: [],
      stdin: lines(`patsubst(${q('xy')}, ${q('')}, ${q('+')})`, `regexp(${q('')}, ${q('')}, ${q('empty')})`),
    },
  );
  for (let i = 1; i <= 12; i++) {
    b.pair(`format-${i}`, 'strings: format with printf specifications', (p) => {
      const specs = [
        '%d',
        '%5d',
        '%-5d|',
        '%05d',
        '%x',
        '%X',
        '%o',
        '%c',
        '%s',
        '%.3s',
        '%10s|',
        '%-10s|',
        '%%',
        '%+d',
        '% d',
        '%u',
        '%e',
        '%.2f',
        '%g',
        '%10.4f',
        '%*d',
        '%.*s',
      ];
      const out: string[] = [];
      for (let k = 0; k < 4; k++) {
        const spec = p.pick(specs);
        const arg = spec.includes('s')
          ? q(word(p, 1, 12))
          : spec.includes('c')
            ? String(p.int(65, 90))
            : String(p.int(-5000, 5000));
        const extra = spec.includes('*') ? `${p.int(1, 9)}, ` : '';
        out.push(`format(${q(`[${spec}]`)}, ${extra}${arg})`);
      }
      out.push(
        `format(${q('%s and %s')}, ${q(word(p))})`,
        `format(${q('%d')}, ${q('notanumber')})`,
        `format(${q('%5.1e')}, ${p.int(1, 9999)}.${p.int(0, 99)})`,
      );
      return { argv: [], stdin: lines(...out) };
    });
  }
}

function addEval(b: SuiteBuilder): void {
  for (let i = 1; i <= 30; i++) {
    b.pair(`eval-${String(i).padStart(2, '0')}`, 'arithmetic: eval expressions in 32-bit integers', (p) => {
      const out: string[] = [];
      for (let k = 0; k < 5; k++) out.push(`eval(${q(evalExpr(p, p.int(1, 4)))})`);
      return { argv: [], stdin: lines(...out) };
    });
  }
  for (let i = 1; i <= 4; i++) {
    b.pair(`eval-radix-${i}`, 'arithmetic: eval with radix and width', (p) => {
      const out: string[] = [];
      for (let k = 0; k < 5; k++) out.push(`eval(${p.int(-100000, 100000)}, ${p.int(2, 36)}, ${p.int(0, 20)})`);
      out.push(
        `eval(${p.int(0, 99)}, 1)`,
        `eval(${p.int(0, 99)}, 37)`,
        `eval(5, 10, -1)`,
        `eval(${q('0r' + p.int(2, 36) + ':10')})`,
      );
      return { argv: [], stdin: lines(...out) };
    });
  }
  b.two(
    'eval-errors',
    'arithmetic: eval errors',
    { argv: [], stdin: lines('eval(1/0)', 'eval(5%0)', 'eval(1 +)', 'eval()', 'eval(2**-1)', 'eval(x)', 'after') },
    { argv: [], stdin: lines('eval(7/(3-3))', 'eval((1)', 'eval(1 2)', 'eval(0**-2)', 'eval(= 1)', 'after') },
  );
  b.two(
    'eval-overflow',
    'arithmetic: 32-bit wrap-around',
    {
      argv: [],
      stdin: lines(
        'eval(2147483647 + 1)',
        'eval(-2147483648 / -1)',
        'eval(1 << 31)',
        'eval(2**31)',
        'eval(0x7fffffff * 2)',
      ),
    },
    {
      argv: [],
      stdin: lines('eval(-2147483648 - 1)', 'eval(-2147483648 % -1)', 'eval(1 << 32)', 'eval(3**20)', 'eval(-1 >> 1)'),
    },
  );
  for (let i = 1; i <= 3; i++) {
    b.pair(`incr-decr-${i}`, 'arithmetic: incr and decr', (p) => ({
      argv: [],
      stdin: lines(
        `incr(${p.int(-1000, 1000)})`,
        `decr(${p.int(-1000, 1000)})`,
        'incr(2147483647)',
        `incr(${q(word(p))})`,
        'decr()',
        `incr( ${p.int(0, 9)})`,
      ),
    }));
  }
}

function addDiversions(b: SuiteBuilder): void {
  for (let i = 1; i <= 10; i++) {
    b.pair(`divert-${i}`, 'output: divert, undivert and divnum', (p) => {
      const out: string[] = [];
      for (let k = 0; k < 6; k++) {
        const n = p.pick([-1, 0, 1, 2, 3, 9, 10]);
        out.push(`divert(${n})divnum ${word(p)}`);
      }
      out.push(
        p.pick(['undivert', 'undivert(1)', 'undivert(2, 3)', 'divert(0)undivert(3, 1)', 'undivert(0)']),
        'divert(0)end',
      );
      return { argv: [], stdin: lines(...out) };
    });
  }
  b.two(
    'undivert-file',
    'output: undivert of a file copies it unexpanded',
    {
      argv: [],
      files: { 'raw.txt': "define(`x', `y')x\n" },
      stdin: lines("undivert(`raw.txt')", "undivert(`nosuch.txt')"),
    },
    { argv: [], files: { 'r.txt': 'dnl keep\n' }, stdin: lines('before', "undivert(`r.txt')after") },
  );
  b.two(
    'm4wrap',
    'output: m4wrap text runs at the end, in order',
    { argv: [], stdin: lines("m4wrap(`first ')m4wrap(`second ')body") },
    { argv: [], stdin: lines("m4wrap(`define(`x', `late')x')x", "m4wrap(`m4wrap(`nested')')") },
  );
  b.two(
    'divert-at-exit',
    'output: diverted text is output at the end',
    { argv: [], stdin: lines('divert(2)two', 'divert(1)one', 'divert(0)zero') },
    { argv: [], stdin: lines('divert(5)five', 'divert(-1)gone', 'divert(3)three', 'm4exit') },
  );
}

function addFiles(b: SuiteBuilder): void {
  for (let i = 1; i <= 4; i++) {
    b.pair(`include-${i}`, 'files: include and sinclude', (p) => {
      const w = word(p);
      return {
        argv: [],
        files: {
          'inc.m4': lines(`define(${q('fromfile')}, ${q(w)})dnl`, '__file__:__line__'),
          'sub/deep.m4': lines(`deep ${word(p)}`),
        },
        stdin: lines(
          "include(`inc.m4')fromfile",
          "sinclude(`nosuch.m4')quiet",
          "include(`nosuch.m4')loud",
          "include(`sub/deep.m4')",
          '__file__:__line__',
        ),
      };
    });
  }
  b.two(
    'include-path',
    'files: -I search directories',
    { argv: ['-I', 'lib'], files: { 'lib/x.m4': 'in lib\n' }, stdin: lines("include(`x.m4')") },
    {
      argv: ['-Ia', '-Ib'],
      files: { 'b/y.m4': 'in b\n', 'a/z.m4': 'in a\n' },
      stdin: lines("include(`y.m4')include(`z.m4')"),
    },
  );
  b.two(
    'file-args',
    'files: files on the command line, - for stdin',
    {
      argv: ['one.m4', '-', 'two.m4'],
      files: { 'one.m4': "define(`x', `X')one __file__\n", 'two.m4': 'two x __file__\n' },
      stdin: lines('stdin x __file__'),
    },
    { argv: ['a.m4', 'a.m4'], files: { 'a.m4': 'a __line__\n' } },
  );
  b.two(
    'file-missing',
    'files: a missing input file',
    { argv: ['nosuch.m4'] },
    { argv: ['ok.m4', 'missing.m4', 'ok.m4'], files: { 'ok.m4': 'ok\n' } },
  );
  b.two(
    'file-no-newline',
    'files: input without a last newline',
    { argv: ['n.m4'], files: { 'n.m4': "define(`x', `y')x" } },
    { argv: [], stdin: 'a\nb' },
  );
}

function addTrace(b: SuiteBuilder): void {
  for (let i = 1; i <= 6; i++) {
    b.pair(`debugmode-${i}`, 'debugging: -d flags and traceon', (p) => {
      const flags = p.pick(['a', 'c', 'e', 'f', 'i', 'l', 'p', 'q', 't', 'x', 'V', 'aeq', 'cx', 'fl', 'tqe', '']);
      const name = word(p, 2, 5);
      return {
        argv: [`-d${flags}`, ...(p.int(0, 1) ? ['-t', name] : [])],
        stdin: lines(
          `define(${q(name)}, ${q('<$1>')})dnl`,
          `${name}(${word(p)})`,
          `traceon(${q('len')})len(${q(word(p))})`,
          `traceoff(${q('len')})len(x)`,
          `traceon${L}${R}incr(1)`,
        ),
      };
    });
  }
  b.two(
    'debugfile',
    'debugging: --debugfile writes trace output to a file',
    { argv: ['--debugfile=trace.log', '-daeq', '-tfoo'], stdin: lines("define(`foo', `bar')foo(1)") },
    { argv: ['-o', 'tr.txt', '-tx'], stdin: lines("define(`x', `y')x") },
  );
  b.two(
    'debugmode-builtin',
    'debugging: debugmode and debugfile builtins',
    {
      argv: [],
      stdin: lines("debugmode(`aeq')traceon(`len')len(`abc')", 'debugmode', "len(`x')", "debugmode(`-a')len(`y')"),
    },
    { argv: [], stdin: lines("debugfile(`d.log')traceon(`incr')incr(5)", 'debugfile', 'incr(6)', "debugmode(`+z')") },
  );
  b.pair('dumpdef', 'debugging: dumpdef', (p) => {
    const n = word(p, 2, 5);
    return {
      argv: [],
      stdin: lines(
        `define(${q(n)}, ${q(word(p) + ' $1')})dnl`,
        `dumpdef(${q(n)}, ${q('len')}, ${q('nosuch')})dnl`,
        `pushdef(${q(n)}, ${q('second')})dumpdef(${q(n)})dnl`,
      ),
    };
  });
  b.two(
    'errprint',
    'debugging: errprint and __line__',
    { argv: [], stdin: lines("errprint(`message', ` two')dnl", '__line__ errprint(__line__', `)`) },
    { argv: [], stdin: lines("errprint(`only')", 'errprint()', 'errprint') },
  );
  b.two(
    'nesting-limit',
    'debugging: -L limits nesting',
    { argv: ['-L', '4'], stdin: lines("define(`r', `$1')r(r(r(x)))", 'r(r(r(r(r(y)))))', 'after') },
    { argv: ['--nesting-limit=2'], stdin: lines("define(`a', `[$1]')a(a(b))", 'a(a(a(c)))') },
  );
}

function addOptions(b: SuiteBuilder): void {
  b.one('version', 'options: --version', { argv: ['--version'] });
  b.two('unknown-option', 'options: an unknown option', { argv: ['-y'] }, { argv: ['--frobnicate'] });
  b.one('missing-argument', 'options: an option without its argument', { argv: ['-I'] });
  b.pair('define-option', 'options: -D and -U', (p) => {
    const n = word(p, 2, 5);
    const v = word(p);
    return {
      argv: [`-D${n}=${v}`, '-Dflag', '-U', 'len', '--define=other=' + word(p)],
      stdin: lines(`${n} flag len(x) other`),
    };
  });
  b.pair('prefix-builtins', 'options: -P prefixes builtins with m4_', (p) => {
    const w = word(p);
    return {
      argv: ['-P'],
      stdin: lines(`m4_define(${q('x')}, ${q(w)})x define(y) m4_len(${q(w)}) m4___file__ __file__`),
    };
  });
  b.two(
    'synclines',
    'options: -s emits #line synchronisation',
    { argv: ['-s'], stdin: lines('a', "define(`x', `y')x", 'b') },
    { argv: ['--synclines', 'f.m4'], files: { 'f.m4': lines('one', 'dnl', 'two') } },
  );
  b.two(
    'quiet',
    'options: -Q silences warnings',
    { argv: ['-Q'], stdin: lines('len(a, b)', 'ifdef', 'eval(1/0)') },
    { argv: ['--silent'], stdin: lines('substr()', 'index(a)', 'after') },
  );
  b.two(
    'fatal-warnings',
    'options: -E makes warnings fatal',
    { argv: ['-E'], stdin: lines('before', 'len(a, b)', 'after') },
    { argv: ['-E', '-E'], stdin: lines('one', 'index(x)', 'two') },
  );
  b.two(
    'traditional',
    'options: -G disables GNU extensions',
    { argv: ['-G'], stdin: lines("define(`x', `$10')x(a,b,c,d,e,f,g,h,i,j)", "__gnu__ __unix__ regexp(`a', `a')") },
    { argv: ['--traditional'], stdin: lines("ifdef(`__gnu__', `gnu', `not gnu')", "format(`%d', 1)") },
  );
  b.two(
    'arglength',
    'options: -l limits trace argument length',
    { argv: ['-l', '5', '-daeq', '-tx'], stdin: lines("define(`x', `a long body')x(`a long argument')") },
    { argv: ['--arglength=2', '-dae', '-tlen'], stdin: lines("len(`abcdefgh')") },
  );
  b.two(
    'gnu-builtins',
    'options: __gnu__, __unix__, __program__',
    { argv: [], stdin: lines('__gnu__|__unix__|unix|__os2__|os2|__windows__|windows|__program__') },
    { argv: ['-G'], stdin: lines('__gnu__|__unix__|unix|__program__') },
  );
  b.two(
    'freeze-reload',
    'options: -F writes a frozen state, -R reads it',
    { argv: ['-F', 'state.m4f'], stdin: lines("define(`saved', `from frozen')divert(1)diverted") },
    {
      argv: ['-R', 'state.m4f'],
      files: {
        'state.m4f':
          "# This is a frozen state file generated by GNU M4 1.4.19\nV1\nQ1,1\n`'\nC1,0\n#\n\nT5,11\nsavedfrom frozen\nD0,0\n\n",
      },
      stdin: lines('saved'),
    },
  );
  b.one('reload-missing', 'options: -R of a missing file', { argv: ['-R', 'nosuch.m4f'], stdin: lines('x') });
  b.one('reload-corrupt', 'options: -R of a corrupt file', {
    argv: ['-R', 'bad.m4f'],
    files: { 'bad.m4f': 'garbage\n' },
    stdin: lines('x'),
  });
  b.one('interactive', 'options: -e (unbuffered, interrupts ignored)', {
    argv: ['-e'],
    stdin: lines("define(`x', `y')x"),
  });
  b.one('warn-macro-sequence', 'options: --warn-macro-sequence', {
    argv: ['--warn-macro-sequence'],
    stdin: lines("define(`x', `$10 ${1}')x(a)"),
  });
  b.one('warn-macro-sequence-regexp', 'options: --warn-macro-sequence', {
    argv: ['--warn-macro-sequence=\\$[a-z]'],
    stdin: lines("define(`x', `$a $1')x(b)"),
  });
  b.one('obsolete-options', 'options: obsolete -B -S -T accepted', {
    argv: ['-B100', '-S', '10', '-T50'],
    stdin: lines('ok'),
  });
  b.one('word-regexp', 'options: -W is no longer supported', { argv: ['-W', '[a-z]+'], stdin: lines('ok') });
  b.one('double-dash', 'options: -- ends options', { argv: ['--', '-weird.m4'], files: { '-weird.m4': 'weird\n' } });
  b.one('hash-size', 'options: -H is accepted and ignored', { argv: ['-H', '509'], stdin: lines("define(`a', 1)a") });
  b.one('gnu-option', 'options: -g after -G restores GNU mode', { argv: ['-G', '-g'], stdin: lines('__gnu__') });
  b.one('debug-bad-flag', 'options: -d with an unknown flag', { argv: ['-dZ'], stdin: lines('x') });
}

function addBuiltinErrors(b: SuiteBuilder): void {
  const calls = [
    'len',
    'len(a, b)',
    'index(a)',
    'substr',
    'substr(abc, x)',
    'translit(a)',
    'define',
    'define(, x)',
    'undefine',
    'shift',
    'divert(x)',
    'undivert(x)',
    'incr(x)',
    'eval(1, 2, 3, 4)',
    'format',
    'regexp(a)',
    'patsubst(a)',
    'changequote(a, b, c)',
    'm4exit(x)',
    'include',
    'ifdef(a)',
    'popdef',
    'indir',
    'builtin',
    "dumpdef(`nosuch')",
    "traceon(`nosuch')",
    'decr(1, 2)',
    'errprint',
    'sinclude',
    "debugmode(`z')",
  ];
  for (let i = 1; i <= 14; i++) {
    b.pair(`arg-warnings-${i}`, 'errors: wrong argument counts and bad numbers', (p) => {
      const picked = new Set<string>();
      while (picked.size < 5) picked.add(p.pick(calls));
      return { argv: [], stdin: lines(...[...picked].map((c) => `[${c}]`), 'done') };
    });
  }
  b.two(
    'm4exit',
    'errors: m4exit with a status',
    { argv: [], stdin: lines('before', 'divert(1)diverted', 'divert(0)m4exit(7)after') },
    { argv: [], stdin: lines("m4wrap(`wrapped')m4exit(0)") },
  );
  b.two(
    'm4exit-range',
    'errors: m4exit out of range',
    { argv: [], stdin: lines('m4exit(256)') },
    { argv: [], stdin: lines('m4exit(-1)') },
  );
  b.one('m4exit-error-status', 'errors: m4exit(0) after an error', {
    argv: [],
    stdin: lines('len(a, b, c)eval(1/0)m4exit(0)'),
  });
}

function addGenerated(b: SuiteBuilder): void {
  // Random text with macro names sprinkled in: expansion only at word boundaries.
  for (let i = 1; i <= 34; i++) {
    b.pair(`text-${String(i).padStart(2, '0')}`, 'scanning: names expand only as whole words', (p) => {
      const names = words(p, 3);
      const defs = names.map((n, k) => `define(${q(n)}, ${q(`<${k}:$1>`)})dnl`);
      const body: string[] = [];
      for (let k = 0; k < 6; k++) {
        const parts: string[] = [];
        for (let m = p.int(3, 10); m > 0; m--) {
          const r = p.int(0, 9);
          if (r < 3) parts.push(p.pick(names) + (p.int(0, 1) ? `(${word(p)})` : ''));
          else if (r < 4) parts.push(p.pick(names) + word(p, 1, 2));
          else if (r < 5) parts.push('_' + p.pick(names));
          else if (r < 6) parts.push(q(p.pick(names)));
          else if (r < 7) parts.push('# ' + p.pick(names));
          else parts.push(word(p, 1, 6, 'abcdefghijklmnopqrstuvwxyz0123456789.,;!?'));
        }
        body.push(parts.join(p.pick([' ', '  ', '\t', '-'])));
      }
      return { argv: [], stdin: lines(...defs, ...body) };
    });
  }
  // Arguments: whitespace before an argument is dropped, after it kept; parentheses nest.
  for (let i = 1; i <= 16; i++) {
    b.pair(`args-${i}`, 'scanning: argument collection, spaces and nested parentheses', (p) => {
      const args: string[] = [];
      for (let k = p.int(1, 6); k > 0; k--) {
        const a = p.pick([
          word(p),
          ` ${word(p)}`,
          `${word(p)} `,
          `(${word(p)}, ${word(p)})`,
          q(`${word(p)}, ${word(p)}`),
          '\n' + word(p),
          '',
          `((${word(p)}))`,
        ]);
        args.push(a);
      }
      return {
        argv: [],
        stdin: lines(
          `define(${q('show')}, ${q('$#:[$*]:[$@]')})dnl`,
          `show(${args.join(',')})`,
          `show (${word(p)})`,
          `show()`,
        ),
      };
    });
  }
  // Shift and argument lists.
  for (let i = 1; i <= 4; i++) {
    b.pair(`shift-${i}`, 'macros: shift and argument lists', (p) => {
      const args = words(p, p.int(1, 7));
      return {
        argv: [],
        stdin: lines(
          `shift(${args.join(', ')})`,
          `shift(shift(${args.join(', ')}))`,
          'shift()',
          `define(${q('last')}, ${q(`ifelse($#, 1, ${L}$1${R}, ${L}last(shift($@))${R})`)})last(${args.join(', ')})`,
        ),
      };
    });
  }
}

function addBytes(b: SuiteBuilder): void {
  b.two(
    'high-bytes',
    'input: bytes above 0x7f pass through',
    { argv: [], stdin: latin1("caf\xc3\xa9 define(`\xe9', `x')\xe9 \xff\xfe\n") },
    { argv: [], stdin: latin1("\x80\x81 len(`\xc3\xa9\xc3\xa9') translit(`\xe9a', `a', `b')\n") },
  );
  b.two(
    'nul-bytes',
    'input: NUL bytes are ordinary characters',
    { argv: [], stdin: latin1("a\x00b len(`x\x00y') define(`z', `\x00')z\n") },
    { argv: [], stdin: latin1("\x00\x00\nindex(`ab\x00c', `c')\n") },
  );
  b.two(
    'crlf',
    'input: CR-LF lines',
    { argv: [], stdin: "define(`x', `y')dnl\r\nx\r\n" },
    { argv: [], stdin: "a\r\nlen(`ab\r')\r\n" },
  );
  b.two('empty', 'input: empty input', { argv: [], stdin: '' }, { argv: [], stdin: '\n' });
  b.two(
    'long-text',
    'input: long lines and many lines',
    { argv: [], stdin: lines(...Array.from({ length: 300 }, (_, i) => `line ${i} len(${q('x'.repeat(i % 50))})`)) },
    {
      argv: [],
      stdin: lines(
        "define(`w', `word ')",
        'w'.repeat(1) + ' '.repeat(2) + Array.from({ length: 2000 }, () => 'w').join(' '),
      ),
    },
  );
}

export function suite(): TestSuite {
  const b = new SuiteBuilder({ target: 'm4', visibleOnlyEvery: 2 });
  addDefine(b);
  addIfelse(b);
  addQuoting(b);
  addStrings(b);
  addEval(b);
  addDiversions(b);
  addFiles(b);
  addTrace(b);
  addOptions(b);
  addBuiltinErrors(b);
  addGenerated(b);
  addBytes(b);
  return b.suite();
}
