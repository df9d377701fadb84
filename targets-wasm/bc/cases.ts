/**
 * Test-suite generator for `bc` (GNU bc 1.07.1, Debian's build).
 *
 * Deterministic: every random value comes from a `Prng` seeded by the case id (SuiteBuilder), so `suite()` returns
 * the same cases on every call. Every second seeded recipe also gets a hidden dual (same feature, other values).
 *
 * Behaviour notes that shaped the cases (checked against the native program):
 * - The program comes from the files named on the command line, then from stdin (unless a `quit` came first); errors
 *   name the file and line (`(standard_in) 2: syntax error`) and bc goes on with the next line.
 * - Runtime errors (divide by zero, bad array index, negative square root) name the function and the byte-code
 *   address; the rest of that statement list is abandoned.
 * - Numbers longer than BC_LINE_LENGTH - 1 characters are split with a backslash-newline; 0 turns wrapping off.
 * - `-i` forces interactive mode, where Debian's bc reads through readline: kept out (target.json fidelityNotes),
 *   as are `limits` (MAX Exponent is LONG_MAX), bytes >= 0x80 outside strings and comments, and a simple variable
 *   passed for an array parameter (Debian's bc reports a second, stale mismatch after it).
 */
import type { TestSuite } from '../../src/core/test-case.ts';
import type { Prng } from '../../src/core/prng.ts';
import { SuiteBuilder, type CaseInput } from '../../src/core/suite-builder.ts';

// ---------------------------------------------------------------------------------------------------------------
// Random numbers and expressions
// ---------------------------------------------------------------------------------------------------------------

function digits(p: Prng, n: number, alphabet = '0123456789'): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[p.int(0, alphabet.length - 1)];
  return s;
}

/** A decimal literal: integer or with a fraction, sometimes long, sometimes with a leading dot. */
function num(p: Prng, maxInt = 6, maxFrac = 4): string {
  const intPart = String(p.int(0, 9)) + digits(p, p.int(0, maxInt - 1));
  const form = p.int(0, 5);
  if (form === 0) return '.' + digits(p, p.int(1, maxFrac));
  if (form <= 2) return intPart.replace(/^0+(?=\d)/, '') + '.' + digits(p, p.int(1, maxFrac));
  return intPart.replace(/^0+(?=\d)/, '');
}

const OPS = ['+', '-', '*', '/', '%', '^'] as const;

/** A random arithmetic expression over literals and the given variables (exponents stay small integers). */
function expr(p: Prng, depth: number, vars: readonly string[] = []): string {
  if (depth <= 0 || p.int(0, 3) === 0) {
    if (vars.length > 0 && p.int(0, 2) === 0) return p.pick(vars);
    const n = num(p);
    return p.int(0, 5) === 0 ? `-${n}` : n;
  }
  const op = p.pick(OPS);
  if (op === '^') return `(${expr(p, depth - 1, vars)})^${p.int(0, 6)}`;
  const a = expr(p, depth - 1, vars);
  const b = expr(p, depth - 1, vars);
  return p.int(0, 2) === 0 ? `(${a}${op}${b})` : `${a} ${op} ${b}`;
}

function lines(...ls: string[]): string {
  return ls.map((l) => l + '\n').join('');
}

/** The bytes of a string whose characters are all below U+0100, one byte each. */
function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

const RELS = ['<', '<=', '>', '>=', '==', '!='] as const;

// ---------------------------------------------------------------------------------------------------------------
// Suite assembly
// ---------------------------------------------------------------------------------------------------------------

type Recipe = (p: Prng, which: 'v' | 'h') => CaseInput;

