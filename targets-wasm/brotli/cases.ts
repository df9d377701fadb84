/**
 * Test-suite generator for `brotli -d` (Google's brotli 1.0.9 command-line tool, decompression side).
 *
 * Every case decompresses (`-d`, `--decompress`) or tests (`-t`, which runs the same decoder and writes nothing), or
 * exercises the command line around them. Inputs are Brotli streams made here: seeded contents (text, UTF-8, CSV-like
 * lines, binary, repetitive, sparse, mixed, empty) compressed by Debian's native encoder (/usr/bin/brotli) at qualities
 * 0–11 and windows 10–24 (plus a few large-window streams), and damaged copies of them (truncated, bit-flipped,
 * overwritten, concatenated, with trailing bytes) and plain garbage.
 *
 * Deterministic: contents and damage come from `Prng` with fixed seeds, and brotli's encoder is deterministic for a
 * given version and parameters, so `suite()` returns the same cases on every call (the compressed bytes are cached
 * per process, so repeated calls are cheap).
 *
 * Behaviour notes that shaped the cases (all checked against the native program):
 * - Output goes to stdout with -c, or when the input is stdin (no FILE or `-`) and there is no -o; otherwise to
 *   `-o FILE`, or to the input's name without the suffix (-S, default `.br`). A name without the suffix stops the run
 *   ("suffix mismatch", exit 1) after the files before it were done; so does a missing file ("failed to open input
 *   file"), and an existing output file without -f ("failed to open output file [...]: File exists").
 * - Output is written in 512 KiB chunks and at the end of a stream: a corrupt stream whose output stays small writes
 *   nothing to stdout, and a failed output file is removed. A second stream (or any byte) after a complete one is
 *   "corrupt input" after the first stream's output was written.
 * - Options are parsed by hand: short options coalesce (`-dcf`), `--key=value` keys match by prefix (`--out=x`,
 *   `--s=.b`), every flag may be given once ("... already set"), -c together with several files, -t with -o or -c,
 *   and a suffix holding `/` print the usage on stderr (exit 1); -q/-w/-Z are parsed (and checked) but unused.
 * - `-o FILE` is allowed with several inputs: the second one then finds FILE existing (or overwrites it with -f).
 * - Kept out on purpose: reading stdin twice (`- -`: the tool closes fd 0 after the first and then crashes), terminals,
 *   absolute paths (the WASI root is the working directory), and damaged streams whose output would exceed 60 KB.
 */
import { spawnSync } from 'node:child_process';
import type { TestSuite } from '../../src/core/test-case.ts';
import { Prng } from '../../src/core/prng.ts';
import { SuiteBuilder, type CaseInput } from '../../src/core/suite-builder.ts';

// ---------------------------------------------------------------------------------------------------------------
// The native encoder (and, to keep damaged streams' output small, the native decoder)
// ---------------------------------------------------------------------------------------------------------------

const NATIVE = '/usr/bin/brotli';

interface Enc {
  q: number;
  /** --lgwin (10–24), or 25–30 for --large_window. */
  w: number;
}

const encodeCache = new Map<string, Uint8Array>();

