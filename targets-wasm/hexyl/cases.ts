/**
 * Test-suite generator for `hexyl` 0.8.0 (sharkdp's hex viewer, Rust, clap 2 command line).
 *
 * Deterministic: every input comes from a `Prng` with a fixed seed, so `suite()` returns the same cases on every
 * call. Visible cases carry a `feature` label; every hidden case is the dual (`dualOf`) of a visible case exercising
 * the same feature with other values.
 *
 * Behaviour notes that shaped the cases (all checked against the native program):
 * - Colours are ON by default in 0.8 (`--color` defaults to `always`), even into a pipe; `--color=auto` is off when
 *   stdout is not a terminal (never a terminal here), `--color=never` is off. Colour codes are fixed ANSI sequences
 *   (grey 242 for NUL and offsets, cyan printable, green whitespace, purple other ASCII, yellow non-ASCII).
 * - Byte classes decide the character column: NUL `0`, printable ASCII itself, space ` `, other whitespace
 *   (\t \n \x0c \r) `_`, other ASCII `•`, bytes >= 0x80 `×`. Rust's is_ascii_whitespace excludes the vertical tab
 *   \x0b, which is therefore "other ASCII".
 * - `-n/-c/--length/--bytes`, `-s/--skip` and `-o/--display-offset` take N with an optional `+`, a `0x` hex form, or
 *   a unit (b, kB, MB, GB, TB, KiB, MiB, GiB, TiB, block; case-insensitive). A value that does not parse (negative,
 *   unknown unit, spaces, overflow) is silently IGNORED, as if the option were absent. `-n` wins over `-c`.
 *   `--block-size` accepts a plain integer only (default 512). Without -o the displayed offset starts at the skip.
 * - Squeezing: a line identical to the previous one (all 16 bytes the same byte value) is shown once, then `*`.
 * - A file that cannot be read prints "Error: <text> (os error <Linux errno>)" and exits 1; clap's errors print a
 *   usage block and exit 1; --help/--version exit 0. Only one FILE is accepted; `-` is a file name, not stdin.
 */
import type { TestSuite } from '../../src/core/test-case.ts';
import { Prng } from '../../src/core/prng.ts';
import { SuiteBuilder, type CaseInput } from '../../src/core/suite-builder.ts';

// ---------------------------------------------------------------------------------------------------------------
// Contents
// ---------------------------------------------------------------------------------------------------------------

const PRINTABLE = Array.from({ length: 94 }, (_, i) => 0x21 + i);
const WHITESPACE = [0x20, 0x09, 0x0a, 0x0c, 0x0d];
const CONTROL = [
  ...Array.from({ length: 8 }, (_, i) => 1 + i),
  0x0b,
  ...Array.from({ length: 18 }, (_, i) => 0x0e + i),
  0x7f,
];
const HIGH = Array.from({ length: 128 }, (_, i) => 0x80 + i);

type Kind = 'text' | 'binary' | 'nul' | 'printable' | 'whitespace' | 'control' | 'high' | 'mixed' | 'runs' | 'utf8';
const KINDS: readonly Kind[] = [
  'text',
  'binary',
  'nul',
  'printable',
  'whitespace',
  'control',
  'high',
  'mixed',
  'runs',
  'utf8',
];

const WORDS = ['hex', 'dump', 'byte', 'offset', 'line', 'squeeze', 'border', 'colour', 'file', 'data', 'zero', 'ascii'];