function addArithmetic(b: SuiteBuilder): void {
  for (let i = 1; i <= 36; i++) {
    b.pair(`arith-${String(i).padStart(2, '0')}`, 'arithmetic: mixed expressions at a scale', (p) => {
      const out = [`scale=${p.int(0, 25)}`];
      for (let k = p.int(3, 7); k > 0; k--) out.push(expr(p, p.int(1, 4)));
      return { argv: [], stdin: lines(...out) };
    });
  }
  for (const op of OPS) {
    const name = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'mod', '^': 'pow' }[op];
    for (let i = 1; i <= 3; i++) {
      b.pair(`op-${name}-${i}`, `arithmetic: operator ${op} with signs and scales`, (p) => {
        const out: string[] = [];
        for (let k = 0; k < 6; k++) {
          out.push(`scale=${p.int(0, 12)}`);
          const a = (p.int(0, 1) ? '-' : '') + num(p, 12, 8);
          const c = op === '^' ? String(p.int(-6, 30)) : (p.int(0, 1) ? '-' : '') + num(p, 10, 8);
          out.push(op === '^' || p.int(0, 1) === 0 ? `${a} ${op} ${c}` : `${a}${op}(${c})`);
        }
        return { argv: [], stdin: lines(...out) };
      });
    }
  }
  for (let i = 1; i <= 8; i++) {
    b.pair(`bignum-${i}`, 'arithmetic: numbers of hundreds of digits', (p) => {
      const a = String(p.int(1, 9)) + digits(p, p.int(60, 400));
      const c = String(p.int(1, 9)) + digits(p, p.int(20, 200));
      return {
        argv: [],
        stdin: lines(
          `a=${a}`,
          `b=${c}`,
          'a*b',
          'a/b',
          'a%b',
          'a-b*2',
          `scale=${p.int(5, 60)}`,
          'a/b',
          'sqrt(a)',
          'b^3',
        ),
      };
    });
  }
  for (let i = 1; i <= 4; i++) {
    b.pair(`power-${i}`, 'arithmetic: large and negative powers', (p) => ({
      argv: [],
      stdin: lines(
        `${p.int(2, 99)}^${p.int(200, 900)}`,
        `scale=${p.int(0, 30)}`,
        `${num(p, 3, 3)}^-${p.int(1, 9)}`,
        `-${p.int(2, 9)}^${p.int(3, 7)}`,
        `(-${p.int(2, 9)})^${p.int(3, 7)}`,
        `0^0`,
        `${num(p, 2, 5)}^${p.int(10, 40)}`,
      ),
    }));
  }
  b.two('scale-of-results', 'arithmetic: scale of products and quotients', {
    argv: [],
    stdin: lines('1.25*1.5', 'scale=1', '1.25*1.5', '1/3', 'scale=3', '1.000001*1', 'scale(1.25*1.5)', '7/2'),
  });
  b.two(
    'division-truncates',
    'arithmetic: division truncates toward zero',
    { argv: [], stdin: lines('7/2', '-7/2', '7%3', '-7%3', '7%-3', 'scale=2', '-7/3', '-7%3') },
    { argv: [], stdin: lines('9/4', '-9/4', '9%4', '-9%4', '9%-4', 'scale=3', '-10/3', '-10%3') },
  );
}

function addBases(b: SuiteBuilder): void {
  for (let i = 1; i <= 16; i++) {
    b.pair(`obase-${String(i).padStart(2, '0')}`, 'bases: obase from 2 to 16 and beyond', (p) => {
      const obase = p.pick([2, 3, 7, 8, 11, 12, 16, 17, 25, 99, 100, 1000, 65536, p.int(2, 300)]);
      const out = [`obase=${obase}`];
      for (let k = 0; k < 5; k++) out.push((p.int(0, 3) === 0 ? '-' : '') + num(p, 10, 5));
      out.push(String(p.int(0, 1)), `${p.int(100, 999)}^${p.int(3, 9)}`);
      return { argv: [], stdin: lines(...out) };
    });
  }
  for (let i = 1; i <= 10; i++) {
    b.pair(`ibase-${String(i).padStart(2, '0')}`, 'bases: ibase from 2 to 16, digits A-F', (p) => {
      const ibase = p.int(2, 16);
      const alphabet = '0123456789ABCDEF'.slice(0, ibase);
      const out = [`ibase=${ibase === 16 ? 'A' + 6 : ibase}`.replace('A6', '16')];
      for (let k = 0; k < 5; k++) {
        const n = alphabet[p.int(1, ibase - 1)] + digits(p, p.int(0, 8), alphabet);
        out.push(p.int(0, 2) === 0 ? `${n}.${digits(p, p.int(1, 3), alphabet)}` : n);
      }
      return { argv: [], stdin: lines(...out) };
    });
  }
  b.two(
    'ibase-then-obase',
    'bases: obase is read in the current ibase',
    { argv: [], stdin: lines('ibase=16', 'obase=A', 'FF', 'ibase=2', '1010', 'obase', 'ibase') },
    { argv: [], stdin: lines('ibase=8', 'obase=10', '777', 'ibase=3', '1201', 'obase', 'ibase') },
  );
  b.two(
    'base-limits',
    'bases: out-of-range ibase and obase warnings',
    { argv: [], stdin: lines('ibase=1', 'ibase', 'ibase=17', 'ibase', 'obase=1', 'obase', '5', 'obase=0') },
    { argv: [], stdin: lines('ibase=0', 'ibase', 'ibase=99', 'ibase', 'obase=-3', 'obase', '7') },
  );
  b.two(
    'digits-beyond-base',
    'bases: single letters keep their value, long ones are clamped',
    { argv: [], stdin: lines('A', 'F', 'FF', 'ibase=2', 'A', '19', 'ibase=1010', 'Z1') },
    { argv: [], stdin: lines('B', 'E', 'EE', 'ibase=8', 'C', '99', 'ibase=A', '1F') },
  );
  b.two(
    'obase-huge',
    'bases: obase above 16 prints groups',
    { argv: [], stdin: lines('obase=1000', '123456789012', 'obase=101', '1234567.89', 'obase=2^31', '2^100') },
    { argv: [], stdin: lines('obase=17', '123456', 'obase=256', '4294967295.5', 'obase=10^6', '2^70') },
  );
  b.two('obase-fraction', 'bases: fractions in other bases', {
    argv: [],
    stdin: lines('obase=2', '0.1', '3.75', 'scale=10', '1/3', 'obase=16', '.5', '255.9375'),
  });
}