function run(args: string[], input: Uint8Array): { code: number; stdout: Uint8Array } {
  const r = spawnSync(NATIVE, args, { input, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new Error(`brotli test suite: cannot run ${NATIVE} (package brotli): ${r.error.message}`);
  return { code: r.status ?? -1, stdout: new Uint8Array(r.stdout) };
}

/** Compresses `data` with the native brotli at quality q and window w (stdin to stdout: no size hint). */
function encode(data: Uint8Array, e: Enc): Uint8Array {
  const args = ['-c', '-q', String(e.q), e.w > 24 ? `--large_window=${e.w}` : `--lgwin=${e.w}`];
  const key = `${args.join(' ')}|${Buffer.from(data).toString('base64')}`;
  let out = encodeCache.get(key);
  if (!out) {
    const r = run(args, data);
    if (r.code !== 0) throw new Error(`brotli ${args.join(' ')} failed (exit ${r.code})`);
    out = r.stdout;
    encodeCache.set(key, out);
  }
  return out;
}

const decodeCache = new Map<string, number>();

/** Bytes the native decoder writes to stdout for `stream` (whether or not it succeeds). */
function decodedSize(stream: Uint8Array): number {
  const key = Buffer.from(stream).toString('base64');
  let n = decodeCache.get(key);
  if (n === undefined) {
    n = run(['-dc'], stream).stdout.length;
    decodeCache.set(key, n);
  }
  return n;
}

/** Output bound for damaged streams: a case's output stays under 64 KiB. */
const MAX_DAMAGED_OUTPUT = 60_000;

// ---------------------------------------------------------------------------------------------------------------
// Contents
// ---------------------------------------------------------------------------------------------------------------

type Kind = 'text' | 'utf8' | 'lines' | 'binary' | 'repeat' | 'zeros' | 'sparse' | 'mixed';
const KINDS: readonly Kind[] = ['text', 'utf8', 'lines', 'binary', 'repeat', 'zeros', 'sparse', 'mixed'];

const WORDS = [
  'the',
  'of',
  'and',
  'a',
  'to',
  'in',
  'is',
  'stream',
  'window',
  'block',
  'literal',
  'distance',
  'context',
  'huffman',
  'quality',
  'compress',
  'decoder',
  'bytes',
  'ring',
  'buffer',
  'meta',
  'length',
  'copy',
  'insert',
  'prefix',
  'code',
  'tree',
  'symbol',
  'alphabet',
  'static',
  'dictionary',
  'transform',
  'word',
  'upper',
  'omit',
  'first',
  'last',
  'river',
  'mountain',
  'lantern',
  'harbour',
  'orchard',
  'velvet',
  'granite',
  'whisper',
  'copper',
  'meadow',
  'ember',
  'quartz',
];
const UNICODE = ['é', 'ß', 'ñ', 'ø', 'Ж', 'λ', 'π', '日本', '語', '한국', '✓', '→', '€', '🙂', '🎉', 'ﬁ', '\u00a0'];

const enc = new TextEncoder();

function textContent(p: Prng, size: number, unicode: boolean): Uint8Array {
  let s = '';
  let col = 0;
  let sentenceStart = true;
  while (enc.encode(s).length < size) {
    let w = p.pick(WORDS);
    if (unicode && p.int(0, 3) === 0) w = p.pick(UNICODE) + (p.int(0, 1) ? w : '');
    if (sentenceStart) w = w[0]?.toUpperCase() + w.slice(1);
    sentenceStart = false;
    s += w;
    col += w.length;
    const r = p.int(0, 19);
    if (r === 0) {
      s += '.\n';
      col = 0;
      sentenceStart = true;
    } else if (r === 1) {
      s += ', ';
    } else if (r === 2) {
      s += '. ';
      sentenceStart = true;
    } else if (col > 60) {
      s += '\n';
      col = 0;
    } else s += ' ';
  }
  return enc.encode(s).slice(0, size);
}

function linesContent(p: Prng, size: number): Uint8Array {
  let s = 'id,name,count,ratio,flag\n';
  let id = p.int(1, 1000);
  while (s.length < size) {
    s += `${id},${p.pick(WORDS)}_${p.pick(WORDS)},${p.int(0, 99999)},${(p.int(0, 100000) / 1000).toFixed(3)},${p.pick(['yes', 'no', 'maybe'])}\n`;
    id += p.int(1, 3);
  }
  return enc.encode(s.slice(0, size));
}

function repeatContent(p: Prng, size: number): Uint8Array {
  const pattern = p.bytes(p.int(1, 48));
  if (p.int(0, 1)) for (let i = 0; i < pattern.length; i++) pattern[i] = 0x20 + ((pattern[i] as number) % 95);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = pattern[i % pattern.length] as number;
  const mutations = p.int(0, 6);
  for (let m = 0; m < mutations && size > 0; m++) out[p.int(0, size - 1)] = p.int(0, 255);
  return out;
}

function sparseContent(p: Prng, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const n = Math.max(1, Math.floor(size / p.int(16, 200)));
  for (let i = 0; i < n && size > 0; i++) out[p.int(0, size - 1)] = p.int(1, 255);
  return out;
}

function mixedContent(p: Prng, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  while (at < size) {
    const len = Math.min(size - at, p.int(16, 1024));
    const k = p.pick(['text', 'binary', 'repeat', 'zeros'] as const);
    const part =
      k === 'text'
        ? textContent(p, len, false)
        : k === 'binary'
          ? p.bytes(len)
          : k === 'repeat'
            ? repeatContent(p, len)
            : new Uint8Array(len);
    out.set(part, at);
    at += len;
  }
  return out;
}

function content(p: Prng, kind: Kind, size: number): Uint8Array {
  switch (kind) {
    case 'text':
      return textContent(p, size, false);
    case 'utf8':
      return textContent(p, size, true);
    case 'lines':
      return linesContent(p, size);
    case 'binary':
      return p.bytes(size);
    case 'repeat':
      return repeatContent(p, size);
    case 'zeros':
      return new Uint8Array(size);
    case 'sparse':
      return sparseContent(p, size);
    case 'mixed':
      return mixedContent(p, size);
  }
}

/** Mostly small sizes, some medium, a few up to 64 KiB (keeps the pack small). */
function randomSize(p: Prng): number {
  const r = p.int(0, 99);
  if (r < 8) return p.int(0, 16);
  if (r < 60) return p.int(17, 2048);
  if (r < 86) return p.int(2049, 8192);
  if (r < 97) return p.int(8193, 20000);
  return p.int(20001, 65536);
}

function randomEnc(p: Prng): Enc {
  return { q: p.int(0, 11), w: p.int(10, 24) };
}

// ---------------------------------------------------------------------------------------------------------------
// Damage
// ---------------------------------------------------------------------------------------------------------------

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
  let at = 0;
  for (const x of parts) {
    out.set(x, at);
    at += x.length;
  }
  return out;
}

function flipBits(p: Prng, s: Uint8Array, n: number, region?: [number, number]): Uint8Array {
  const out = s.slice();
  const [lo, hi] = region ?? [0, s.length * 8 - 1];
  for (let i = 0; i < n; i++) {
    const bit = p.int(lo, Math.min(hi, s.length * 8 - 1));
    out[bit >> 3] = (out[bit >> 3] as number) ^ (1 << (bit & 7));
  }
  return out;
}

/** Retries `make` (with the same generator, so with new values) until the damaged stream's output is small. */
function smallOutput(p: Prng, make: (p: Prng) => Uint8Array): Uint8Array {
  for (let attempt = 0; attempt < 50; attempt++) {
    const s = make(p);
    if (decodedSize(s) <= MAX_DAMAGED_OUTPUT) return s;
  }
  throw new Error('no damaged stream with a small output in 50 attempts');
}

// ---------------------------------------------------------------------------------------------------------------
// Suite assembly
// ---------------------------------------------------------------------------------------------------------------

type Input = CaseInput;

/** A small compressed sample: seeded text of 200–1500 bytes at a random quality and window. */
function sample(p: Prng, kind: Kind = 'text'): { plain: Uint8Array; br: Uint8Array } {
  const plain = content(p, kind, p.int(200, 1500));
  return { plain, br: encode(plain, randomEnc(p)) };
}

const NAMES = ['data', 'notes', 'report', 'image', 'log', 'archive', 'readme', 'page', 'table', 'dump', 'config'];
const EXTS = ['.txt', '.bin', '.csv', '.json', '.html', '', '.dat', '.md'];

function fileName(p: Prng): string {
  return `${p.pick(NAMES)}${p.int(0, 1) ? String(p.int(1, 99)) : ''}${p.pick(EXTS)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Valid streams: qualities, windows, contents, output modes
// ---------------------------------------------------------------------------------------------------------------

function addQualities(b: SuiteBuilder): void {
  for (let q = 0; q <= 11; q++) {
    b.pair(`quality-${q}`, `stream: quality ${q}`, (p, w) => {
      const kind: Kind = w === 'v' ? 'text' : p.pick(['lines', 'mixed', 'utf8'] as const);
      return { argv: ['-d'], stdin: encode(content(p, kind, p.int(1500, 6000)), { q, w: p.int(16, 22) }) };
    });
  }
  // The same content at every quality: one file each, decoded together into files.
  b.pair('quality-all-files', 'stream: all qualities, several files', (p) => {
    const plain = content(p, 'text', 3000);
    const files: Record<string, Uint8Array> = {};
    for (let q = 0; q <= 11; q++) files[`q${q}.txt.br`] = encode(plain, { q, w: 18 });
    return { argv: ['-d', ...Object.keys(files)], files };
  });
}

function addWindows(b: SuiteBuilder): void {
  for (let w = 10; w <= 24; w++) {
    b.pair(`lgwin-${w}`, `stream: window ${w}`, (p, which) => {
      // Content longer than small windows, with repeats at long distances.
      const unit = content(p, which === 'v' ? 'text' : 'binary', p.int(600, 3000));
      const plain = concat(unit, content(p, 'lines', p.int(100, 2000)), unit, unit.slice(0, unit.length >> 1));
      return { argv: ['-dc', 's.br'], files: { 's.br': encode(plain, { q: which === 'v' ? 9 : p.pick([5, 11]), w }) } };
    });
  }
  for (const w of [25, 26, 28, 30]) {
    b.pair(`large-window-${w}`, `stream: large window ${w}`, (p) => {
      const plain = content(p, p.pick(['text', 'repeat', 'mixed'] as const), p.int(500, 5000));
      return {
        argv: ['--decompress', '--stdout', 'big.br'],
        files: { 'big.br': encode(plain, { q: p.int(2, 11), w }) },
      };
    });
  }
}

function addContents(b: SuiteBuilder): void {
  for (const kind of KINDS) {
    for (const [size, sizeName] of [
      [1, 'one-byte'],
      [300, 'small'],
      [12000, 'medium'],
    ] as const) {
      b.pair(`content-${kind}-${sizeName}`, `content: ${kind}`, (p) => ({
        argv: ['-d'],
        stdin: encode(content(p, kind, size + p.int(0, size >> 2)), randomEnc(p)),
      }));
    }
  }
  // The largest outputs: up to 64 KiB (few: they dominate the pack).
  b.pair('content-large-text', 'content: large', (p) => ({
    argv: ['-d', '-o', 'out.txt'],
    stdin: encode(content(p, 'text', p.int(50000, 65536)), { q: p.int(5, 11), w: 22 }),
  }));
  b.pair('content-large-binary', 'content: large', (p) => ({
    argv: ['-dc', 'blob.br'],
    files: { 'blob.br': encode(content(p, 'binary', p.int(50000, 60000)), { q: p.int(0, 11), w: 24 }) },
  }));
  // 64 KiB of zeros, tested (-t -v) rather than written: as gold text each NUL costs six bytes of the pack.
  b.two('content-large-zeros', 'content: large', {
    argv: ['-tv', 'z.br'],
    files: { 'z.br': encode(new Uint8Array(65536), { q: 11, w: 24 }) },
  });
  // Empty input: the stream is one or two bytes, depending on the window (distinct streams only).
  for (const [q, w] of [
    [0, 22],
    [1, 18],
    [5, 10],
    [9, 16],
    [11, 24],
  ] as const) {
    b.two(
      `content-empty-q${q}`,
      'content: empty',
      {
        argv: ['-d', 'empty.br'],
        files: { 'empty.br': encode(new Uint8Array(0), { q, w }) },
      },
      q === 1 ? { argv: ['-dc', 'e.br'], files: { 'e.br': encode(new Uint8Array(0), { q: 2, w: 17 }) } } : undefined,
    );
  }

  b.two('content-empty-stdin', 'content: empty', { argv: ['-d'], stdin: encode(new Uint8Array(0), { q: 11, w: 24 }) });
  // Every byte value.
  b.pair('content-all-bytes', 'content: every byte value', (p) => {
    const plain = new Uint8Array(256 * p.int(1, 4));
    for (let i = 0; i < plain.length; i++) plain[i] = (i * (p.int(0, 1) ? 1 : 7)) & 0xff;
    return { argv: ['-dc', 'bytes.br'], files: { 'bytes.br': encode(plain, randomEnc(p)) } };
  });
}

type Mode =
  | 'stdin'
  | 'stdin-dash'
  | 'c'
  | 'c-long'
  | 'file'
  | 'o'
  | 'o-long'
  | 'o-stdin'
  | 'suffix'
  | 'verbose'
  | 'test'
  | 'rm'
  | 'keep'
  | 'force-existing';
const MODES: readonly Mode[] = [
  'stdin',
  'stdin-dash',
  'c',
  'c-long',
  'file',
  'o',
  'o-long',
  'o-stdin',
  'suffix',
  'verbose',
  'test',
  'rm',
  'keep',
  'force-existing',
];

function modeInput(p: Prng, mode: Mode, br: Uint8Array): Input {
  const name = fileName(p);
  const src = `${name}.br`;
  switch (mode) {
    case 'stdin':
      return { argv: ['-d'], stdin: br };
    case 'stdin-dash':
      return { argv: [p.pick(['-d', '--decompress']), '-'], stdin: br };
    case 'c':
      return { argv: [p.pick(['-dc', '-cd']), src], files: { [src]: br } };
    case 'c-long':
      return { argv: ['--decompress', '--stdout', src], files: { [src]: br } };
    case 'file':
      return { argv: ['-d', src], files: { [src]: br } };
    case 'o':
      return { argv: ['-d', '-o', `out-${name}`, src], files: { [src]: br } };
    case 'o-long':
      return { argv: ['--decompress', `--output=${name}.out`, src], files: { [src]: br } };
    case 'o-stdin':
      return { argv: ['-do', 'result'], stdin: br };
    case 'suffix': {
      const suf = p.pick(['.bro', '.brotli', '.z', '_c', '.BR']);
      return { argv: ['-d', '-S', suf, `${name}${suf}`], files: { [`${name}${suf}`]: br } };
    }
    case 'verbose':
      return { argv: [p.pick(['-dv', '-vd']), src], files: { [src]: br } };
    case 'test':
      return { argv: [p.pick(['-t', '--test']), src], files: { [src]: br } };
    case 'rm':
      return { argv: [...p.pick([['-dj'], ['-d', '--rm'], ['--rm', '-d']]), src], files: { [src]: br } };
    case 'keep':
      return { argv: ['-dk', src], files: { [src]: br } };
    case 'force-existing':
      return { argv: ['-df', src], files: { [src]: br, [name]: 'stale output\n' } };
  }
}

const GEN_VISIBLE = 170;

function addGenerated(b: SuiteBuilder): void {
  for (let i = 0; i < GEN_VISIBLE; i++) {
    const mode = MODES[i % MODES.length] as Mode;
    const rp = new Prng(`brotli/gen/recipe/${i}`);
    const kind = rp.pick(KINDS);
    const e = randomEnc(rp);
    const id = `gen-${String(i).padStart(3, '0')}`;
    const make = (p: Prng): Input => {
      // Mostly-NUL outputs are stored as escaped text in the pack (six bytes per NUL): keep them small.
      const size = randomSize(p);
      const plain = content(p, kind, kind === 'zeros' || kind === 'sparse' ? size % 6000 : size);
      return modeInput(p, mode, encode(plain, e));
    };
    b.vis(id, `generated: ${mode}`, make(new Prng(`brotli/gen/${i}/v`)));
    if (i % 3 !== 1) continue;
    for (let attempt = 0; ; attempt++) {
      const input = make(new Prng(`brotli/gen/${i}/h${attempt === 0 ? '' : attempt}`));
      if (!b.has(input)) {
        b.hid(id, input);
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Damaged streams
// ---------------------------------------------------------------------------------------------------------------

function addTruncated(b: SuiteBuilder): void {
  const cuts: [string, (n: number, p: Prng) => number][] = [
    ['zero', () => 0],
    ['one', () => 1],
    ['two', () => 2],
    ['quarter', (n) => n >> 2],
    ['half', (n) => n >> 1],
    ['three-quarters', (n) => (3 * n) >> 2],
    ['last-byte', (n) => n - 1],
    ['last-two', (n) => n - 2],
    ['random', (n, p) => p.int(1, n - 1)],
  ];
  const named = (p: Prng, br: Uint8Array, argv: (name: string) => string[]): Input => {
    const name = `${fileName(p)}.br`;
    return { argv: argv(name), files: { [name]: br } };
  };
  const outputs: [string, (p: Prng, br: Uint8Array) => Input][] = [
    ['stdin', (_p, br) => ({ argv: ['-d'], stdin: br })],
    ['c', (p, br) => named(p, br, (n) => ['-dc', n])],
    ['file', (p, br) => named(p, br, (n) => ['-d', n])],
    ['o', (p, br) => named(p, br, (n) => ['-d', '-o', 'restored', n])],
    ['test', (p, br) => named(p, br, (n) => ['-t', n])],
  ];
  cuts.forEach(([cutName, cut], ci) => {
    outputs.forEach(([outName, out], oi) => {
      // Not every combination: each cut with three of the five ways to run (never an empty stdin: see empty-stdin).
      if ((oi + 2 * ci + 3) % 5 > 2) return;
      b.pair(`truncated-${cutName}-${outName}`, `damaged: truncated (${cutName})`, (p) => {
        const plain = content(p, p.pick(KINDS), p.int(100, 6000));
        const br = encode(plain, randomEnc(p));
        const n = Math.max(0, Math.min(br.length - 1, cut(br.length, p)));
        return out(p, br.slice(0, n));
      });
    });
  });
  // Truncation of a large multi-block stream: the first 512 KiB never fill, so nothing is written.
  b.pair('truncated-large', 'damaged: truncated (large)', (p) => {
    const br = encode(content(p, 'mixed', p.int(30000, 60000)), { q: p.int(4, 11), w: 16 });
    return { argv: ['-dc', 'part.br'], files: { 'part.br': br.slice(0, p.int(br.length >> 1, br.length - 10)) } };
  });
  // Truncated stream in the middle of several files: the files before it are written, the ones after are not.
  b.pair('truncated-among-files', 'damaged: truncated (among files)', (p) => {
    const a = sample(p);
    const c = sample(p);
    const d = sample(p);
    return {
      argv: ['-d', 'a.br', 'c.br', 'd.br'],
      files: { 'a.br': a.br, 'c.br': c.br.slice(0, p.int(1, c.br.length - 1)), 'd.br': d.br },
    };
  });
}

function addFlipped(b: SuiteBuilder): void {
  const regions: [string, (n: number) => [number, number] | undefined, number][] = [
    ['header', () => [0, 15], 1],
    ['start', (n) => [0, Math.min(n * 8 - 1, 200)], 1],
    ['anywhere', () => undefined, 1],
    ['anywhere-3', () => undefined, 3],
    ['end', (n) => [Math.max(0, n * 8 - 40), n * 8 - 1], 1],
    ['many', () => undefined, 24],
  ];
  for (const [rname, region, count] of regions) {
    for (let i = 0; i < 6; i++) {
      const id = `flip-${rname}-${i}`;
      b.pair(
        id,
        `damaged: bit flips (${rname})`,
        (p, which): Input => {
          const plain = content(p, p.pick(KINDS), p.int(50, 5000));
          const br = encode(plain, randomEnc(p));
          const bad = smallOutput(p, (q) => flipBits(q, br, count, region(br.length)));
          const m = (i + (which === 'h' ? 1 : 0)) % 3;
          if (m === 0) return { argv: ['-d'], stdin: bad };
          if (m === 1) return { argv: ['-dc', 'f.br'], files: { 'f.br': bad } };
          return { argv: ['-d', 'f.bin.br'], files: { 'f.bin.br': bad } };
        },
        i % 3 !== 2,
      );
    }
  }
  // A byte overwritten with a random value.
  for (let i = 0; i < 6; i++) {
    b.pair(
      `overwrite-${i}`,
      'damaged: byte overwritten',
      (p) => {
        const br = encode(content(p, p.pick(KINDS), p.int(50, 4000)), randomEnc(p));
        const bad = smallOutput(p, (q) => {
          const s = br.slice();
          if (s.length > 0) s[q.int(0, s.length - 1)] = q.int(0, 255);
          return s;
        });
        return { argv: ['-dc', 'o.br'], files: { 'o.br': bad } };
      },
      i % 2 === 0,
    );
  }
}

function addGarbage(b: SuiteBuilder): void {
  for (let i = 0; i < 10; i++) {
    b.pair(
      `garbage-random-${i}`,
      'damaged: random bytes',
      (p) => {
        const bad = smallOutput(p, (q) => q.bytes(q.int(1, i < 5 ? 16 : 600)));
        return i % 2 === 0 ? { argv: ['-d'], stdin: bad } : { argv: ['-dc', 'noise.br'], files: { 'noise.br': bad } };
      },
      i % 2 === 0,
    );
  }
  b.two(
    'garbage-text',
    'damaged: not brotli',
    { argv: ['-d'], stdin: 'hello, world\n' },
    { argv: ['-d'], stdin: 'plain text is not a stream\n' },
  );
  b.two('garbage-gzip-magic', 'damaged: not brotli', {
    argv: ['-dc', 'x.gz.br'],
    files: { 'x.gz.br': new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3, 1, 2, 3]) },
  });
  b.two(
    'garbage-zeros',
    'damaged: not brotli',
    { argv: ['-d'], stdin: new Uint8Array(64) },
    { argv: ['-d'], stdin: new Uint8Array(3) },
  );
  b.two(
    'garbage-ff',
    'damaged: not brotli',
    { argv: ['-d'], stdin: new Uint8Array(32).fill(0xff) },
    { argv: ['-d'], stdin: new Uint8Array(5).fill(0xff) },
  );
  // Hand-made tiny streams: an empty last meta-block with window 16 is one byte (0x06); metadata blocks.
  b.two(
    'tiny-empty-stream',
    'stream: hand-made minimal',
    { argv: ['-d'], stdin: new Uint8Array([0x06]) },
    { argv: ['-d'], stdin: new Uint8Array([0x3b]) },
  );
  b.two(
    'tiny-empty-stream-trailing',
    'stream: hand-made minimal',
    { argv: ['-d'], stdin: new Uint8Array([0x06, 0x00]) },
    { argv: ['-d'], stdin: new Uint8Array([0x3b, 0x06]) },
  );
  b.two(
    'empty-file',
    'damaged: empty input',
    { argv: ['-d', 'empty.br'], files: { 'empty.br': '' } },
    { argv: ['-dc', 'nothing.br'], files: { 'nothing.br': '' } },
  );
  b.two('empty-stdin', 'damaged: empty input', { argv: ['-d'] }, { argv: ['-d', '-'] });
  b.two('empty-file-test', 'damaged: empty input', { argv: ['-t', 'e.br'], files: { 'e.br': '' } });
}

function addConcatenated(b: SuiteBuilder): void {
  b.pair('concat-two-streams', 'damaged: concatenated streams', (p) => {
    const a = sample(p);
    const c = sample(p);
    return { argv: ['-d'], stdin: concat(a.br, c.br) };
  });
  b.pair('concat-two-streams-file', 'damaged: concatenated streams', (p) => {
    const a = sample(p);
    const c = sample(p);
    return { argv: ['-d', 'two.br'], files: { 'two.br': concat(a.br, c.br) } };
  });
  b.pair('concat-same-stream', 'damaged: concatenated streams', (p) => {
    const a = sample(p, 'lines');
    return { argv: ['-dc', 'twice.br'], files: { 'twice.br': concat(a.br, a.br) } };
  });
  b.pair('concat-test', 'damaged: concatenated streams', (p) => {
    const a = sample(p);
    return { argv: ['-t', 'cat.br'], files: { 'cat.br': concat(a.br, sample(p).br) } };
  });
  for (const [name, tail] of [
    ['trailing-zero', new Uint8Array([0])],
    ['trailing-newline', enc.encode('\n')],
    ['trailing-text', enc.encode('garbage after the end')],
    ['trailing-random', new Prng('brotli/trailing').bytes(40)],
  ] as const) {
    b.pair(
      `concat-${name}`,
      'damaged: trailing bytes',
      (p, which) => {
        const a = sample(p);
        return which === 'v'
          ? { argv: ['-d'], stdin: concat(a.br, tail) }
          : { argv: ['-dc', 't.br'], files: { 't.br': concat(a.br, tail) } };
      },
      name !== 'trailing-newline',
    );
  }
  b.pair('concat-trailing-verbose', 'damaged: trailing bytes', (p) => {
    const a = sample(p);
    return { argv: ['-dv', 'v.br'], files: { 'v.br': concat(a.br, new Uint8Array([1, 2, 3])) } };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------------------------

function addOutputs(b: SuiteBuilder): void {
  const F = (d: string) => `output: ${d}`;
  b.pair('out-default-name', F('input name without .br'), (p) => {
    const s = sample(p);
    return { argv: ['-d', 'doc.txt.br'], files: { 'doc.txt.br': s.br } };
  });
  b.pair('out-subdir-file', F('input in a subdirectory'), (p) => {
    const s = sample(p);
    const name = `sub/${p.pick(NAMES)}.br`;
    return { argv: ['-d', name], files: { [name]: s.br } };
  });
  b.pair('out-o-subdir', F('-o into a subdirectory'), (p) => {
    const s = sample(p);
    return { argv: ['-d', '-o', 'dir/out.txt', 'in.br'], files: { 'in.br': s.br, 'dir/keep': 'x\n' } };
  });
  b.two(
    'out-o-missing-dir',
    F('-o into a missing directory'),
    {
      argv: ['-d', '-o', 'nodir/out', 'in.br'],
      files: { 'in.br': sample(new Prng('omd/v')).br },
    },
    { argv: ['-d', '-o', 'a/b/c', '-'], stdin: sample(new Prng('omd/h')).br },
  );
  b.pair('out-exists', F('existing output without -f'), (p) => {
    const s = sample(p);
    return { argv: ['-d', 'page.br'], files: { 'page.br': s.br, page: 'already here\n' } };
  });
  b.pair('out-exists-o', F('existing -o file without -f'), (p) => {
    const s = sample(p);
    return { argv: ['-d', '-o', 'target', 'x.br'], files: { 'x.br': s.br, target: 'old\n' } };
  });
  b.pair('out-exists-force', F('existing output with -f'), (p) => {
    const s = sample(p);
    return { argv: ['-d', '-f', 'page.br'], files: { 'page.br': s.br, page: 'already here, longer than nothing\n' } };
  });
  b.pair('out-exists-force-long', F('existing output with -f'), (p) => {
    const s = sample(p);
    return {
      argv: ['--force', '--decompress', '-o', 'target', 'x.br'],
      files: { 'x.br': s.br, target: 'old\n'.repeat(300) },
    };
  });
  b.pair(
    'out-exists-stdout',
    F('existing output file is ignored with -c'),
    (p) => {
      const s = sample(p);
      return { argv: ['-dc', 'page.br'], files: { 'page.br': s.br, page: 'kept\n' } };
    },
    false,
  );
  b.pair('out-o-and-c', F('-o before -c writes the file'), (p) => {
    const s = sample(p);
    return { argv: ['-d', '-o', 'file.out', '-c', 'in.br'], files: { 'in.br': s.br } };
  });
  b.two(
    'out-c-and-o',
    F('-c before -o is refused'),
    { argv: ['-d', '-c', '-o', 'file.out', 'in.br'], files: { 'in.br': sample(new Prng('cao')).br } },
    { argv: ['-dc', '--output=x', 'in.br'], files: { 'in.br': sample(new Prng('cao/h')).br } },
  );
  b.pair(
    'out-o-same-as-input',
    F('-o naming the input'),
    (p) => {
      const s = sample(p);
      return { argv: ['-d', '-o', 'self.br', 'self.br'], files: { 'self.br': s.br } };
    },
    false,
  );
  b.pair(
    'out-o-same-as-input-force',
    F('-o naming the input'),
    (p) => {
      const s = sample(p);
      return { argv: ['-df', '-o', 'self.br', 'self.br'], files: { 'self.br': s.br } };
    },
    false,
  );
  b.pair('out-o-stdin-verbose', F('-o with stdin, verbose'), (p) => {
    const s = sample(p);
    return { argv: ['-dv', '-o', 'plain.txt'], stdin: s.br };
  });
  b.pair('out-corrupt-file-removed', F('a failed output file is removed'), (p) => {
    const s = sample(p);
    return { argv: ['-d', 'bad.txt.br'], files: { 'bad.txt.br': s.br.slice(0, s.br.length >> 1) } };
  });
  b.pair('out-corrupt-existing-force', F('a failed forced output removes the old file'), (p) => {
    const s = sample(p);
    return { argv: ['-df', 'bad.br'], files: { 'bad.br': s.br.slice(0, s.br.length - 1), bad: 'previous content\n' } };
  });
  b.pair('out-rm-source', F('--rm / -j removes the source'), (p) => {
    const s = sample(p);
    return { argv: ['-d', '--rm', 'gone.txt.br'], files: { 'gone.txt.br': s.br } };
  });
  b.pair(
    'out-rm-short',
    F('--rm / -j removes the source'),
    (p) => {
      const s = sample(p);
      return { argv: ['-dj', 'gone.br', 'also.br'], files: { 'gone.br': s.br, 'also.br': sample(p).br } };
    },
    false,
  );
  b.pair('out-rm-corrupt-kept', F('--rm keeps a corrupt source'), (p) => {
    const s = sample(p);
    return { argv: ['-dj', 'bad.br'], files: { 'bad.br': s.br.slice(0, 3) } };
  });
  b.pair('out-rm-stdout', F('--rm with -c'), (p) => {
    const s = sample(p);
    return { argv: ['-dcj', 'in.br'], files: { 'in.br': s.br } };
  });
  b.pair('out-keep-long', F('--keep'), (p) => {
    const s = sample(p);
    return { argv: ['--decompress', '--keep', 'k.br'], files: { 'k.br': s.br } };
  });
  b.pair('out-no-copy-stat', F('-n / --no-copy-stat'), (p) => {
    const s = sample(p);
    return { argv: ['-dn', 'n.br'], files: { 'n.br': s.br } };
  });
  b.pair(
    'out-no-copy-stat-long',
    F('-n / --no-copy-stat'),
    (p) => {
      const s = sample(p);
      return { argv: ['--no-copy-stat', '-d', '-o', 'plain', 'n.br'], files: { 'n.br': s.br } };
    },
    false,
  );
  b.pair(
    'out-name-is-suffix',
    F('file named just .br'),
    (p) => ({ argv: ['-d', '.br'], files: { '.br': sample(p).br } }),
    false,
  );
  b.pair(
    'out-name-is-suffix-dir',
    F('file named just .br'),
    (p) => ({ argv: ['-d', 'd/.br'], files: { 'd/.br': sample(p).br } }),
    false,
  );
  b.pair(
    'out-name-is-suffix-o',
    F('file named just .br with -o'),
    (p) => ({ argv: ['-d', '-o', 'x', '.br'], files: { '.br': sample(p).br } }),
    false,
  );
  b.pair('out-double-suffix', F('only the last suffix is removed'), (p) => ({
    argv: ['-d', 'x.br.br'],
    files: { 'x.br.br': sample(p).br },
  }));
  b.pair('out-dot-slash', F('./ paths'), (p) => ({ argv: ['-d', './rel.br'], files: { 'rel.br': sample(p).br } }));
}

function addSuffix(b: SuiteBuilder): void {
  const F = (d: string) => `suffix: ${d}`;
  b.pair('suffix-mismatch', F('input without the suffix'), (p) => ({
    argv: ['-d', 'data.gz'],
    files: { 'data.gz': sample(p).br },
  }));
  b.pair(
    'suffix-mismatch-no-ext',
    F('input without the suffix'),
    (p) => ({ argv: ['-d', 'plain'], files: { plain: sample(p).br } }),
    false,
  );
  b.pair('suffix-mismatch-upper', F('suffix is case-sensitive'), (p) => ({
    argv: ['-d', 'X.BR'],
    files: { 'X.BR': sample(p).br },
  }));
  b.pair('suffix-mismatch-c-ok', F('-c ignores the suffix'), (p) => ({
    argv: ['-dc', 'data.gz'],
    files: { 'data.gz': sample(p).br },
  }));
  b.pair('suffix-mismatch-o-ok', F('-o ignores the suffix'), (p) => ({
    argv: ['-d', '-o', 'y', 'data.raw'],
    files: { 'data.raw': sample(p).br },
  }));
  b.pair('suffix-custom', F('-S'), (p) => ({ argv: ['-d', '-S', '.bro', 'f.bro'], files: { 'f.bro': sample(p).br } }));
  b.pair('suffix-custom-long', F('--suffix='), (p) => ({
    argv: ['-d', '--suffix=.brotli', 'f.txt.brotli'],
    files: { 'f.txt.brotli': sample(p).br },
  }));
  b.pair(
    'suffix-custom-prefix-key',
    F('--suffix= by prefix'),
    (p) => ({ argv: ['-d', '--suf=.x', 'f.x'], files: { 'f.x': sample(p).br } }),
    false,
  );
  b.pair('suffix-custom-mismatch', F('-S with a .br file'), (p) => ({
    argv: ['-d', '-S', '.bro', 'f.br'],
    files: { 'f.br': sample(p).br },
  }));
  b.pair('suffix-no-dot', F('suffix without a dot'), (p) => ({
    argv: ['-d', '-S', 'z', 'filez'],
    files: { filez: sample(p).br },
  }));
  b.pair(
    'suffix-whole-name',
    F('name equal to the suffix'),
    (p) => ({ argv: ['-d', '-S', 'data', 'data'], files: { data: sample(p).br } }),
    false,
  );
  b.two(
    'suffix-slash',
    F('suffix with a slash is refused'),
    { argv: ['-d', '-S', 'a/b', 'x.br'], files: { 'x.br': sample(new Prng('ss')).br } },
    { argv: ['-d', '--suffix=/', 'x.br'], files: { 'x.br': sample(new Prng('ss/h')).br } },
  );
  b.two('suffix-backslash', F('suffix with a backslash is refused'), {
    argv: ['-d', '-S', '\\b', 'x.br'],
    files: { 'x.br': sample(new Prng('sb')).br },
  });
  b.two('suffix-empty-short', F('empty suffix'), {
    argv: ['-d', '-S', '', 'x.br'],
    files: { 'x.br': sample(new Prng('ses')).br },
  });
  b.two('suffix-empty-long', F('empty suffix'), {
    argv: ['-d', '--suffix=', 'x.br'],
    files: { 'x.br': sample(new Prng('sel')).br },
  });
  b.two(
    'suffix-twice',
    F('suffix given twice'),
    { argv: ['-d', '-S', '.a', '-S', '.b', 'x.a'], files: { 'x.a': sample(new Prng('st')).br } },
    { argv: ['-d', '--suffix=.a', '-S', '.a', 'x.a'], files: { 'x.a': sample(new Prng('st/h')).br } },
  );
  b.pair('suffix-mismatch-stops', F('a mismatch stops the remaining files'), (p) => ({
    argv: ['-d', 'one.br', 'two.txt', 'three.br'],
    files: { 'one.br': sample(p).br, 'two.txt': sample(p).br, 'three.br': sample(p).br },
  }));
}

function addMulti(b: SuiteBuilder): void {
  const F = (d: string) => `files: ${d}`;
  b.pair('multi-two', F('two files'), (p) => ({
    argv: ['-d', 'a.br', 'b.br'],
    files: { 'a.br': sample(p).br, 'b.br': sample(p, 'binary').br },
  }));
  b.pair('multi-five', F('five files'), (p) => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) files[`part${i}.br`] = sample(p, p.pick(KINDS)).br;
    return { argv: ['-d', ...Object.keys(files)], files };
  });
  b.pair('multi-verbose', F('verbose, several files'), (p) => ({
    argv: ['-dv', 'a.br', 'b.br', 'c.br'],
    files: {
      'a.br': sample(p).br,
      'b.br': encode(content(p, 'text', p.int(2000, 9000)), randomEnc(p)),
      'c.br': encode(new Uint8Array(0), { q: 5, w: 16 }),
    },
  }));
  b.pair('multi-test', F('-t, several files'), (p) => ({
    argv: ['-t', 'a.br', 'b.br'],
    files: { 'a.br': sample(p).br, 'b.br': sample(p).br },
  }));
  b.pair('multi-test-verbose', F('-t -v, several files'), (p) => ({
    argv: ['-tv', 'a.br', 'b.br'],
    files: { 'a.br': sample(p).br, 'b.br': encode(content(p, 'binary', p.int(1100, 4000)), randomEnc(p)) },
  }));
  b.pair('multi-test-bad-second', F('-t stops at the first bad file'), (p) => {
    const c = sample(p);
    return {
      argv: ['-tv', 'a.br', 'b.br', 'c.br'],
      files: { 'a.br': sample(p).br, 'b.br': c.br.slice(0, c.br.length >> 1), 'c.br': sample(p).br },
    };
  });
  b.pair('multi-missing-first', F('missing file stops the run'), (p) => ({
    argv: ['-d', 'missing.br', 'a.br'],
    files: { 'a.br': sample(p).br },
  }));
  b.pair(
    'multi-missing-last',
    F('missing file stops the run'),
    (p) => ({ argv: ['-d', 'a.br', 'missing.br'], files: { 'a.br': sample(p).br } }),
    false,
  );
  b.pair('multi-same-twice', F('same file twice'), (p) => ({
    argv: ['-d', 'a.br', 'a.br'],
    files: { 'a.br': sample(p).br },
  }));
  b.pair(
    'multi-same-twice-force',
    F('same file twice'),
    (p) => ({ argv: ['-df', 'a.br', 'a.br'], files: { 'a.br': sample(p).br } }),
    false,
  );
  b.pair('multi-o', F('-o with two inputs'), (p) => ({
    argv: ['-d', '-o', 'all', 'a.br', 'b.br'],
    files: { 'a.br': sample(p).br, 'b.br': sample(p).br },
  }));
  b.pair('multi-o-force', F('-o with two inputs, -f'), (p) => ({
    argv: ['-df', '-o', 'all', 'a.br', 'b.br'],
    files: { 'a.br': sample(p).br, 'b.br': sample(p).br },
  }));
  b.pair('multi-c-refused', F('-c with two inputs'), (p) => ({
    argv: ['-dc', 'a.br', 'b.br'],
    files: { 'a.br': sample(p).br, 'b.br': sample(p).br },
  }));
  b.pair('multi-stdin-and-file', F('stdin and a file'), (p) => ({
    argv: ['-d', '-', 'a.br'],
    stdin: sample(p).br,
    files: { 'a.br': sample(p).br },
  }));
  b.pair(
    'multi-file-and-stdin',
    F('stdin and a file'),
    (p) => ({ argv: ['-d', 'a.br', '-'], stdin: sample(p).br, files: { 'a.br': sample(p).br } }),
    false,
  );
  b.pair('multi-dash-dash', F('-- before names that look like options'), (p) => ({
    argv: ['-d', '--', '-v.br'],
    files: { '-v.br': sample(p).br },
  }));
  b.pair(
    'multi-dash-dash-c',
    F('-- before names that look like options'),
    (p) => ({ argv: ['-dc', '--', '--x.br'], files: { '--x.br': sample(p).br } }),
    false,
  );
  b.pair(
    'multi-dash-dash-dash',
    F('-- after --'),
    (p) => ({ argv: ['-dc', '--', '--'], files: { '--': sample(p).br } }),
    false,
  );
  b.pair('multi-options-after-files', F('options after the files'), (p) => ({
    argv: ['a.br', '-d', 'b.br', '-v'],
    files: { 'a.br': sample(p).br, 'b.br': sample(p).br },
  }));
  b.pair('multi-empty-args', F('empty arguments are ignored'), (p) => ({
    argv: ['', '-d', '', 'a.br', ''],
    files: { 'a.br': sample(p).br },
  }));
}

function addMissing(b: SuiteBuilder): void {
  const F = (d: string) => `errors: ${d}`;
  b.two('missing-file', F('missing input file'), { argv: ['-d', 'nothing.br'] }, { argv: ['-d', 'absent.txt.br'] });
  b.two(
    'missing-file-c',
    F('missing input file'),
    { argv: ['-dc', 'nothing.br'] },
    { argv: ['--decompress', '--stdout', 'gone'] },
  );
  b.two('missing-file-test', F('missing input file'), { argv: ['-t', 'nothing.br'] }, { argv: ['--test', 'x/y.br'] });
  b.two('missing-file-o', F('missing input file'), { argv: ['-d', '-o', 'out', 'nothing.br'] });
  b.two('missing-file-suffix-first', F('suffix checked before opening'), { argv: ['-d', 'nothing.gz'] });
  b.two('missing-in-subdir', F('missing input file'), { argv: ['-d', 'sub/nothing.br'], files: { 'sub/other': 'x' } });
}

function addCommandLine(b: SuiteBuilder): void {
  const F = (d: string) => `options: ${d}`;
  const s = (seed: string) => sample(new Prng(`brotli/cl/${seed}`)).br;
  b.two('opt-help', F('help'), { argv: ['-h'] }, { argv: ['--help'] });
  b.two('opt-help-after-d', F('help'), { argv: ['-d', '-h', 'x.br'] }, { argv: ['-dh'] });
  b.two('opt-version', F('version'), { argv: ['-V'] }, { argv: ['--version'] });
  b.two('opt-version-after-d', F('version'), { argv: ['-d', '--version'] }, { argv: ['-dV'] });
  b.two('opt-invalid-short', F('unknown short option'), { argv: ['-d', '-x', 'a.br'] }, { argv: ['-dy'] });
  b.two('opt-invalid-short-upper', F('unknown short option'), { argv: ['-D', 'dict', '-d'] }, { argv: ['-dC'] });
  b.two(
    'opt-invalid-long',
    F('unknown long option'),
    { argv: ['-d', '--bogus=1'] },
    { argv: ['--decompress', '--nothing=x'] },
  );
  b.two(
    'opt-long-without-value',
    F('long option without =value'),
    { argv: ['-d', '--quiet'] },
    { argv: ['--decompress', '--output'] },
  );
  b.two('opt-long-empty-value', F('long option without =value'), { argv: ['-d', '--output=', 'a.br'] });
  b.two(
    'opt-long-prefix-key',
    F('--key=value matches by prefix'),
    { argv: ['-d', '--out=r.txt', 'a.br'], files: { 'a.br': s('lp') } },
    { argv: ['-d', '--o=res', 'a.br'], files: { 'a.br': s('lp/h') } },
  );
  b.two(
    'opt-long-empty-key',
    F('--=value is --lgwin'),
    { argv: ['-d', '--=5'] },
    { argv: ['-d', '--=12', '-c', 'a.br'], files: { 'a.br': s('ek') } },
  );
  b.two('opt-d-twice', F('repeated flags'), { argv: ['-d', '-d', 'a.br'] }, { argv: ['-dd'] });
  b.two('opt-decompress-twice', F('repeated flags'), { argv: ['-d', '--decompress'] });
  b.two(
    'opt-d-and-t',
    F('-d with -t'),
    { argv: ['-d', '-t', 'a.br'], files: { 'a.br': s('dt') } },
    { argv: ['-t', '--decompress', 'a.br'], files: { 'a.br': s('dt/h') } },
  );
  b.two(
    'opt-t-with-o',
    F('-t refuses -o and -c'),
    { argv: ['-t', '-o', 'x', 'a.br'], files: { 'a.br': s('to') } },
    { argv: ['-tc', 'a.br'], files: { 'a.br': s('to/h') } },
  );
  b.two('opt-f-twice', F('repeated flags'), { argv: ['-df', '-f', 'a.br'] }, { argv: ['-d', '--force', '--force'] });
  b.two('opt-c-twice', F('repeated flags'), { argv: ['-dcc', 'a.br'] }, { argv: ['-d', '--stdout', '-c'] });
  b.two('opt-v-twice', F('repeated flags'), { argv: ['-dvv', 'a.br'] }, { argv: ['-d', '--verbose', '-v'] });
  b.two('opt-k-and-j', F('--keep with --rm'), { argv: ['-dkj', 'a.br'] }, { argv: ['-d', '--rm', '--keep'] });
  b.two('opt-n-twice', F('repeated flags'), { argv: ['-dnn', 'a.br'] }, { argv: ['-d', '--no-copy-stat', '-n'] });
  b.two(
    'opt-o-twice',
    F('-o twice (last wins)'),
    { argv: ['-d', '-o', 'first', '-o', 'second', 'a.br'], files: { 'a.br': s('oo') } },
    { argv: ['-d', '--output=one', '--output=two', 'a.br'], files: { 'a.br': s('oo/h') } },
  );
  b.two('opt-missing-param', F('option without its parameter'), { argv: ['-d', '-o'] }, { argv: ['-d', '-S'] });
  b.two(
    'opt-param-not-last',
    F('option with parameter must end a group'),
    { argv: ['-od', 'x', 'a.br'] },
    { argv: ['-dSc', '.b'] },
  );
  b.two(
    'opt-param-empty',
    F('option without its parameter'),
    { argv: ['-d', '-o', '', 'a.br'] },
    { argv: ['-d', '-q', ''] },
  );
  // Compression parameters are parsed (and checked) even when decompressing.
  b.two(
    'opt-quality-ignored',
    F('-q/-w/-Z accepted and ignored'),
    { argv: ['-d', '-q', '3', '-w', '20', '-c', 'a.br'], files: { 'a.br': s('qi') } },
    { argv: ['-d', '-9', '--lgwin=12', '-c', 'a.br'], files: { 'a.br': s('qi/h') } },
  );
  b.two(
    'opt-best-ignored',
    F('-q/-w/-Z accepted and ignored'),
    { argv: ['-dZ', '-c', 'a.br'], files: { 'a.br': s('bi') } },
    { argv: ['--best', '-dc', 'a.br'], files: { 'a.br': s('bi/h') } },
  );
  b.two('opt-quality-bad', F('bad -q value'), { argv: ['-d', '-q', '12'] }, { argv: ['-d', '--quality=x'] });
  b.two('opt-quality-leading-zero', F('bad -q value'), { argv: ['-d', '-q', '05'] }, { argv: ['-d', '-q', '-1'] });
  b.two('opt-quality-twice', F('quality twice'), { argv: ['-d', '-5', '-q', '5'] }, { argv: ['-d', '-Z', '--best'] });
  b.two('opt-lgwin-small', F('bad -w value'), { argv: ['-d', '-w', '9'] }, { argv: ['-d', '--lgwin=1'] });
  b.two('opt-lgwin-big', F('bad -w value'), { argv: ['-d', '-w', '25'] }, { argv: ['-d', '--lgwin=123456'] });
  b.two('opt-lgwin-zero', F('-w 0 accepted'), { argv: ['-d', '-w', '0', '-c', 'a.br'], files: { 'a.br': s('wz') } });
  b.two(
    'opt-large-window',
    F('--large_window= accepted'),
    { argv: ['-d', '--large_window=30', '-c', 'a.br'], files: { 'a.br': s('lw') } },
    { argv: ['-d', '--large_window=31'] },
  );
  b.two('opt-lgwin-twice', F('window twice'), { argv: ['-d', '-w', '10', '--large_window=20'] });
  b.two(
    'opt-too-many',
    F('too many options'),
    { argv: ['-d', ...Array<string>(18).fill(''), '-c'] },
    { argv: [...Array<string>(17).fill(''), '-d', '-v', '-k'] },
  );
  b.two(
    'opt-dash-alone-among',
    F('a lone - is stdin'),
    { argv: ['-d', '-', '-c'], stdin: s('da') },
    { argv: ['-dc', '-'], stdin: s('da/h') },
  );
  b.two(
    'opt-test-stdin',
    F('-t on stdin'),
    { argv: ['-t'], stdin: s('na') },
    { argv: ['--test', '-'], stdin: s('na/h') },
  );
  b.two(
    'opt-test-verbose-stdin',
    F('-t -v on stdin'),
    { argv: ['-tv'], stdin: s('tvs') },
    { argv: ['-vt', '-'], stdin: s('tvs/h') },
  );
  b.two(
    'opt-test-corrupt-stdin',
    F('-t on a bad stream'),
    { argv: ['-t'], stdin: s('tcs').slice(0, 7) },
    { argv: ['--test', '--verbose'], stdin: s('tcs/h').slice(2) },
  );
}

function addVerbose(b: SuiteBuilder): void {
  // Sizes around the B / KiB boundary and larger, to pin the number formats.
  const sizes: [string, number][] = [
    ['0', 0],
    ['1', 1],
    ['1023', 1023],
    ['1024', 1024],
    ['1025', 1025],
    ['1536', 1536],
    ['40000', 40000],
  ];
  for (const [name, size] of sizes) {
    b.pair(
      `verbose-size-${name}`,
      'verbose: sizes',
      (p, w) => {
        const plain = content(p, size > 30000 ? 'repeat' : p.pick(['text', 'binary', 'zeros'] as const), size);
        const br = encode(plain, randomEnc(p));
        return w === 'v'
          ? { argv: ['-dv', 'v.br'], files: { 'v.br': br } }
          : { argv: ['-t', '--verbose', 'v.br'], files: { 'v.br': br } };
      },
      name !== '0' && name !== '40000',
    );
  }
  b.pair('verbose-stdin', 'verbose: stdin is [con]', (p) => ({ argv: ['-dv'], stdin: sample(p).br }));
  b.pair('verbose-c', 'verbose: with -c', (p) => ({ argv: ['-dvc', 'x.br'], files: { 'x.br': sample(p).br } }));
  b.pair('verbose-corrupt', 'verbose: corrupt input', (p) => ({
    argv: ['-dv', 'x.br'],
    files: { 'x.br': sample(p).br.slice(0, 5) },
  }));
}

export function suite(): TestSuite {
  const b = new SuiteBuilder({ target: 'brotli' });
  addQualities(b);
  addWindows(b);
  addContents(b);
  addGenerated(b);
  addTruncated(b);
  addFlipped(b);
  addGarbage(b);
  addConcatenated(b);
  addOutputs(b);
  addSuffix(b);
  addMulti(b);
  addMissing(b);
  addCommandLine(b);
  addVerbose(b);
  return { visible: b.visible, hidden: b.hidden };
}