function fromPool(p: Prng, pool: readonly number[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = p.pick(pool);
  return out;
}

function content(p: Prng, kind: Kind, n: number): Uint8Array {
  switch (kind) {
    case 'text': {
      let s = '';
      while (s.length < n) s += p.pick(WORDS) + (p.int(0, 6) === 0 ? '\n' : ' ');
      return new TextEncoder().encode(s.slice(0, n));
    }
    case 'utf8': {
      const parts = ['é', 'ß', '日本', '✓', '🙂', 'Ж', 'a', 'b', ' ', '\n'];
      const bytes: number[] = [];
      while (bytes.length < n) bytes.push(...new TextEncoder().encode(p.pick(parts)));
      return Uint8Array.from(bytes.slice(0, n));
    }
    case 'binary':
      return p.bytes(n);
    case 'nul':
      return new Uint8Array(n);
    case 'printable':
      return fromPool(p, PRINTABLE, n);
    case 'whitespace':
      return fromPool(p, WHITESPACE, n);
    case 'control':
      return fromPool(p, CONTROL, n);
    case 'high':
      return fromPool(p, HIGH, n);
    case 'mixed': {
      const pools = [[0], PRINTABLE, WHITESPACE, CONTROL, HIGH];
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = p.pick(p.pick(pools));
      return out;
    }
    case 'runs': {
      // Runs of one byte value, several lines long: what squeezing folds.
      const out = new Uint8Array(n);
      let at = 0;
      while (at < n) {
        const len = Math.min(n - at, p.pick([1, 5, 16, 17, 32, 48, 64, 100]));
        out.fill(p.int(0, 3) === 0 ? 0 : p.int(0, 255), at, at + len);
        at += len;
      }
      return out;
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
  let at = 0;
  for (const x of parts) {
    out.set(x, at);
    at += x.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Suite assembly
// ---------------------------------------------------------------------------------------------------------------

type Input = CaseInput;

/** Options that keep the output small (no colour codes) unless a case is about colour. */
const PLAIN = ['--color=never'];

// ---------------------------------------------------------------------------------------------------------------
// Byte classes and line shapes
// ---------------------------------------------------------------------------------------------------------------

function addByteClasses(b: SuiteBuilder): void {
  for (const kind of ['nul', 'printable', 'whitespace', 'control', 'high', 'mixed'] as const) {
    b.pair(`class-${kind}`, `bytes: ${kind}`, (p) => ({ argv: [], stdin: content(p, kind, p.int(20, 60)) }));
    b.pair(`class-${kind}-plain`, `bytes: ${kind}`, (p) => ({
      argv: [...PLAIN],
      stdin: content(p, kind, p.int(20, 60)),
    }));
  }
  // Every byte value once, in order and shuffled, in each colour mode and border.
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  b.two(
    'class-all-bytes',
    'bytes: all 256 values',
    { argv: [], stdin: all },
    { argv: [], stdin: all.slice().reverse() },
  );
  b.two(
    'class-all-bytes-plain',
    'bytes: all 256 values',
    { argv: ['--color', 'never'], stdin: all },
    { argv: ['--color=never', '--border=ascii'], stdin: all.slice(128) },
  );
  b.two('class-all-bytes-file', 'bytes: all 256 values', {
    argv: ['--color=never', 'all.bin'],
    files: { 'all.bin': all },
  });
  b.pair('class-all-bytes-shuffled', 'bytes: all 256 values', (p) => {
    const s = all.slice();
    for (let i = s.length - 1; i > 0; i--) {
      const j = p.int(0, i);
      [s[i], s[j]] = [s[j] as number, s[i] as number];
    }
    return { argv: ['--border=none'], stdin: s };
  });
  // Each whitespace byte alone, and the vertical tab (not whitespace for Rust).
  for (const [name, byte] of [
    ['space', 0x20],
    ['tab', 0x09],
    ['newline', 0x0a],
    ['vtab', 0x0b],
    ['formfeed', 0x0c],
    ['cr', 0x0d],
    ['del', 0x7f],
    ['nul', 0x00],
    ['x80', 0x80],
    ['xff', 0xff],
  ] as const) {
    b.two(
      `byte-${name}`,
      'bytes: single special byte',
      { argv: [], stdin: new Uint8Array([0x41, byte, 0x42]) },
      name === 'vtab' || name === 'xff' ? { argv: [...PLAIN], stdin: new Uint8Array([byte, byte, 0x43]) } : undefined,
    );
  }
}

function addLineShapes(b: SuiteBuilder): void {
  for (const n of [0, 1, 2, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 47, 48, 49]) {
    b.pair(
      `size-${n}`,
      'layout: input sizes around 8 and 16',
      (p, w) => ({
        argv: w === 'v' ? [...PLAIN] : [],
        stdin: content(p, 'text', n),
      }),
      n !== 0 && n % 2 === 1,
    );
  }
  b.two(
    'size-0-file',
    'layout: empty input',
    { argv: ['empty'], files: { empty: '' } },
    { argv: ['--border=ascii', 'e'], files: { e: '' } },
  );
  b.two(
    'size-0-none',
    'layout: empty input',
    { argv: ['--border=none'] },
    { argv: ['--border=none', '--color=never'] },
  );
  b.pair('size-large', 'layout: a few KiB', (p) => ({
    argv: [...PLAIN, 'big.bin'],
    files: { 'big.bin': content(p, 'mixed', p.int(2000, 4000)) },
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------------------

function addBorders(b: SuiteBuilder): void {
  for (const style of ['unicode', 'ascii', 'none'] as const) {
    for (const colour of ['always', 'never'] as const) {
      b.pair(`border-${style}-${colour}`, `border: ${style}`, (p) => ({
        argv: [`--border=${style}`, `--color=${colour}`],
        stdin: content(p, p.pick(['text', 'mixed', 'binary'] as const), p.int(10, 70)),
      }));
    }
    b.pair(
      `border-${style}-separate`,
      `border: ${style}`,
      (p) => ({
        argv: ['--border', style, ...PLAIN, 'f.bin'],
        files: { 'f.bin': content(p, 'mixed', p.int(3, 40)) },
      }),
      style !== 'none',
    );
    b.pair(
      `border-${style}-squeezed`,
      `border: ${style}`,
      (p) => ({
        argv: [`--border=${style}`, ...PLAIN],
        stdin: concat(content(p, 'text', 16), new Uint8Array(80).fill(p.int(0, 255)), content(p, 'text', p.int(1, 15))),
      }),
      style === 'ascii',
    );
  }
  b.two('border-invalid', 'border: invalid style', { argv: ['--border=double'] }, { argv: ['--border', 'Unicode'] });
  b.two(
    'border-missing-value',
    'border: missing value',
    { argv: ['--border'], stdin: 'abc' },
    { argv: ['--color=never', '--border'], stdin: 'xyz\n' },
  );
  b.two('border-twice', 'border: given twice', { argv: ['--border=ascii', '--border=none'], stdin: 'twice' });
}

function addColours(b: SuiteBuilder): void {
  for (const when of ['always', 'never', 'auto'] as const) {
    b.pair(`color-${when}`, `colour: ${when}`, (p) => ({
      argv: [`--color=${when}`],
      stdin: content(p, 'mixed', p.int(20, 64)),
    }));
    b.pair(
      `color-${when}-separate`,
      `colour: ${when}`,
      (p) => ({
        argv: ['--color', when, 'c.bin'],
        files: { 'c.bin': content(p, p.pick(KINDS), p.int(5, 40)) },
      }),
      when !== 'auto',
    );
  }
  b.pair('color-default', 'colour: default is always', (p) => ({ argv: [], stdin: content(p, 'text', p.int(10, 40)) }));
  b.pair('color-squeeze', 'colour: squeeze marker', (p) => ({
    argv: ['--color=always'],
    stdin: concat(new Uint8Array(64), content(p, 'binary', p.int(1, 20))),
  }));
  b.pair('color-offset', 'colour: offsets', (p) => ({
    argv: ['-o', String(p.int(1, 100000))],
    stdin: content(p, 'printable', p.int(17, 40)),
  }));
  b.two('color-invalid', 'colour: invalid value', { argv: ['--color=sometimes'] }, { argv: ['--color', 'yes'] });
  b.two('color-case', 'colour: invalid value', { argv: ['--color=NEVER'], stdin: 'x' });
  b.two('color-missing-value', 'colour: missing value', { argv: ['--color'] }, { argv: ['--color', '--border=ascii'] });
  b.two(
    'color-twice',
    'colour: given twice',
    { argv: ['--color=never', '--color=always'], stdin: 'two' },
    { argv: ['--color=always', '--color=never'], stdin: 'owt' },
  );
}

/** Number forms the byte-count options accept, with what they mean for a given input. */
const COUNT_FORMS: [string, string][] = [
  ['dec', '5'],
  ['plus', '+7'],
  ['zero', '0'],
  ['hex', '0x14'],
  ['hex-upper', '0X14'],
  ['hex-caps-digits', '0x1F'],
  ['plus-hex', '+0x10'],
  ['unit-b', '9b'],
  ['unit-kb', '1kb'],
  ['unit-kb-upper', '1KB'],
  ['unit-kib', '1kib'],
  ['unit-kib-upper', '1KiB'],
  ['unit-mixed-case', '1kIB'],
  ['unit-mb', '1MB'],
  ['unit-block', '1block'],
  ['unit-blocks', '2BLOCK'],
  ['bad-negative', '-3'],
  ['bad-unit', '3x'],
  ['bad-k', '1k'],
  ['bad-space', ' 4'],
  ['bad-empty-plus', '+'],
  ['bad-hex-sign', '0x-4'],
  ['bad-hex-plus', '0x+4'],
  ['bad-float', '1.5'],
  ['bad-overflow', '99999999999TiB'],
  ['bad-word', 'ten'],
  ['big', '9223372036854775807'],
  ['too-big', '9223372036854775808'],
];

function addLength(b: SuiteBuilder): void {
  const spellings = (v: string, i: number): string[] => {
    switch (i % 4) {
      case 0:
        return ['-n', v];
      case 1:
        return [`--length=${v}`];
      case 2:
        return ['-c', v];
      default:
        return [`--bytes=${v}`];
    }
  };
  COUNT_FORMS.forEach(([name, v], i) => {
    // A leading '-' is taken by clap as an option unless glued with '='.
    const argv = v.startsWith('-') ? [i % 2 ? `--length=${v}` : `--bytes=${v}`] : spellings(v, i);
    b.pair(
      `length-${name}`,
      `length: ${name.startsWith('bad') ? 'invalid value is ignored' : 'value forms'}`,
      (p) => ({
        argv: [...PLAIN, ...argv],
        stdin: content(p, p.pick(['text', 'mixed'] as const), p.int(30, 90)),
      }),
      i % 3 !== 2,
    );
  });
  b.pair('length-longer-than-input', 'length: value forms', (p) => ({
    argv: [...PLAIN, '-n', '1000', 'f'],
    files: { f: content(p, 'binary', p.int(10, 50)) },
  }));
  b.pair('length-partial-line', 'length: value forms', (p) => ({
    argv: [...PLAIN, '-n', String(p.int(17, 31))],
    stdin: content(p, 'binary', 64),
  }));
  b.pair('length-n-and-c', 'length: -n wins over -c', (p) => ({
    argv: [...PLAIN, '-c', String(p.int(1, 9)), '-n', String(p.int(10, 20))],
    stdin: content(p, 'text', 40),
  }));
  b.pair('length-c-and-n', 'length: -n wins over -c', (p) => ({
    argv: [...PLAIN, '-n', String(p.int(1, 9)), '--bytes', String(p.int(10, 20))],
    stdin: content(p, 'text', 40),
  }));
  b.two('length-twice', 'length: given twice', { argv: [...PLAIN, '-n', '4', '-n', '8'], stdin: 'abcdefghijkl' });
  b.two('length-missing-value', 'length: missing value', { argv: ['-n'] }, { argv: ['--bytes'] });
  b.two('length-hyphen-value', 'length: missing value', { argv: ['-n', '-5'], stdin: 'abc' });
  b.pair('length-block-size', 'length: block unit and --block-size', (p, w) => ({
    argv: [...PLAIN, '--block-size', w === 'v' ? '4' : '3', '-n', '2block'],
    stdin: content(p, 'printable', 30),
  }));
  b.pair('length-block-size-eq', 'length: block unit and --block-size', (p) => ({
    argv: [...PLAIN, `--block-size=${p.int(5, 12)}`, '--length=3block'],
    stdin: content(p, 'mixed', 60),
  }));
  b.two('length-block-size-zero', 'length: block unit and --block-size', {
    argv: [...PLAIN, '--block-size=0', '-n', '1block'],
    stdin: 'nothing shown',
  });
  b.two(
    'length-block-size-unit',
    'length: --block-size takes a plain number',
    { argv: [...PLAIN, '--block-size=4kB', '-n', '1block'], stdin: 'x'.repeat(600) },
    { argv: [...PLAIN, '--block-size=0x10', '-n', '1block'], stdin: 'y'.repeat(530) },
  );
  b.two('length-block-size-negative', 'length: --block-size takes a plain number', {
    argv: [...PLAIN, '--block-size=-2', '-n', '1block'],
    stdin: 'z'.repeat(520),
  });
  b.two('length-block-default', 'length: block unit and --block-size', {
    argv: [...PLAIN, '-n', '1block', 'f'],
    files: { f: new Uint8Array(700).fill(0x61) },
  });
}

function addSkip(b: SuiteBuilder): void {
  COUNT_FORMS.forEach(([name, v], i) => {
    const argv = v.startsWith('-') ? [`--skip=${v}`] : i % 2 ? ['-s', v] : [`--skip=${v}`];
    b.pair(
      `skip-${name}`,
      `skip: ${name.startsWith('bad') ? 'invalid value is ignored' : 'value forms'}`,
      (p, w) => {
        const data = content(p, p.pick(['text', 'mixed'] as const), p.int(30, 90));
        // File input seeks; stdin reads and discards. Seeking a file past the file system's largest size fails
        // natively (EINVAL) depending on the file system: the largest skip stays on stdin.
        return name === 'big' || (i + (w === 'h' ? 1 : 0)) % 2
          ? { argv: [...PLAIN, ...argv], stdin: data }
          : { argv: [...PLAIN, ...argv, 'in.bin'], files: { 'in.bin': data } };
      },
      i % 3 !== 1,
    );
  });
  b.pair('skip-past-end-file', 'skip: past the end', (p) => ({
    argv: [...PLAIN, '-s', '100', 'f'],
    files: { f: content(p, 'text', p.int(1, 99)) },
  }));
  b.pair('skip-past-end-stdin', 'skip: past the end', (p) => ({
    argv: [...PLAIN, '-s', '100'],
    stdin: content(p, 'text', p.int(1, 99)),
  }));
  b.two(
    'skip-huge-file',
    'skip: past the end',
    { argv: [...PLAIN, '-s', '1TiB', 'f'], files: { f: 'small' } },
    { argv: ['-s', '16GiB', 'f'], files: { f: 'tiny' } },
  );
  b.two('skip-huge-stdin', 'skip: past the end', { argv: [...PLAIN, '-s', '1GB'], stdin: 'small' });
  b.pair('skip-and-length', 'skip: with length', (p) => ({
    argv: [...PLAIN, '-s', String(p.int(3, 20)), '-n', String(p.int(5, 30))],
    stdin: content(p, 'mixed', 80),
  }));
  b.pair('skip-and-length-file', 'skip: with length', (p) => ({
    argv: [...PLAIN, `--skip=0x${p.int(1, 40).toString(16)}`, `--length=${p.int(1, 40)}`, 'data'],
    files: { data: content(p, 'binary', 100) },
  }));
  b.pair('skip-shows-offset', 'skip: displayed offset starts at the skip', (p) => ({
    argv: [...PLAIN, '-s', String(p.int(1, 15))],
    stdin: content(p, 'printable', 48),
  }));
  b.pair('skip-with-offset', 'skip: -o replaces the displayed offset', (p) => ({
    argv: [...PLAIN, '-s', String(p.int(1, 30)), '-o', String(p.int(0, 5000))],
    stdin: content(p, 'printable', 48),
  }));
  b.pair('skip-bad-with-offset', 'skip: -o replaces the displayed offset', (p) => ({
    argv: [...PLAIN, '--skip=-4', '-o', String(p.int(1, 99))],
    stdin: content(p, 'text', 20),
  }));
  b.pair('skip-squeeze', 'skip: squeezing after a skip', (p) => ({
    argv: [...PLAIN, '-s', String(p.int(1, 20))],
    stdin: concat(content(p, 'text', 20), new Uint8Array(96)),
  }));
  b.two('skip-missing-value', 'skip: missing value', { argv: ['-s'] }, { argv: ['--skip'] });
  b.two('skip-twice', 'skip: given twice', { argv: [...PLAIN, '-s', '2', '-s', '6'], stdin: 'abcdefghijkl' });
}

function addDisplayOffset(b: SuiteBuilder): void {
  const values: [string, string][] = [
    ['dec', '100'],
    ['hex', '0xdeadbeef'],
    ['unit', '4KiB'],
    ['block', '3block'],
    ['wide', '0x100000000'],
    ['crossing', '0xfffffff8'],
    ['huge', '0x7ffffffffffffff0'],
    ['zero', '0'],
    ['plus', '+17'],
    ['bad', 'abc'],
    ['bad-negative', '-16'],
  ];
  values.forEach(([name, v], i) => {
    const argv = v.startsWith('-') ? [`--display-offset=${v}`] : i % 2 ? ['-o', v] : [`--display-offset=${v}`];
    b.pair(
      `offset-${name}`,
      'display offset: value forms',
      (p) => ({
        argv: [...PLAIN, ...argv],
        stdin: content(p, p.pick(['text', 'printable'] as const), p.int(20, 60)),
      }),
      i % 2 === 0,
    );
  });
  b.pair('offset-unaligned-squeeze', 'display offset: with squeezing', (p) => ({
    argv: [...PLAIN, '-o', String(p.int(1, 15))],
    stdin: new Uint8Array(p.int(60, 100)),
  }));
  b.pair('offset-colour', 'display offset: coloured', (p) => ({
    argv: ['-o', `0x${p.int(1, 0xffff).toString(16)}`, '--border=ascii'],
    stdin: content(p, 'mixed', 20),
  }));
  b.two('offset-missing-value', 'display offset: missing value', { argv: ['-o'] }, { argv: ['--display-offset'] });
}

function addSqueeze(b: SuiteBuilder): void {
  const S = (d: string) => `squeeze: ${d}`;
  b.pair('squeeze-zeros', S('runs of zero lines'), (p) => ({
    argv: [...PLAIN],
    stdin: new Uint8Array(16 * p.int(3, 9)),
  }));
  b.pair('squeeze-zeros-v', S('-v shows every line'), (p) => ({
    argv: [...PLAIN, '-v'],
    stdin: new Uint8Array(16 * p.int(3, 9)),
  }));
  b.pair('squeeze-zeros-long', S('-v shows every line'), (p) => ({
    argv: ['--no-squeezing', ...PLAIN],
    stdin: new Uint8Array(16 * p.int(2, 5) + p.int(1, 15)),
  }));
  b.pair('squeeze-two-lines', S('two equal lines are both shown'), (p) => ({
    argv: [...PLAIN],
    stdin: new Uint8Array(32).fill(p.int(1, 255)),
  }));
  b.pair('squeeze-three-lines', S('three equal lines'), (p) => ({
    argv: [...PLAIN],
    stdin: new Uint8Array(48).fill(p.int(1, 255)),
  }));
  b.pair('squeeze-partial-tail', S('equal lines then a partial line'), (p) => {
    const v = p.int(0, 255);
    return { argv: [...PLAIN], stdin: new Uint8Array(64 + p.int(1, 15)).fill(v) };
  });
  b.pair('squeeze-then-different', S('equal lines then different data'), (p) => ({
    argv: [...PLAIN],
    stdin: concat(new Uint8Array(16 * p.int(3, 6)).fill(p.int(0, 255)), content(p, 'text', p.int(16, 40))),
  }));
  b.pair('squeeze-several-runs', S('several runs'), (p) => ({
    argv: [...PLAIN],
    stdin: content(p, 'runs', p.int(200, 600)),
  }));
  b.pair('squeeze-several-runs-v', S('several runs'), (p) => ({
    argv: [...PLAIN, '-v'],
    stdin: content(p, 'runs', p.int(100, 300)),
  }));
  b.pair('squeeze-pattern-lines', S('equal lines that are not one byte value'), (p) => {
    const line = content(p, 'printable', 16);
    return { argv: [...PLAIN], stdin: concat(line, line, line, line) };
  });
  b.pair('squeeze-unaligned-run', S('a run that does not start on a line'), (p) => ({
    argv: [...PLAIN],
    stdin: concat(content(p, 'text', p.int(1, 15)), new Uint8Array(p.int(40, 90)).fill(0x2e)),
  }));
  b.pair('squeeze-almost', S('one different byte breaks a run'), (p) => {
    const d = new Uint8Array(80);
    d[p.int(17, 79)] = p.int(1, 255);
    return { argv: [...PLAIN], stdin: d };
  });
  b.pair('squeeze-file-v-bundled', S('-v shows every line'), (p) => ({
    argv: ['-vn', String(p.int(40, 80)), ...PLAIN, 'z'],
    files: { z: new Uint8Array(100) },
  }));
  b.two('squeeze-v-twice', S('-v given twice'), { argv: ['-v', '-v'], stdin: 'abc' });
}

function addErrors(b: SuiteBuilder): void {
  const E = (d: string) => `errors: ${d}`;
  b.two('error-missing-file', E('missing file'), { argv: ['missing.bin'] }, { argv: ['--color=never', 'nope'] });
  b.two(
    'error-missing-in-dir',
    E('missing file'),
    { argv: ['dir/missing'], files: { 'dir/other': 'x' } },
    { argv: ['-n', '4', 'sub/none'], files: { 'sub/a': 'a' } },
  );
  b.two(
    'error-not-a-directory',
    E('a file used as a directory'),
    { argv: ['file/x'], files: { file: 'data' } },
    { argv: ['-v', 'f.bin/y.bin'], files: { 'f.bin': 'z' } },
  );
  b.two(
    'error-dash-is-a-file',
    E('- is a file name'),
    { argv: ['-'], stdin: 'from stdin' },
    { argv: ['--border=none', '-'], stdin: 'also stdin' },
  );
  b.two(
    'dash-file-exists',
    'files: a file named -',
    { argv: [...PLAIN, '-'], files: { '-': 'dash file\n' } },
    { argv: ['--', '-'], files: { '-': 'dashed\n' } },
  );
  b.two(
    'error-two-files',
    E('two files'),
    { argv: ['a', 'b'], files: { a: 'a', b: 'b' } },
    { argv: [...PLAIN, 'x', 'y', 'z'] },
  );
  b.two('error-unknown-short', E('unknown option'), { argv: ['-x'] }, { argv: ['-q', 'f'] });
  b.two('error-unknown-long', E('unknown option'), { argv: ['--foo'] }, { argv: ['--squeeze'] });
  b.two(
    'error-suggestion',
    E('unknown option with a suggestion'),
    { argv: ['--lenght=5'] },
    { argv: ['--colour=never'] },
  );
  b.two(
    'error-suggestion-2',
    E('unknown option with a suggestion'),
    { argv: ['--bordr', 'ascii'] },
    { argv: ['--no-squeeze'] },
  );
  b.two('error-flag-value', E('value given to a flag'), { argv: ['--no-squeezing=yes'] }, { argv: ['-v=1'] });
  b.two('opt-help', 'help and version', { argv: ['--help'] }, { argv: ['-h'] });
  b.two('opt-help-with-others', 'help and version', { argv: ['-n', '5', '--help', 'file'] });
  b.two('opt-version', 'help and version', { argv: ['--version'] }, { argv: ['-V'] });
  b.two('opt-version-with-others', 'help and version', { argv: ['--color=never', '-V', 'missing'] });
  b.two('opt-double-dash', 'files: -- before the file', {
    argv: [...PLAIN, '--', '-n'],
    files: { '-n': 'named like an option' },
  });
  b.two(
    'opt-equals-short',
    'options: short option with =',
    { argv: [...PLAIN, '-n=3'], stdin: 'abcdef' },
    { argv: [...PLAIN, '-s=2'], stdin: 'uvwxyz' },
  );
  b.two(
    'opt-glued-short',
    'options: short option glued to its value',
    { argv: [...PLAIN, '-n3'], stdin: 'abcdef' },
    { argv: [...PLAIN, '-s2', '-n2'], stdin: 'uvwxyz' },
  );
  b.two('opt-options-after-file', 'options: after the file', {
    argv: ['f', '--color=never', '-n', '5'],
    files: { f: 'after the file' },
  });
  b.two(
    'opt-abbrev-long',
    'options: abbreviated long option',
    { argv: ['--len=5'], stdin: 'abcdefgh' },
    { argv: ['--no-sq'], stdin: 'zz' },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded bulk generator
// ---------------------------------------------------------------------------------------------------------------

const GEN_OPTION_SETS: readonly string[][] = [
  [],
  ['--color=never'],
  ['--border=ascii'],
  ['--border=none', '--color=never'],
  ['-v', '--color=never'],
  ['--color=auto'],
  ['--color=never', '-s', '7'],
  ['--color=never', '-n', '40'],
  ['--color=never', '-o', '0x1000'],
  ['--border=ascii', '--color=never', '-n', '0x20', '-s', '3'],
  ['--color=never', '--skip=1block', '--block-size=8'],
  ['--border=none', '-v'],
];

function addGenerated(b: SuiteBuilder): void {
  for (let i = 0; i < 96; i++) {
    const opts = GEN_OPTION_SETS[i % GEN_OPTION_SETS.length] as string[];
    const rp = new Prng(`hexyl/gen/recipe/${i}`);
    const kind = rp.pick(KINDS);
    const viaFile = rp.int(0, 1) === 1;
    // Colour output is about 30 bytes per input byte: keep those inputs shorter.
    const coloured = !opts.includes('--color=never') && !opts.includes('--color=auto');
    const max = coloured ? 160 : 700;
    const make = (p: Prng): Input => {
      const data = content(p, kind, p.int(0, 4) === 0 ? p.int(0, 20) : p.int(1, max));
      return viaFile
        ? { argv: [...opts, `in${i}.bin`], files: { [`in${i}.bin`]: data } }
        : { argv: [...opts], stdin: data };
    };
    const id = `gen-${String(i).padStart(3, '0')}`;
    b.vis(id, `generated: ${opts.length ? opts.join(' ') : 'default'} (${kind})`, make(new Prng(`hexyl/gen/${i}/v`)));
    if (i % 3 !== 0) continue;
    for (let attempt = 0; ; attempt++) {
      const input = make(new Prng(`hexyl/gen/${i}/h${attempt === 0 ? '' : attempt}`));
      if (!b.has(input)) {
        b.hid(id, input);
        break;
      }
    }
  }
}

export function suite(): TestSuite {
  const b = new SuiteBuilder({ target: 'hexyl' });
  addByteClasses(b);
  addLineShapes(b);
  addBorders(b);
  addColours(b);
  addLength(b);
  addSkip(b);
  addDisplayOffset(b);
  addSqueeze(b);
  addErrors(b);
  addGenerated(b);
  return { visible: b.visible, hidden: b.hidden };
}