function addMathLib(b: SuiteBuilder): void {
  const fns = ['s', 'c', 'a', 'l', 'e'] as const;
  for (const f of fns) {
    for (let i = 1; i <= 3; i++) {
      b.pair(`mathlib-${f}-${i}`, `math library: ${f}(x)`, (p) => {
        const out: string[] = [];
        if (p.int(0, 1)) out.push(`scale=${p.int(2, 40)}`);
        for (let k = 0; k < 4; k++) {
          const sign = f === 'l' ? '' : p.int(0, 2) === 0 ? '-' : '';
          out.push(`${f}(${sign}${num(p, f === 'e' ? 2 : 4, 5)})`);
        }
        return { argv: [i === 3 ? '--mathlib' : '-l'], stdin: lines(...out) };
      });
    }
  }
  for (let i = 1; i <= 3; i++) {
    b.pair(`mathlib-j-${i}`, 'math library: j(n,x) Bessel', (p) => ({
      argv: ['-l'],
      stdin: lines(
        `scale=${p.int(5, 20)}`,
        `j(${p.int(0, 5)}, ${num(p, 1, 3)})`,
        `j(-${p.int(1, 3)}, ${num(p, 2, 2)})`,
      ),
    }));
  }
  b.two(
    'mathlib-scale',
    'math library: -l sets scale to 20',
    { argv: ['-l'], stdin: lines('scale', '1/3', '4*a(1)', 'sqrt(2)') },
    { argv: ['-l'], stdin: lines('scale', '2/3', 'e(1)', 'sqrt(3)') },
  );
  b.two(
    'mathlib-log-errors',
    'math library: l(0) and l(-x)',
    { argv: ['-l'], stdin: lines('l(0)', 'l(-1)', 'l(1)') },
    { argv: ['-l'], stdin: lines('l(-5.5)', 'l(0.0)', 'l(10)') },
  );
  b.two(
    'no-mathlib',
    'math library: s() undefined without -l',
    { argv: [], stdin: lines('s(1)', 'scale') },
    { argv: [], stdin: lines('e(2)', '1/3') },
  );
  b.one('mathlib-pi-100', 'math library: pi to 100 digits', { argv: ['-l'], stdin: lines('scale=100', '4*a(1)') });
}

function addFunctions(b: SuiteBuilder): void {
  const progs: [string, string, Recipe][] = [
    [
      'factorial',
      'functions: recursion (factorial)',
      (p) => ({
        argv: [],
        stdin: lines(
          'define f(n) {',
          '  if (n <= 1) return (1);',
          '  return (n * f(n-1));',
          '}',
          ...Array.from({ length: 4 }, () => `f(${p.int(0, 120)})`),
        ),
      }),
    ],
    [
      'fibonacci',
      'functions: loops and auto variables',
      (p) => ({
        argv: [],
        stdin: lines(
          'define fib(n) {',
          '  auto a, b, t, i',
          '  a = 0; b = 1',
          '  for (i = 0; i < n; i++) { t = a + b; a = b; b = t }',
          '  return a',
          '}',
          ...Array.from({ length: 4 }, () => `fib(${p.int(0, 300)})`),
        ),
      }),
    ],
    [
      'gcd',
      'functions: while loops and %',
      (p) => ({
        argv: [],
        stdin: lines(
          'define g(a, b) { auto t; while (b) { t = b; b = a % b; a = t }; return (a) }',
          ...Array.from({ length: 5 }, () => `g(${p.int(1, 10 ** 9)}, ${p.int(1, 10 ** 6)})`),
        ),
      }),
    ],
    [
      'modpow',
      'functions: scale=0 inside a function',
      (p) => ({
        argv: [],
        stdin: lines(
          'define m(b, e, n) {',
          '  auto r, s',
          '  s = scale; scale = 0; r = 1',
          '  while (e > 0) { if (e % 2 == 1) r = r * b % n; b = b * b % n; e = e / 2 }',
          '  scale = s; return (r)',
          '}',
          'scale = 5',
          ...Array.from({ length: 4 }, () => `m(${p.int(2, 99999)}, ${p.int(10, 99999)}, ${p.int(2, 99999)})`),
          'scale',
        ),
      }),
    ],
    [
      'arrays',
      'functions: arrays, passed by value',
      (p) => {
        const n = p.int(3, 12);
        const vals = Array.from({ length: n }, () => p.int(-999, 999));
        return {
          argv: [],
          stdin: lines(
            'define s(x[], n) { auto i, t; for (i = 0; i < n; i++) t += x[i]; x[0] = 12345; return (t) }',
            ...vals.map((v, i) => `a[${i}] = ${v}`),
            `s(a[], ${n})`,
            'a[0]',
            `a[${p.int(n, 1000)}]`,
          ),
        };
      },
    ],
    [
      'array-ref',
      'functions: array by reference (*a[])',
      (p) => ({
        argv: [],
        stdin: lines(
          'define void fill(*x[], n, v) { auto i; for (i = 0; i < n; i++) x[i] = v * i }',
          `fill(a[], ${p.int(2, 9)}, ${p.int(2, 50)})`,
          'a[0]; a[1]; a[2]',
          `fill(b[], 3, ${num(p, 2, 2)})`,
          'b[2]',
        ),
      }),
    ],
    [
      'void-func',
      'functions: void functions and print',
      (p) => ({
        argv: [],
        stdin: lines(
          'define void hello(n) { print "n=", n, "\\n" }',
          `hello(${p.int(0, 999)})`,
          `x = hello(${p.int(0, 9)})`,
          'define r() { }',
          'r()',
        ),
      }),
    ],
    [
      'auto-scope',
      'functions: auto variables shadow globals (dynamic scope)',
      (p) => {
        const v = p.int(1, 99);
        return {
          argv: [],
          stdin: lines(
            `x = ${v}`,
            'define inner() { return (x) }',
            `define outer() { auto x; x = ${v + p.int(1, 50)}; return (inner()) }`,
            'outer()',
            'inner()',
            'x',
          ),
        };
      },
    ],
    [
      'ackermann',
      'functions: deep recursion',
      (p) => ({
        argv: [],
        stdin: lines(
          'define a(m, n) {',
          '  if (m == 0) return (n+1)',
          '  if (n == 0) return (a(m-1, 1))',
          '  return (a(m-1, a(m, n-1)))',
          '}',
          `a(2, ${p.int(1, 30)})`,
          `a(3, ${p.int(1, 5)})`,
        ),
      }),
    ],
    [
      'func-redefine',
      'functions: redefining a function',
      (p) => ({
        argv: [],
        stdin: lines(
          `define f(x) { return (x * ${p.int(2, 9)}) }`,
          `f(${p.int(1, 99)})`,
          `define f(x) { return (x + ${p.int(2, 9)}) }`,
          `f(${p.int(1, 99)})`,
        ),
      }),
    ],
    [
      'func-errors',
      'functions: wrong argument counts, undefined functions',
      (p) => ({
        argv: [],
        stdin: lines(
          'define f(x, y) { return (x + y) }',
          `f(${p.int(1, 9)})`,
          `f(1, 2, ${p.int(3, 9)})`,
          `h(${p.int(1, 9)})`,
          `f(${p.int(1, 9)}, ${p.int(1, 9)})`,
        ),
      }),
    ],
    [
      'return-forms',
      'functions: return, return (), return expr',
      (p) => ({
        argv: [],
        stdin: lines(
          'define a() { return }',
          'define b() { return () }',
          `define c() { return ${p.int(1, 999)} }`,
          `define d(x) { if (x) return (x*2); ${p.int(1, 9)} }`,
          'a(); b(); c(); d(0); d(' + String(p.int(1, 99)) + ')',
        ),
      }),
    ],
  ];
  for (const [id, feature, recipe] of progs) {
    b.pair(`func-${id}`, feature, recipe);
    b.pair(`func-${id}-again`, feature, recipe);
  }
}

function addControl(b: SuiteBuilder): void {
  for (let i = 1; i <= 6; i++) {
    b.pair(`loop-${i}`, 'control: for, while, break, continue', (p) => {
      const n = p.int(3, 25);
      const m = p.int(2, 7);
      return {
        argv: [],
        stdin: lines(
          `for (i = 0; i < ${n}; i++) { if (i % ${m} == 0) continue; if (i > ${n - p.int(1, 3)}) break; i }`,
          `j = ${p.int(1, 20)}; while (j > 0) { j = j - ${p.int(1, 4)}; print j, " " }; print "\\n"`,
          `for (;;) { k++; if (k == ${p.int(1, 30)}) break }; k`,
        ),
      };
    });
  }
  for (let i = 1; i <= 6; i++) {
    b.pair(`compare-${i}`, 'control: relational and boolean operators', (p) => {
      const out: string[] = [];
      for (let k = 0; k < 6; k++) {
        const a = expr(p, 1);
        const c = expr(p, 1);
        const form = p.int(0, 3);
        if (form === 0) out.push(`${a} ${p.pick(RELS)} ${c}`);
        else if (form === 1) out.push(`(${a} ${p.pick(RELS)} ${c}) && (${c} ${p.pick(RELS)} ${a})`);
        else if (form === 2) out.push(`!(${a} ${p.pick(RELS)} ${c}) || ${p.int(0, 1)}`);
        else out.push(`if (${a} ${p.pick(RELS)} ${c}) ${p.int(0, 99)} else ${p.int(100, 199)}`);
      }
      return { argv: [], stdin: lines(...out) };
    });
  }
  b.two(
    'halt',
    'control: halt stops at once, quit when read',
    { argv: [], stdin: lines('1', 'if (0) halt', '2', 'halt', '3') },
    { argv: [], stdin: lines('5', 'define f() { halt }', '6', 'f()', '7') },
  );
  b.two(
    'quit-parse-time',
    'control: quit exits when parsed, even inside if (0)',
    { argv: [], stdin: lines('1', 'if (0) quit', '2') },
    { argv: [], stdin: lines('9', 'while (0) { quit }', '8') },
  );
  b.two(
    'assign-ops',
    'control: assignment operators, ++ and --',
    {
      argv: [],
      stdin: lines(
        'x = 5',
        'x += 3',
        'x -= 1',
        'x *= 4',
        'x /= 3',
        'x %= 5',
        'x ^= 3',
        'x++',
        '++x',
        'x--',
        '--x',
        'x',
      ),
    },
    {
      argv: [],
      stdin: lines(
        'y = 9',
        'y *= 2',
        'y -= 4',
        'y += 7',
        'y /= 2',
        'y ^= 2',
        'y %= 7',
        '--y',
        'y--',
        '++y',
        'y++',
        'y',
      ),
    },
  );
  b.two(
    'last-dot',
    'control: last and . hold the last printed value',
    { argv: [], stdin: lines('3*4', 'last + 1', '. * 2', 'x = 5', 'last') },
    { argv: [], stdin: lines('7^2', '.', 'last - 9', 'last') },
  );
  b.two(
    'statements',
    'control: statement lists, braces, semicolons',
    { argv: [], stdin: lines('1; 2; 3', '{ 4; 5 }', ';;', '{ }', 'a = 1; b = 2; a + b') },
    { argv: [], stdin: lines('{ 7 ; 8 } ; 9', 'c = 3 ; c * c ;', '{ { 10 } }') },
  );
  b.two('if-else-chain', 'control: if / else chains', {
    argv: [],
    stdin: lines(
      'define s(x) { if (x < 0) return (-1) else if (x == 0) return (0) else return (1) }',
      's(-5); s(0); s(7)',
    ),
  });
}

function addPrint(b: SuiteBuilder): void {
  for (let i = 1; i <= 4; i++) {
    b.pair(`print-${i}`, 'output: print statement and escapes', (p) => {
      const esc = ['\\n', '\\t', '\\\\', '\\a', '\\b', '\\f', '\\r', '\\q', '\\e', '\\z'];
      const parts = Array.from({ length: 4 }, () => `"${digits(p, p.int(0, 5), 'abxyz ')}${p.pick(esc)}"`);
      return {
        argv: [],
        stdin: lines(
          `print ${parts.join(', ')}, ${num(p)}, "\\n"`,
          `"plain string ${p.int(0, 99)}\n"`,
          `print ${p.int(0, 9)}`,
        ),
      };
    });
  }
  b.two(
    'string-newlines',
    'output: strings span lines',
    { argv: [], stdin: '"one\ntwo"\n"three"\n' },
    { argv: [], stdin: '"a\n\nb\n"\n' },
  );
  for (let i = 1; i <= 6; i++) {
    b.pair(`line-length-${i}`, 'output: BC_LINE_LENGTH wraps long numbers', (p) => ({
      argv: [],
      env: {
        BC_LINE_LENGTH: p.pick(['0', '1', '2', '3', '4', '10', '40', '71', '200', String(p.int(5, 120)), 'x', '-5']),
      },
      stdin: lines(
        `${p.int(2, 9)}^${p.int(150, 400)}`,
        'obase=16',
        `${p.int(2, 9)}^${p.int(100, 200)}`,
        '"' + digits(p, 90, 'ab') + '"',
        'print 2^250, "\\n"',
      ),
    }));
  }
  b.two(
    'line-length-default',
    'output: numbers wrap at 70 columns by default',
    { argv: [], stdin: lines('2^300', '-(3^150)', 'obase=2', '2^80-1') },
    { argv: [], stdin: lines('7^130', '-(5^100)', 'scale=90', '1/7') },
  );
  b.two(
    'zero-forms',
    'output: zero, leading dots, trailing zeros',
    { argv: [], stdin: lines('0', '-0', '.0', '0.000', '-.5', '1.50', '007', '00.10', 'scale=3', '1/8', '-1/8') },
    { argv: [], stdin: lines('0.0', '-0.0', '.000', '-.25', '3.00', '0009', '0.010', 'scale=4', '1/16', '-3/16') },
  );
}

function addLimitsAndInfo(b: SuiteBuilder): void {
  b.one('warranty', 'info: warranty statement', { argv: [], stdin: lines('warranty') });
  b.one('version', 'options: --version', { argv: ['--version'] });
  b.one('version-short', 'options: -v', { argv: ['-v'] });
  b.one('help', 'options: --help', { argv: ['--help'] });
  b.one('help-short', 'options: -h', { argv: ['-h'] });
  b.one('help-with-file', 'options: -h with a file operand', { argv: ['-h', 'x.bc'], files: { 'x.bc': '1\n' } });
  b.two('unknown-option', 'options: an unknown option', { argv: ['-x'] }, { argv: ['--frobnicate'] });
  b.one('unknown-option-stdin', 'options: an unknown option', { argv: ['-Z'], stdin: '1\n' });
  b.two(
    'quiet',
    'options: -q and --quiet',
    { argv: ['-q'], stdin: lines('1+1') },
    { argv: ['--quiet'], stdin: lines('2+2') },
  );
  b.one('quiet-mathlib-bundle', 'options: bundled -ql', { argv: ['-ql'], stdin: lines('s(1)') });
  b.one('standard-long', 'options: --standard', { argv: ['--standard'], stdin: lines('1+1', 'a = 1', 'a') });
  b.one('warn-long', 'options: --warn', { argv: ['--warn'], stdin: lines('x = 1; x') });
  b.one('version-then-option', 'options: -v stops at once', { argv: ['-v', '-x'] });
  b.one('double-dash', 'options: -- before file names', { argv: ['--', 'f.bc'], files: { 'f.bc': '2*21\n' } });
  b.one('abbrev-long', 'options: abbreviated long options', { argv: ['--math', '--qui'], stdin: lines('c(0)') });
  b.one('ambiguous-long', 'options: ambiguous long abbreviations', { argv: ['--w'], stdin: lines('1') });
}

/** GNU extensions that POSIX bc lacks: -s makes them errors, -w warnings, POSIXLY_CORRECT as -s. */
const EXTENSIONS: readonly string[] = [
  'print 1',
  'x = 1; x',
  'while (0) { continue }',
  'if (1) 2 else 3',
  'a = 1 && 0',
  'b = !1',
  'c = (1 < 2) == 1',
  'read',
  'halt',
  'define void f() { }',
  'define g(*a[]) { return (1) }',
  'ab = 5',
  'last',
  '# comment',
  'for (;;) break',
  'return',
  '1 || 2',
  'scale = 2; 4 >= 3',
  '"str" ; 1',
];

function addStandard(b: SuiteBuilder): void {
  for (let i = 1; i <= 5; i++) {
    const opt = (['-s', '-w', '--standard', '--warn', '-sw'] as const)[i - 1];
    b.pair(`posix-${i}`, `options: ${opt} with GNU extensions`, (p) => {
      const picked = new Set<string>();
      while (picked.size < 4) picked.add(p.pick(EXTENSIONS));
      return { argv: [opt as string], stdin: lines('1+1', ...picked, '2+2') };
    });
  }
  b.pair('posixly-correct', 'options: POSIXLY_CORRECT acts as -s', (p) => {
    const picked = new Set<string>();
    while (picked.size < 3) picked.add(p.pick(EXTENSIONS));
    return { argv: [], env: { POSIXLY_CORRECT: '1' }, stdin: lines('3*3', ...picked) };
  });
  b.two(
    'env-args',
    'options: BC_ENV_ARGS',
    { argv: [], env: { BC_ENV_ARGS: '-l' }, stdin: lines('s(1)') },
    { argv: [], env: { BC_ENV_ARGS: '-q -l' }, stdin: lines('c(1)') },
  );
  b.two(
    'env-args-file',
    'options: BC_ENV_ARGS names a file',
    {
      argv: [],
      env: { BC_ENV_ARGS: 'lib.bc' },
      files: { 'lib.bc': 'define t(x) { return (x*3) }\n' },
      stdin: lines('t(4)'),
    },
    { argv: ['-q'], env: { BC_ENV_ARGS: ' lib.bc  -l ' }, files: { 'lib.bc': 'z = 7\n' }, stdin: lines('z * e(0)') },
  );
  b.one('env-args-bad-option', 'options: BC_ENV_ARGS with an unknown option', {
    argv: [],
    env: { BC_ENV_ARGS: '-y' },
    stdin: lines('1'),
  });
  b.one('env-args-missing-file', 'options: BC_ENV_ARGS names a missing file', {
    argv: [],
    env: { BC_ENV_ARGS: 'nothere.bc' },
    stdin: lines('1'),
  });
}

function addFiles(b: SuiteBuilder): void {
  for (let i = 1; i <= 4; i++) {
    b.pair(`files-${i}`, 'files: program files, then stdin', (p) => {
      const n = p.int(1, 3);
      const files: Record<string, string> = {};
      for (let k = 0; k < n; k++) files[`part${k}.bc`] = lines(`v${k} = ${expr(p, 2)}`, `v${k}`);
      return { argv: Object.keys(files), files, stdin: lines(`v0 + ${p.int(1, 9)}`) };
    });
  }
  b.two(
    'file-missing',
    'files: a missing file',
    { argv: ['nope.bc'], stdin: lines('1') },
    { argv: ['ok.bc', 'missing.bc'], files: { 'ok.bc': '5\n' }, stdin: lines('6') },
  );
  b.two(
    'file-quit',
    'files: quit in a file skips stdin',
    { argv: ['q.bc'], files: { 'q.bc': '1\nquit\n' }, stdin: lines('2') },
    { argv: ['a.bc', 'b.bc'], files: { 'a.bc': '3\n', 'b.bc': '4\nquit\n5\n' }, stdin: lines('6') },
  );
  b.two(
    'file-error-names',
    'files: errors name the file and line',
    { argv: ['bad.bc'], files: { 'bad.bc': '1\n2 +\n3\n' }, stdin: lines('4 *') },
    { argv: ['x.bc', 'y.bc'], files: { 'x.bc': '(\n', 'y.bc': '\n\n1/0\n' }, stdin: lines('') },
  );
  b.two(
    'file-no-newline',
    'files: a file without its last newline',
    { argv: ['n.bc'], files: { 'n.bc': '1+2' } },
    { argv: ['n.bc'], files: { 'n.bc': 'define f() { return (9) }\nf()' }, stdin: '7' },
  );
  for (let i = 1; i <= 3; i++) {
    b.pair(`read-${i}`, 'files: read() takes numbers from stdin', (p) => {
      const n = p.int(2, 5);
      const vals = Array.from({ length: n }, () => (p.int(0, 3) === 0 ? '-' : '') + num(p));
      return {
        argv: ['prog.bc'],
        files: { 'prog.bc': lines(`for (i = 0; i < ${n}; i++) { x = read(); x * 2 }`, 'quit') },
        stdin: lines(...vals),
      };
    });
  }
  b.two(
    'read-bad',
    'files: read() of something that is not a number',
    { argv: ['r.bc'], files: { 'r.bc': 'x = read()\nx\nquit\n' }, stdin: lines('abc') },
    { argv: ['r.bc'], files: { 'r.bc': 'y = read()\ny + 1\nquit\n' }, stdin: lines('1 +') },
  );
  b.one('read-expression', 'files: read() evaluates an expression', {
    argv: ['r.bc'],
    files: { 'r.bc': 'x = read()\nx\nquit\n' },
    stdin: lines('2^10 + 3'),
  });
}

function addErrors(b: SuiteBuilder): void {
  const runtime: [string, string][] = [
    ['div-zero', '1/0'],
    ['mod-zero', '5%0'],
    ['sqrt-negative', 'sqrt(-4)'],
    ['array-bounds', 'a[16777216] = 1'],
    ['array-negative', 'a[-1]'],
    ['negative-scale', 'scale = -1'],
    ['big-exponent', '2^(2^70)'],
    ['fraction-exponent', '2^1.5'],
    ['undefined-func', 'nofunc(1)'],
    ['zero-power-neg', '0^-1'],
  ];
  for (const [id, stmt] of runtime) {
    b.pair(`runtime-${id}`, `errors: runtime error (${id})`, (p) => {
      const before = `${p.int(1, 999)} + ${p.int(1, 999)}`;
      const after = `${p.int(1, 999)} * ${p.int(1, 9)}`;
      return {
        argv: [],
        stdin: lines(before, `${stmt}; ${p.int(0, 99)}`, after, `define f() { ${stmt} }`, 'f()', after),
      };
    });
  }
  const syntax = [
    '1 +',
    '(1',
    '1)',
    '* 2',
    'if',
    'define',
    '{',
    '}',
    'x[',
    '1 2',
    '+ +',
    '"open',
    '/* open',
    'a = ',
    'for (i = 0; i < 3) 1',
    'define f(x) return x',
    '3 ==',
    'a[1',
    '=',
    'quit 1',
  ];
  for (let i = 1; i <= 10; i++) {
    b.pair(`syntax-${String(i).padStart(2, '0')}`, 'errors: syntax errors, then recovery', (p) => {
      const out: string[] = [];
      for (let k = 0; k < p.int(3, 6); k++) out.push(p.int(0, 2) === 0 ? p.pick(syntax) : expr(p, 2));
      out.push(p.pick(syntax), String(p.int(0, 9999)));
      return { argv: [], stdin: lines(...out) };
    });
  }
  b.two(
    'illegal-chars',
    'errors: illegal characters',
    { argv: [], stdin: lines('1 @ 2', '3 $', '`', '4') },
    { argv: [], stdin: lines('5 ~ 6', '?', '7 :', '8') },
  );
  b.two(
    'uppercase-names',
    'errors: names must be lower case',
    { argv: [], stdin: lines('X = 1', 'Ab = 2', 'ab = 3', 'ab') },
    { argv: [], stdin: lines('Y', 'aB', 'b_1 = 4', 'b_1') },
  );
  b.two(
    'keyword-misuse',
    'errors: keywords as names',
    { argv: [], stdin: lines('if = 1', 'define while() { }', 'scale(scale)', 'length = 2', '5') },
    { argv: [], stdin: lines('for = 2', 'define auto() { }', 'ibase(1)', 'sqrt = 3', '6') },
  );
  b.two(
    'break-outside',
    'errors: break and continue outside loops',
    { argv: [], stdin: lines('break', 'continue', '1') },
    { argv: [], stdin: lines('if (1) break', 'if (1) continue', '2') },
  );
  b.two(
    'return-outside',
    'errors: return outside a function',
    { argv: [], stdin: lines('return', '3') },
    { argv: [], stdin: lines('return (5)', '4') },
  );
  b.two(
    'void-value',
    'errors: using the value of a void function',
    { argv: [], stdin: lines('define void v() { }', 'x = v()', 'v() + 1', '2') },
    { argv: [], stdin: lines('define void w(n) { n }', 'w(3) * 2', '9') },
  );
  b.two(
    'duplicate-params',
    'errors: duplicate parameter and auto names',
    { argv: [], stdin: lines('define f(a, a) { return (a) }', 'define g(a) { auto a; return (a) }', '1') },
    { argv: [], stdin: lines('define h(x, y, x) { }', 'define k() { auto q, q }', '2') },
  );
}

function addBuiltins(b: SuiteBuilder): void {
  for (let i = 1; i <= 5; i++) {
    b.pair(`builtins-${i}`, 'builtins: length(), scale(), sqrt()', (p) => {
      const out: string[] = [`scale=${p.int(0, 30)}`];
      for (let k = 0; k < 3; k++) {
        const n = num(p, 10, 10);
        out.push(`length(${n})`, `scale(${n})`, `sqrt(${n})`);
      }
      out.push('length(0)', 'scale(0)', `length(-${num(p)})`);
      return { argv: [], stdin: lines(...out) };
    });
  }
  b.two(
    'sqrt-scale',
    'builtins: sqrt keeps the larger of scale and the argument’s scale',
    { argv: [], stdin: lines('sqrt(2)', 'sqrt(2.0000)', 'scale=10', 'sqrt(2)', 'sqrt(0)', 'sqrt(.0001)') },
    { argv: [], stdin: lines('sqrt(3)', 'sqrt(3.000000)', 'scale=15', 'sqrt(3)', 'sqrt(1)', 'sqrt(.09)') },
  );
  b.two(
    'special-vars',
    'builtins: reading scale, ibase, obase',
    { argv: [], stdin: lines('scale', 'ibase', 'obase', 'scale = 7', 'scale', 'obase = 3', 'ibase') },
    { argv: [], stdin: lines('obase', 'scale', 'ibase = 5', 'ibase', 'scale = 99', 'scale') },
  );
}

function addInputForms(b: SuiteBuilder): void {
  b.two(
    'comments',
    'input: /* */ and # comments',
    { argv: [], stdin: lines('1 /* a comment */ + 2', '/* multi', 'line */ 3', '4 # to the end', '# only') },
    { argv: [], stdin: lines('/**/5', '6/* x */*/* y */7', '# 8', '9 #') },
  );
  b.two(
    'backslash-newline',
    'input: backslash-newline continues a line',
    { argv: [], stdin: '12\\\n34\n1 + \\\n2\n' },
    { argv: [], stdin: '9\\\n9\\\n9\n"a\\\nb"\n' },
  );
  b.two('crlf', 'input: CR-LF line ends', { argv: [], stdin: '1+1\r\n2*3\r\n' }, { argv: [], stdin: 'x=4\r\nx\r\n' });
  b.two(
    'tabs-spaces',
    'input: tabs, form feeds and spaces between tokens',
    { argv: [], stdin: '\t1\t+\t2\t\n \f 3 \n' },
    { argv: [], stdin: '  4  *  5  \n\t\t6\n\v7\n' },
  );
  b.two(
    'no-final-newline',
    'input: last line without newline',
    { argv: [], stdin: '1\n2+2' },
    { argv: [], stdin: 'x = 3\nx * x' },
  );
  b.two('empty-input', 'input: empty and blank input', { argv: [], stdin: '' }, { argv: [], stdin: '\n\n\n' });
  b.two(
    'high-bytes',
    'input: bytes above 0x7f',
    { argv: [], stdin: latin1('1\n"\xe9\xff"\n2 /* \xff\x80 */ + 3\n4 # \xfe\n') },
    { argv: [], stdin: latin1('5\n"caf\xc3\xa9"\nprint "\x80\x81\\n"\n6\n') },
  );
  b.two(
    'nul-byte',
    'input: a NUL byte',
    { argv: [], stdin: latin1('1\n2\x003\n4\n') },
    { argv: [], stdin: latin1('\x00\n5\n') },
  );
  b.two(
    'long-line',
    'input: a very long expression line',
    { argv: [], stdin: Array.from({ length: 2000 }, (_, i) => String(i % 97)).join('+') + '\n' },
    { argv: [], stdin: Array.from({ length: 1500 }, (_, i) => String((i * 7) % 89)).join('-') + '\n' },
  );
  b.two(
    'long-number',
    'input: a number of thousands of digits',
    { argv: [], stdin: '9'.repeat(5000) + ' + 1\n' },
    { argv: [], stdin: '1' + '0'.repeat(3000) + ' / 7\n' },
  );
  b.two(
    'semicolon-newline',
    'input: newline and semicolon as separators',
    { argv: [], stdin: '1;2\n;\n3;\n' },
    { argv: [], stdin: ';4;;5\n' },
  );
}

/** Seeded recipes that keep only their visible case, so that about a third of all cases are hidden. */
export function suite(): TestSuite {
  const b = new SuiteBuilder({ target: 'bc', visibleOnlyEvery: 2 });
  addArithmetic(b);
  addBases(b);
  addMathLib(b);
  addFunctions(b);
  addControl(b);
  addPrint(b);
  addLimitsAndInfo(b);
  addStandard(b);
  addFiles(b);
  addErrors(b);
  addBuiltins(b);
  addInputForms(b);
  return b.suite();
}
