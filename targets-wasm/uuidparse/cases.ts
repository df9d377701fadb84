/**
 * Test-suite generator for `uuidparse` (util-linux 2.38.1).
 *
 * Deterministic: every random value comes from a `Prng` seeded with a fixed string, so `suite()` returns the same
 * cases on every call. Visible cases carry a `feature` label; every hidden case is the dual (`dualOf`) of a visible
 * case exercising the same feature with other values.
 *
 * Behaviour notes that shaped the cases (all checked against the native program):
 * - Tokens are read from stdin with `scanf(" %36[^ \t\n]%*c")` while `!feof(stdin)`: a token is at most 36 bytes,
 *   the byte after each token is swallowed (so the 37th byte of a long token is lost), a last token with no byte after
 *   it is dropped, CR/VT/FF are skipped before a token but are part of it after its first byte.
 * - An empty table prints nothing at all (not even headings); an empty JSON table prints an empty array.
 * - `-o` accepts `+LIST` (append to the defaults), at most 8 columns, case-insensitive names; malformed lists fail
 *   with exit 1 and sometimes no message at all; an unknown name is reported with the rest of the list after it.
 * - TIME is only shown for the DCE variant with version 1; v1 timestamps before 1970 wrap around (unsigned
 *   arithmetic) into years like 60038.
 */
import type { TestSuite, TextOrBytes } from '../../src/core/test-case.ts';
import { Prng } from '../../src/core/prng.ts';
import { SuiteBuilder, type CaseInput } from '../../src/core/suite-builder.ts';

// ---------------------------------------------------------------------------------------------------------------
// UUID construction
// ---------------------------------------------------------------------------------------------------------------

type Variant = 'ncs' | 'dce' | 'ms' | 'other';
type LetterCase = 'lower' | 'upper' | 'mixed';

const VARIANTS: readonly Variant[] = ['ncs', 'dce', 'ms', 'other'];
const CASES: readonly LetterCase[] = ['lower', 'upper', 'mixed'];

/** Offset between the Gregorian epoch (1582-10-15) and the Unix epoch, in 100 ns ticks. */
const GREGORIAN_OFFSET = 0x01b21dd213814000n;
const TICKS_PER_SEC = 10_000_000n;
const MAX_TS = (1n << 60n) - 1n;

function variantByte(p: Prng, v: Variant): number {
  const r = p.int(0, 255);
  switch (v) {
    case 'ncs':
      return r & 0x7f; // 0xxx xxxx
    case 'dce':
      return 0x80 | (r & 0x3f); // 10xx xxxx
    case 'ms':
      return 0xc0 | (r & 0x1f); // 110x xxxx
    case 'other':
      return 0xe0 | (r & 0x1f); // 111x xxxx
  }
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

function formatBytes(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += hex2(b[i] as number);
  }
  return s;
}

function applyCase(p: Prng, s: string, cs: LetterCase): string {
  if (cs === 'lower') return s.toLowerCase();
  if (cs === 'upper') return s.toUpperCase();
  let out = '';
  for (const ch of s) out += p.int(0, 1) === 1 ? ch.toUpperCase() : ch.toLowerCase();
  return out;
}

/** A random UUID with the given version nibble (0–15), variant and letter case. */
function makeUuid(p: Prng, version: number, variant: Variant = 'dce', cs: LetterCase = 'lower'): string {
  const b = p.bytes(16);
  b[6] = ((b[6] as number) & 0x0f) | ((version & 0xf) << 4);
  b[8] = variantByte(p, variant);
  return applyCase(p, formatBytes(b), cs);
}

/** A UUID whose 60-bit time field is `ts` (100 ns ticks since 1582-10-15), v1 layout. */
function timeUuid(p: Prng, ts: bigint, version = 1, variant: Variant = 'dce', cs: LetterCase = 'lower'): string {
  const b = p.bytes(16);
  const t = ts & MAX_TS;
  const low = Number(t & 0xffffffffn);
  const mid = Number((t >> 32n) & 0xffffn);
  const hi = Number((t >> 48n) & 0xfffn) | ((version & 0xf) << 12);
  b[0] = (low >>> 24) & 0xff;
  b[1] = (low >>> 16) & 0xff;
  b[2] = (low >>> 8) & 0xff;
  b[3] = low & 0xff;
  b[4] = (mid >>> 8) & 0xff;
  b[5] = mid & 0xff;
  b[6] = (hi >>> 8) & 0xff;
  b[7] = hi & 0xff;
  b[8] = variantByte(p, variant);
  return applyCase(p, formatBytes(b), cs);
}

function tsFromUnix(sec: bigint, usec = 0n): bigint {
  return GREGORIAN_OFFSET + sec * TICKS_PER_SEC + usec * 10n;
}

/** A random 60-bit timestamp, spread over several ranges so that both realistic and exotic dates appear. */
function randomTs(p: Prng): bigint {
  const mode = p.int(0, 3);
  const r64 = (BigInt(p.nextUint32()) << 32n) | BigInt(p.nextUint32());
  if (mode === 0) return r64 & MAX_TS; // anywhere (often after 1970, sometimes wrapping)
  if (mode === 1) {
    // 1990..2040
    const sec = 631152000n + (r64 % 1577836800n);
    return tsFromUnix(sec, BigInt(p.int(0, 999999)));
  }
  if (mode === 2) {
    // before 1970 (wraps to far-future years)
    return r64 % GREGORIAN_OFFSET;
  }
  // 1970..9999 at 100 ns resolution
  return GREGORIAN_OFFSET + (r64 % (253402300800n * TICKS_PER_SEC));
}

function randomHex(p: Prng, n: number): string {
  let s = '';
  while (s.length < n) s += p.hex(8);
  return s.slice(0, n);
}

// ---------------------------------------------------------------------------------------------------------------
// Malformed tokens
// ---------------------------------------------------------------------------------------------------------------

const HEX_POSITIONS: readonly number[] = Array.from({ length: 36 }, (_, i) => i).filter(
  (i) => i !== 8 && i !== 13 && i !== 18 && i !== 23,
);

function replaceAt(s: string, i: number, ch: string): string {
  return s.slice(0, i) + ch + s.slice(i + 1);
}

function withBadChar(p: Prng, u: string, ch: string): string {
  return replaceAt(u, p.pick(HEX_POSITIONS), ch);
}

function noHyphens(u: string): string {
  return u.replace(/-/g, '');
}

/** Re-insert hyphens at the given positions of the 32 hex digits. */
function hyphenate(hex32: string, cuts: readonly number[]): string {
  let out = '';
  let last = 0;
  for (const c of cuts) {
    out += hex32.slice(last, c) + '-';
    last = c;
  }
  return out + hex32.slice(last);
}

type BadKind = 'len35' | 'len37' | 'badchar' | 'shift' | 'nohyph' | 'braces' | 'urn' | 'empty' | 'short' | 'long';
const BAD_KINDS: readonly BadKind[] = [
  'len35',
  'len37',
  'badchar',
  'shift',
  'nohyph',
  'braces',
  'urn',
  'empty',
  'short',
  'long',
];

function badToken(p: Prng, kind: BadKind): string {
  const u = makeUuid(p, p.int(1, 8), p.pick(VARIANTS), p.pick(CASES));
  switch (kind) {
    case 'len35':
      return u.slice(0, 35);
    case 'len37':
      return u + randomHex(p, 1);
    case 'badchar':
      return withBadChar(p, u, p.pick(['g', 'z', 'G', 'Z', 'x', '.', '_', ':']));
    case 'shift':
      return hyphenate(noHyphens(u), [9, 13, 17, 21]);
    case 'nohyph':
      return noHyphens(u);
    case 'braces':
      return `{${u}}`;
    case 'urn':
      return `urn:uuid:${u}`;
    case 'empty':
      return '';
    case 'short':
      return randomHex(p, p.int(1, 12));
    case 'long':
      return u + '-' + randomHex(p, p.int(4, 40));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Encoding helpers
// ---------------------------------------------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = i + 1 < bytes.length ? (bytes[i + 1] as number) : 0;
    const c = i + 2 < bytes.length ? (bytes[i + 2] as number) : 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63];
    out += B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

/** Binary stdin from a mix of text (UTF-8) and raw byte arrays. */
function bin(...parts: (string | number[])[]): TextOrBytes {
  const bytes: number[] = [];
  for (const part of parts) {
    if (typeof part === 'string') bytes.push(...new TextEncoder().encode(part));
    else bytes.push(...part);
  }
  return { base64: base64(Uint8Array.from(bytes)) };
}

function lines(tokens: readonly string[]): string {
  return tokens.map((t) => t + '\n').join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Suite assembly
// ---------------------------------------------------------------------------------------------------------------

type Input = CaseInput;

/**
 * Hand-picked visible cases that get no hidden dual, so that about a third of all cases are hidden. Mostly variants of
 * a feature whose main case already has a dual (long/bundled spellings, extra output modes), and help/version/error
 * cases whose output cannot vary with the values.
 */
const NO_DUAL = new Set([
  'nil-raw',
  'max-upper',
  'max-json',
  'nil-stdin',
  'nil-like-o',
  'case-lower',
  'len-35-first',
  'len-37-front',
  'len-empty-raw',
  'len-empty-json',
  'char-upper-g',
  'char-upper-z',
  'char-punct',
  'char-space-raw',
  'char-quote-backslash',
  'char-nonascii-raw',
  'char-0x-prefix',
  'hyphen-all-moved',
  'hyphen-other-sep',
  'hyphen-double',
  'wrap-urn-upper',
  'wrap-parens-quotes',
  'wrap-json',
  'many-30',
  'many-valid-only',
  'stdin-lines-raw',
  'stdin-lines-noheadings',
  'stdin-crlf-json',
  'stdin-single-no-newline-json',
  'stdin-whitespace-only-json',
  'stdin-invalid-utf8-json',
  'stdin-upper',
  'stdin-wrapped',
  'stdin-double-dash',
  'stdin-options-only',
  'stdin-empty-json',
  'argv-and-stdin-json',
  'opt-json-long',
  'opt-noheadings-long',
  'opt-raw-long',
  'opt-raw-noheadings-bundled',
  'opt-json-noheadings-bundled',
  'opt-repeated-flags',
  'col-variant-table',
  'col-type-table',
  'col-time-variant',
  'col-mixedcase',
  'col-plus-two',
  'col-plus-json',
  'col-plus-eight',
  'col-plus-twice',
  'col-raw-combo',
  'col-noheadings-combo',
  'col-bundled',
  'col-bundled-json',
  'col-long-space',
  'col-repeated-json',
  'colerr-unknown-last',
  'colerr-prefix',
  'colerr-plus-alone',
  'colerr-minus',
  'colerr-json',
  'colerr-stdin',
  'colerr-space',
  'excl-long',
  'excl-bundled',
  'excl-stdin',
  'exclusive-before-version',
  'help-abbrev',
  'help-after-options',
  'help-with-stdin',
  'version-abbrev',
  'version-before-help',
  'help-before-version',
  'version-before-exclusive',
  'version-bad-columns',
  'long-abbrev-noheadings',
  'long-abbrev-raw',
  'long-abbrev-output-space',
  'getopt-unknown-long-prefix',
  'getopt-missing-arg-long',
  'getopt-unknown-then-version',
  'getopt-unknown-stdin',
  'operand-double-dash-twice',
  'time-sub-usec',
  'time-leap-day',
  'time-gregorian-start',
  'time-epoch-raw',
  'time-random-raw',
  'time-v6-json',
  'time-invalid-json',
]);

const NIL = '00000000-0000-0000-0000-000000000000';
const MAX = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

const VERSION_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'];

function addVersionAndVariant(b: SuiteBuilder): void {
  // Every version nibble, DCE variant: one lower- and one upper-case UUID per case.
  for (let v = 0; v < 16; v++) {
    const name = VERSION_NAMES[v] as string;
    b.pair(`version-${name}`, `version: nibble ${name}`, (p) => ({
      argv: [makeUuid(p, v, 'dce', 'lower'), makeUuid(p, v, 'dce', 'upper')],
    }));
  }
  // Every variant, random versions 1–8.
  for (const variant of VARIANTS) {
    b.pair(`variant-${variant}`, `variant: ${variant}`, (p) => ({
      argv: [makeUuid(p, p.int(1, 8), variant), makeUuid(p, p.int(1, 8), variant), makeUuid(p, 4, variant)],
    }));
  }
  // Variant boundaries of byte 8: 0x00 0x7f | 0x80 0xbf | 0xc0 0xdf | 0xe0 0xff.
  b.pair('variant-boundaries', 'variant: byte-8 boundaries', (p) => ({
    argv: [0x00, 0x7f, 0x80, 0xbf, 0xc0, 0xdf, 0xe0, 0xff].map((byte) => {
      const u = makeUuid(p, p.int(1, 5), 'dce', 'lower');
      return u.slice(0, 19) + hex2(byte) + u.slice(21);
    }),
  }));
  // Each variant crossed with each version 1–8 in one call, JSON output.
  for (const variant of VARIANTS) {
    b.pair(`variant-${variant}-all-versions-json`, `variant: ${variant} x versions 1-8 (json)`, (p, w) => ({
      argv: ['-J', ...[1, 2, 3, 4, 5, 6, 7, 8].map((v) => makeUuid(p, v, variant, w === 'v' ? 'lower' : 'upper'))],
    }));
  }
  // Out-of-range versions with non-DCE variants, raw.
  b.pair('version-out-of-range-raw', 'version: 0 and 9-f, all variants (raw)', (p) => ({
    argv: ['-r', ...[0, 9, 10, 11, 12, 13, 14, 15].map((v) => makeUuid(p, v, p.pick(VARIANTS), p.pick(CASES)))],
  }));
}

function addNilMax(b: SuiteBuilder): void {
  const f = (d: string) => `nil/max: ${d}`;
  b.two('nil', f('nil uuid'), { argv: [NIL] }, { argv: [NIL, NIL.toUpperCase(), MAX] });
  b.two('nil-json', f('nil uuid (json)'), { argv: ['-J', NIL] }, { argv: ['--json', MAX, NIL] });
  b.two('nil-raw', f('nil uuid (raw)'), { argv: ['-r', NIL] }, { argv: ['-r', '-o', 'TYPE,UUID', NIL] });
  b.two('max', f('max uuid'), { argv: [MAX] }, { argv: [MAX, NIL, MAX] });
  b.two(
    'max-upper',
    f('max uuid upper-case'),
    { argv: [MAX.toUpperCase()] },
    { argv: ['FFFFFFFF-ffff-FFFF-ffff-FFFFFFFFFFFF'] },
  );
  b.two(
    'max-json',
    f('max uuid (json)'),
    { argv: ['-J', MAX.toUpperCase()] },
    { argv: ['-J', '-o', 'type,variant', MAX] },
  );
  // Nearly nil: the nil type needs every character to be 0 or '-'.
  b.two(
    'near-nil',
    f('almost nil (version 0 but not all zero)'),
    {
      argv: [
        '00000000-0000-0000-0000-000000000001',
        '00000000-0000-0000-8000-000000000000',
        '10000000-0000-0000-0000-000000000000',
      ],
    },
    {
      argv: [
        '00000000-0000-0000-0000-000000000100',
        '00000000-0000-0000-c000-000000000000',
        '00000000-0001-0000-0000-000000000000',
      ],
    },
  );
  b.two(
    'near-nil-versions',
    f('zero except version/variant'),
    {
      argv: [
        '00000000-0000-1000-8000-000000000000',
        '00000000-0000-4000-8000-000000000000',
        '00000000-0000-7000-8000-000000000000',
      ],
    },
    {
      argv: [
        '00000000-0000-2000-8000-000000000000',
        '00000000-0000-5000-a000-000000000000',
        '00000000-0000-8000-b000-000000000000',
      ],
    },
  );
  b.two(
    'near-max',
    f('max except version/variant'),
    {
      argv: [
        'ffffffff-ffff-4fff-bfff-ffffffffffff',
        'ffffffff-ffff-1fff-bfff-ffffffffffff',
        'ffffffff-ffff-ffff-7fff-ffffffffffff',
      ],
    },
    {
      argv: [
        'ffffffff-ffff-5fff-8fff-ffffffffffff',
        'ffffffff-ffff-1fff-9fff-ffffffffffff',
        'ffffffff-ffff-ffff-dfff-ffffffffffff',
      ],
    },
  );
  b.two(
    'nil-stdin',
    f('nil uuid via stdin'),
    { argv: [], stdin: `${NIL}\n` },
    { argv: ['-n'], stdin: `${MAX}\n${NIL}\n` },
  );
  b.two(
    'nil-like-o',
    f('nil with letter O (invalid)'),
    { argv: ['0000000O-0000-0000-0000-000000000000'] },
    { argv: ['00000000-0000-0000-0000-00000000000o'] },
  );
}

function addCase(b: SuiteBuilder): void {
  const mk = (cs: LetterCase) => (p: Prng) => ({
    argv: [
      timeUuid(p, randomTs(p), 1, 'dce', cs),
      makeUuid(p, 4, 'dce', cs),
      makeUuid(p, 5, p.pick(VARIANTS), cs),
      makeUuid(p, 3, 'ms', cs),
    ],
  });
  b.pair('case-lower', 'case: lower-case hex', mk('lower'));
  b.pair('case-upper', 'case: upper-case hex', mk('upper'));
  b.pair('case-mixed', 'case: mixed-case hex', mk('mixed'));
  b.pair('case-upper-json', 'case: upper-case hex (json keeps input)', (p) => ({
    argv: ['-J', timeUuid(p, randomTs(p), 1, 'dce', 'upper'), makeUuid(p, 2, 'dce', 'mixed')],
  }));
}

function addMalformed(b: SuiteBuilder): void {
  const u = (p: Prng) => makeUuid(p, p.int(1, 8), p.pick(VARIANTS), p.pick(CASES));
  const L = (d: string) => `length: ${d}`;
  b.pair('len-35', L('35 chars (last digit missing)'), (p) => ({
    argv: [u(p).slice(0, 35)],
  }));
  b.pair('len-35-first', L('35 chars (first digit missing)'), (p) => ({
    argv: [u(p).slice(1)],
  }));
  b.pair('len-37', L('37 chars (extra digit at end)'), (p) => ({
    argv: [u(p) + randomHex(p, 1)],
  }));
  b.pair('len-37-front', L('37 chars (extra digit at start)'), (p) => ({
    argv: [randomHex(p, 1) + u(p)],
  }));
  b.two('len-empty', L('empty argument'), { argv: [''] }, { argv: ['', 'x', ''] });
  b.two(
    'len-empty-json',
    L('empty argument (json null)'),
    { argv: ['-J', ''] },
    { argv: ['-J', '-o', 'UUID,TYPE', '', ''] },
  );
  b.two('len-empty-raw', L('empty argument (raw)'), { argv: ['-r', ''] }, { argv: ['-r', '-n', ''] });
  b.pair('len-short', L('short hex strings'), (p) => ({
    argv: [randomHex(p, 1), randomHex(p, 8), randomHex(p, 13), randomHex(p, 34)],
  }));
  b.pair('len-long', L('long argument (100+ chars)'), (p) => ({
    argv: [u(p) + u(p) + u(p)],
  }));
  b.pair('len-mix', L('35/36/37 side by side'), (p) => {
    const x = u(p);
    return { argv: [x.slice(0, 35), x, x + randomHex(p, 1)] };
  });

  const C = (d: string) => `bad-char: ${d}`;
  for (const ch of ['g', 'z', 'G', 'Z']) {
    b.pair(
      `char-${ch === ch.toUpperCase() ? 'upper-' : ''}${ch.toLowerCase()}`,
      C(`'${ch}' in place of a hex digit`),
      (p) => ({
        argv: [withBadChar(p, u(p), ch), withBadChar(p, u(p), ch)],
      }),
    );
  }
  b.pair('char-punct', C('punctuation in place of a hex digit'), (p) => ({
    argv: [withBadChar(p, u(p), '.'), withBadChar(p, u(p), '+'), withBadChar(p, u(p), '/')],
  }));
  b.pair('char-space', C('space inside the argument'), (p) => ({
    argv: [withBadChar(p, u(p), ' ')],
  }));
  b.pair('char-space-raw', C('space inside the argument (raw escapes it)'), (p) => ({
    argv: ['-r', withBadChar(p, u(p), ' '), u(p)],
  }));
  b.pair('char-tab', C('tab inside the argument'), (p) => ({
    argv: [withBadChar(p, u(p), '\t')],
  }));
  b.pair('char-control-json', C('control chars (json escapes)'), (p) => ({
    argv: ['-J', withBadChar(p, u(p), '\u0001'), withBadChar(p, u(p), '"'), withBadChar(p, u(p), '\\')],
  }));
  b.pair('char-quote-backslash', C('quote and backslash (table)'), (p) => ({
    argv: [withBadChar(p, u(p), '"'), withBadChar(p, u(p), '\\')],
  }));
  // Non-ASCII: é is two bytes, so one replacing a single digit makes 37 bytes, one replacing two digits makes 36.
  b.pair('char-nonascii', C('non-ASCII é (37 bytes)'), (p) => ({
    argv: [withBadChar(p, u(p), 'é')],
  }));
  b.pair('char-nonascii-36', C('non-ASCII é (36 bytes)'), (p) => {
    const x = u(p);
    const i = p.pick([0, 2, 4, 9, 14, 19, 24, 26, 30, 34]);
    return { argv: [x.slice(0, i) + 'é' + x.slice(i + 2)] };
  });
  b.pair('char-nonascii-json', C('non-ASCII (json)'), (p) => ({
    argv: ['-J', withBadChar(p, u(p), 'é'), 'ü' + u(p).slice(2)],
  }));
  b.pair('char-nonascii-raw', C('non-ASCII (raw)'), (p) => ({
    argv: ['-r', withBadChar(p, u(p), 'ß')],
  }));
  b.pair('char-0x-prefix', C('0x prefix'), (p) => ({
    argv: ['0x' + noHyphens(u(p)).slice(2)],
  }));

  const H = (d: string) => `hyphens: ${d}`;
  b.pair('hyphen-none', H('no hyphens (32 hex digits)'), (p) => ({
    argv: [noHyphens(u(p))],
  }));
  b.pair('hyphen-one-missing', H('one hyphen missing'), (p) => {
    const x = u(p);
    const i = p.pick([8, 13, 18, 23]);
    return { argv: [x.slice(0, i) + x.slice(i + 1)] };
  });
  b.pair('hyphen-shifted', H('hyphen one place off (36 chars)'), (p) => {
    const x = u(p);
    const i = p.pick([8, 13, 18, 23]);
    // swap the hyphen with its right neighbour
    return { argv: [x.slice(0, i) + x[i + 1] + '-' + x.slice(i + 2)] };
  });
  b.pair('hyphen-all-moved', H('hyphens at 4-8-8-4-8 positions'), (p) => ({
    argv: [hyphenate(noHyphens(u(p)), [4, 12, 20, 24])],
  }));
  b.pair('hyphen-as-digit', H('hex digits where hyphens go (36 chars)'), (p) => ({
    argv: [noHyphens(u(p)).slice(0, 8) + 'a' + randomHex(p, 27)],
  }));
  b.pair('hyphen-other-sep', H('underscore / colon separators'), (p) => ({
    argv: [u(p).replace(/-/g, '_'), u(p).replace(/-/g, ':')],
  }));
  b.pair('hyphen-extra', H('extra hyphen (37 chars)'), (p) => {
    const x = u(p);
    const i = p.pick([3, 10, 16, 20, 30]);
    return { argv: [u(p) + '-', x.slice(0, i) + '-' + x.slice(i)] };
  });
  b.pair('hyphen-double', H('double hyphen in place of a digit'), (p) => {
    const x = u(p);
    return { argv: [x.slice(0, 8) + '--' + x.slice(10)] };
  });

  const W = (d: string) => `wrapped: ${d}`;
  b.pair('wrap-braces', W('{braces}'), (p) => ({ argv: [`{${u(p)}}`] }));
  b.pair('wrap-urn', W('urn:uuid: prefix'), (p) => ({
    argv: [`urn:uuid:${u(p)}`],
  }));
  b.pair('wrap-urn-upper', W('URN:UUID: prefix'), (p) => ({
    argv: [`URN:UUID:${u(p).toUpperCase()}`],
  }));
  b.pair('wrap-parens-quotes', W('(parens) and "quotes"'), (p) => ({
    argv: [`(${u(p)})`, `"${u(p)}"`],
  }));
  b.pair('wrap-whitespace', W('leading/trailing space in argument'), (p) => ({
    argv: [` ${u(p)}`, `${u(p)} `],
  }));
  b.pair('wrap-newline', W('trailing newline in argument'), (p) => ({
    argv: [`${u(p)}\n`],
  }));
  b.pair('wrap-json', W('braces and urn (json)'), (p) => ({
    argv: ['-J', `{${u(p)}}`, `urn:uuid:${u(p)}`],
  }));
}

/**
 * Table column widths: a column is as wide as its header while all its cells are narrower than the header; otherwise
 * it is at least its width hint (UUID 37, VARIANT 9, TYPE 10, TIME 31) and grows with wider cells.
 */
function addWidths(b: SuiteBuilder): void {
  const Wd = (d: string) => `widths: ${d}`;
  b.pair('width-uuid-below-header', Wd('all UUID cells narrower than the header'), (p) => ({
    argv: [randomHex(p, 1), randomHex(p, 2), randomHex(p, 3)],
  }));
  b.pair('width-uuid-equal-header', Wd('a UUID cell exactly as wide as the header'), (p) => ({
    argv: [randomHex(p, 1), randomHex(p, 4)],
  }));
  b.pair('width-uuid-middle', Wd('UUID cells between header and hint'), (p) => ({
    argv: [randomHex(p, p.int(5, 20)), randomHex(p, 2)],
  }));
  b.pair('width-uuid-over-hint', Wd('UUID cell wider than the hint'), (p) => ({
    argv: [makeUuid(p, 4), makeUuid(p, 1) + randomHex(p, p.int(2, 9)), randomHex(p, 2)],
  }));
  b.pair('width-escaped-cell', Wd('escaped control char counts four cells'), (p) => ({
    argv: ['-o', 'UUID,TYPE', p.pick(['\u0001', '\u0002', '\u001f', '\u007f']), randomHex(p, 2)],
  }));
  b.pair('width-variant-dce-only', Wd('VARIANT cells all narrower than the header'), (p) => ({
    argv: [makeUuid(p, 4), makeUuid(p, p.int(1, 8)), makeUuid(p, 5, 'ncs')],
  }));
  b.pair('width-variant-microsoft', Wd('VARIANT with a Microsoft cell'), (p) => ({
    argv: [makeUuid(p, 4), makeUuid(p, p.int(1, 8), 'ms')],
  }));
  b.two(
    'width-type-nil-only',
    Wd('TYPE cells narrower than the header'),
    { argv: ['-o', 'TYPE,UUID', NIL] },
    { argv: ['-o', 'UUID,TYPE', NIL, NIL] },
  );
  b.pair('width-time-empty', Wd('TIME column with no timestamps'), (p) => ({
    argv: ['-o', 'TIME,UUID', makeUuid(p, 4), makeUuid(p, p.int(2, 8))],
  }));
  b.pair('width-time-wide', Wd('TIME cell wider than its hint (5-digit year)'), (p) => ({
    argv: [
      '-o',
      'TIME,TYPE',
      timeUuid(p, BigInt(p.nextUint32())),
      timeUuid(p, tsFromUnix(BigInt(p.int(0, 2000000000)))),
    ],
  }));
}

function addMany(b: SuiteBuilder): void {
  const mixed = (p: Prng, n: number): string[] => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = p.int(0, 9);
      if (r < 6) out.push(makeUuid(p, p.int(0, 15), p.pick(VARIANTS), p.pick(CASES)));
      else if (r < 8) out.push(timeUuid(p, randomTs(p), 1, 'dce', p.pick(CASES)));
      else out.push(badToken(p, p.pick(BAD_KINDS)));
    }
    return out;
  };
  const M = (d: string) => `many-argv: ${d}`;
  b.pair('many-20', M('20 uuids'), (p) => ({ argv: mixed(p, 20) }));
  b.pair('many-30', M('30 uuids'), (p) => ({ argv: mixed(p, 30) }));
  b.pair('many-50', M('50 uuids'), (p) => ({ argv: mixed(p, 50) }));
  b.pair('many-25-json', M('25 uuids (json)'), (p) => ({
    argv: ['-J', ...mixed(p, 25)],
  }));
  b.pair('many-40-raw', M('40 uuids (raw)'), (p) => ({
    argv: ['-r', ...mixed(p, 40)],
  }));
  b.pair('many-35-type', M('35 uuids, -n -o TYPE,VARIANT'), (p) => ({
    argv: ['-n', '-o', 'TYPE,VARIANT', ...mixed(p, 35)],
  }));
  b.pair('many-valid-only', M('24 valid uuids, every version'), (p) => ({
    argv: Array.from({ length: 24 }, (_, i) =>
      makeUuid(p, i % 16, VARIANTS[i % 4] as Variant, CASES[i % 3] as LetterCase),
    ),
  }));
  b.pair('many-interleaved-options', M('options between uuids'), (p) => {
    const xs = mixed(p, 20);
    return {
      argv: [...xs.slice(0, 7), '-o', 'UUID,TIME', ...xs.slice(7, 14), '-n', ...xs.slice(14)],
    };
  });
}

function addStdin(b: SuiteBuilder): void {
  const u = (p: Prng) => makeUuid(p, p.int(1, 8), p.pick(VARIANTS), p.pick(CASES));
  const ut = (p: Prng) => timeUuid(p, randomTs(p), 1, 'dce', 'lower');
  const S = (d: string) => `stdin: ${d}`;
  b.pair('stdin-lines', S('one uuid per line'), (p) => ({
    argv: [],
    stdin: lines([u(p), ut(p), u(p), u(p)]),
  }));
  b.pair('stdin-lines-json', S('one uuid per line (json)'), (p) => ({
    argv: ['-J'],
    stdin: lines([u(p), ut(p), NIL]),
  }));
  b.pair('stdin-lines-raw', S('one uuid per line (raw)'), (p) => ({
    argv: ['-r'],
    stdin: lines([ut(p), u(p)]),
  }));
  b.pair('stdin-lines-noheadings', S('one uuid per line (-n -o)'), (p) => ({
    argv: ['-n', '-o', 'VARIANT,UUID'],
    stdin: lines([u(p), u(p), u(p)]),
  }));
  b.pair('stdin-blank-lines', S('blank lines between uuids'), (p) => ({
    argv: [],
    stdin: `\n\n${u(p)}\n\n\n${ut(p)}\n\n`,
  }));
  b.pair('stdin-crlf', S('CRLF line endings (36-char tokens)'), (p) => ({
    argv: [],
    stdin: `${u(p)}\r\n${ut(p)}\r\n${u(p)}\r\n`,
  }));
  b.pair('stdin-crlf-short', S('CRLF after short tokens (CR kept)'), (p) => ({
    argv: [],
    stdin: `${randomHex(p, 6)}\r\n${u(p).slice(0, 35)}\r\n${u(p)}\r\n`,
  }));
  b.pair('stdin-crlf-json', S('CRLF line endings (json)'), (p) => ({
    argv: ['-J'],
    stdin: `${u(p).slice(0, 30)}\r\n${u(p)}\r\n`,
  }));
  b.pair('stdin-no-final-newline', S('no final newline (last token dropped)'), (p) => ({
    argv: [],
    stdin: `${u(p)}\n${ut(p)}\n${u(p)}`,
  }));
  b.pair('stdin-no-final-newline-short', S('short last token without newline'), (p) => ({
    argv: ['-r'],
    stdin: `${u(p)}\n${randomHex(p, 5)}`,
  }));
  b.pair('stdin-single-no-newline', S('single token, no newline (empty output)'), (p) => ({ argv: [], stdin: u(p) }));
  b.pair('stdin-single-no-newline-json', S('single token, no newline (json)'), (p) => ({ argv: ['-J'], stdin: ut(p) }));
  b.pair('stdin-trailing-space-eof', S('last token followed by one space, no newline'), (p) => ({
    argv: [],
    stdin: `${u(p)}\n${u(p)} `,
  }));
  b.pair('stdin-leading-trailing-ws', S('leading/trailing whitespace on lines'), (p) => ({
    argv: [],
    stdin: `   ${u(p)}\n\t${ut(p)}   \n  \t ${u(p)}\t\n`,
  }));
  b.pair('stdin-same-line', S('several tokens on one line'), (p) => ({
    argv: [],
    stdin: `${u(p)} ${u(p)}\t${ut(p)}  ${randomHex(p, 4)}\n`,
  }));
  b.pair('stdin-vt-ff', S('vertical tab / form feed'), (p) => ({
    argv: ['-r'],
    stdin: `\v${u(p)}\n\f${randomHex(p, 4)}\v${randomHex(p, 3)}\n`,
  }));
  b.pair('stdin-37', S('37-char tokens (37th char swallowed)'), (p) => ({
    argv: [],
    stdin: lines([u(p) + 'x', 'z' + u(p), u(p) + randomHex(p, 1)]),
  }));
  b.pair('stdin-concatenated', S('uuids with no separator'), (p) => ({
    argv: [],
    stdin: `${u(p)}${u(p)}${u(p)}\n`,
  }));
  b.pair('stdin-long-line', S('long line split in 36-char chunks'), (p) => ({
    argv: ['-r'],
    stdin: randomHex(p, 300) + '\n',
  }));
  b.pair('stdin-very-long-line', S('very long line (5000 chars)'), (p) => ({
    argv: ['-n', '-o', 'UUID,TYPE'],
    stdin: randomHex(p, 4000) + '-' + randomHex(p, 999) + '\n',
  }));
  b.pair('stdin-many', S('150 lines'), (p) => {
    const xs: string[] = [];
    for (let i = 0; i < 150; i++) xs.push(p.int(0, 3) === 0 ? ut(p) : u(p));
    return { argv: ['-o', 'TYPE,TIME'], stdin: lines(xs) };
  });
  b.two('stdin-empty', S('empty stdin (no output)'), { argv: [] }, { argv: ['-n'] });
  b.two('stdin-empty-json', S('empty stdin (json)'), { argv: ['-J'] }, { argv: ['-J', '-o', 'TIME'] });
  b.two(
    'stdin-whitespace-only',
    S('whitespace-only stdin'),
    { argv: [], stdin: '\n \t\n\n' },
    { argv: ['-r'], stdin: '   \n\r\n' },
  );
  b.two(
    'stdin-whitespace-only-json',
    S('whitespace-only stdin (json)'),
    { argv: ['-J'], stdin: '\n\n' },
    { argv: ['--json'], stdin: ' \t \n' },
  );
  b.pair('stdin-nul', S('NUL bytes in stdin'), (p) => ({
    argv: ['-r'],
    stdin: bin(u(p).slice(0, 10), [0], u(p).slice(0, 20), '\n', u(p), '\n'),
  }));
  b.pair('stdin-invalid-utf8', S('invalid UTF-8 bytes'), (p) => ({
    argv: [],
    stdin: bin(u(p).slice(0, 20), [0xff, 0xfe], '\n', [0xc3], u(p).slice(1), '\n', u(p), '\n'),
  }));
  b.pair('stdin-invalid-utf8-json', S('invalid UTF-8 bytes (json)'), (p) => ({
    argv: ['-J'],
    stdin: bin([0x80, 0x81], randomHex(p, 4), '\n'),
  }));
  b.pair('stdin-nonascii', S('UTF-8 non-ASCII tokens'), (p) => ({
    argv: [],
    stdin: `é${u(p).slice(1)}\n${withBadChar(p, u(p), 'ü')}\n`,
  }));
  b.pair('stdin-upper', S('upper-case uuids'), (p) => ({
    argv: [],
    stdin: lines([ut(p).toUpperCase(), u(p).toUpperCase()]),
  }));
  b.pair('stdin-wrapped', S('braces and urn prefix'), (p) => ({
    argv: [],
    stdin: lines([`{${u(p)}}`, `urn:uuid:${u(p)}`]),
  }));
  b.pair('stdin-double-dash', S('-- and no uuid argument reads stdin'), (p) => ({
    argv: ['--'],
    stdin: lines([u(p)]),
  }));
  b.pair('stdin-options-only', S('options only, uuids on stdin'), (p) => ({
    argv: ['-n', '-r', '-o', 'uuid,time'],
    stdin: lines([ut(p), u(p)]),
  }));

  const A = (d: string) => `argv+stdin: ${d}`;
  b.pair('argv-and-stdin', A('argv wins, stdin ignored'), (p) => ({
    argv: [u(p)],
    stdin: lines([u(p), u(p)]),
  }));
  b.pair('argv-and-stdin-json', A('argv wins, stdin ignored (json)'), (p) => ({
    argv: ['-J', u(p), ut(p)],
    stdin: lines([ut(p)]),
  }));
  b.two(
    'argv-empty-and-stdin',
    A('empty argument still counts as argv'),
    { argv: [''], stdin: `${NIL}\n` },
    { argv: ['-r', ''], stdin: `${MAX}\n` },
  );
}

function addOptions(b: SuiteBuilder): void {
  const u = (p: Prng) => makeUuid(p, p.int(1, 8), p.pick(VARIANTS), p.pick(CASES));
  const ut = (p: Prng) => timeUuid(p, randomTs(p), 1, 'dce', 'lower');
  const sample = (p: Prng) => [ut(p), u(p), makeUuid(p, 4), badToken(p, p.pick(BAD_KINDS))];

  // Output modes.
  const O = (d: string) => `output-mode: ${d}`;
  b.pair('opt-json', O('-J'), (p) => ({ argv: ['-J', ...sample(p)] }));
  b.pair('opt-json-long', O('--json'), (p) => ({
    argv: ['--json', ...sample(p)],
  }));
  b.pair('opt-noheadings', O('-n'), (p) => ({ argv: ['-n', ...sample(p)] }));
  b.pair('opt-noheadings-long', O('--noheadings'), (p) => ({
    argv: ['--noheadings', ...sample(p)],
  }));
  b.pair('opt-raw', O('-r'), (p) => ({ argv: ['-r', ...sample(p)] }));
  b.pair('opt-raw-long', O('--raw'), (p) => ({
    argv: ['--raw', ...sample(p)],
  }));
  b.pair('opt-raw-noheadings', O('-n -r'), (p) => ({
    argv: ['-n', '-r', ...sample(p)],
  }));
  b.pair('opt-raw-noheadings-bundled', O('-nr bundled'), (p) => ({
    argv: ['-nr', ...sample(p)],
  }));
  b.pair('opt-json-noheadings', O('-J -n (headings irrelevant)'), (p) => ({
    argv: ['-J', '-n', ...sample(p)],
  }));
  b.pair('opt-json-noheadings-bundled', O('-Jn bundled'), (p) => ({
    argv: ['-Jn', ...sample(p)],
  }));
  b.pair('opt-repeated-flags', O('flags given twice'), (p) => ({
    argv: ['-J', '-J', '-n', '-n', ...sample(p)],
  }));
  b.pair('opt-after-uuids', O('options after the uuids (permuted)'), (p) => ({
    argv: [...sample(p), '-r', '-n'],
  }));

  // -o with each column alone in each mode.
  const COLS = ['UUID', 'VARIANT', 'TYPE', 'TIME'];
  const modes: [string, string[]][] = [
    ['table', []],
    ['raw', ['-r']],
    ['json', ['-J']],
  ];
  for (const col of COLS) {
    for (const [mode, flags] of modes) {
      b.pair(
        `col-${col.toLowerCase()}-${mode}`,
        `columns: -o ${col} alone (${mode})`,
        (p) => ({ argv: [...flags, '-o', col, ...sample(p)] }),
        mode !== 'raw',
      );
    }
  }
  // Orders, combinations, repetition, letter case.
  const K = (d: string) => `columns: ${d}`;
  const combos: [string, string, string[]][] = [
    ['col-uuid-type', 'two columns', ['-o', 'UUID,TYPE']],
    ['col-type-uuid', 'two columns reversed', ['-o', 'TYPE,UUID']],
    ['col-time-variant', 'two columns (time first)', ['-o', 'TIME,VARIANT']],
    ['col-three', 'three columns', ['-o', 'VARIANT,TIME,UUID']],
    ['col-all-reversed', 'all four reversed', ['-o', 'TIME,TYPE,VARIANT,UUID']],
    ['col-all-reversed-json', 'all four reversed (json)', ['-J', '-o', 'TIME,TYPE,VARIANT,UUID']],
    ['col-repeated', 'repeated column', ['-o', 'UUID,UUID,TYPE']],
    ['col-repeated-json', 'repeated column (json duplicate keys)', ['-J', '-o', 'TYPE,TYPE,UUID']],
    ['col-lowercase', 'lower-case names', ['-o', 'uuid,time']],
    ['col-mixedcase', 'mixed-case names', ['-o', 'Uuid,vArIaNt,TyPe']],
    ['col-plus', '+LIST appends to defaults', ['-o', '+UUID']],
    ['col-plus-two', '+LIST with two columns', ['-o', '+TIME,VARIANT']],
    ['col-plus-json', '+LIST (json)', ['-J', '-o', '+type']],
    ['col-eight', 'eight columns (the maximum)', ['-o', 'UUID,TYPE,TIME,VARIANT,UUID,TYPE,TIME,VARIANT']],
    ['col-plus-eight', '+LIST up to eight columns', ['-o', '+UUID,TYPE,TIME,VARIANT']],
    ['col-last-wins', '-o twice (last wins)', ['-o', 'UUID', '-o', 'TIME,TYPE']],
    ['col-plus-twice', '+LIST twice (last wins)', ['-o', '+TIME', '-o', '+TYPE']],
    ['col-raw-combo', 'raw with columns', ['-r', '-o', 'TYPE,TIME']],
    ['col-noheadings-combo', '-n with columns', ['-n', '-o', 'TIME,UUID']],
    ['col-attached', '-oLIST attached', ['-oTYPE,UUID']],
    ['col-bundled', '-no LIST bundled', ['-no', 'VARIANT']],
    ['col-bundled-json', '-Jo LIST bundled', ['-Jo', 'uuid,type']],
    ['col-long-eq', '--output=LIST', ['--output=TIME,UUID']],
    ['col-long-space', '--output LIST', ['--output', 'VARIANT,TYPE']],
  ];
  for (const [id, d, flags] of combos) b.pair(id, K(d), (p) => ({ argv: [...flags, ...sample(p)] }));

  // Column-list errors.
  const E = (d: string) => `columns-error: ${d}`;
  const errs: [string, string, string[], string[]][] = [
    ['colerr-unknown', 'unknown column', ['-o', 'FOO'], ['-o', 'DATE']],
    [
      'colerr-unknown-middle',
      'unknown column in the middle (rest of list echoed)',
      ['-o', 'UUID,FOO,TYPE'],
      ['-o', 'TIME,VERSION,UUID,TYPE'],
    ],
    ['colerr-unknown-last', 'unknown column last', ['-o', 'UUID,TYPES'], ['-o', 'TYPE,TIM']],
    ['colerr-prefix', 'abbreviated column name', ['-o', 'UU'], ['-o', 'VAR']],
    ['colerr-empty', 'empty list (silent failure)', ['-o', ''], ['--output=']],
    ['colerr-trailing-comma', 'trailing comma', ['-o', 'UUID,'], ['-o', 'TYPE,TIME,']],
    ['colerr-leading-comma', 'leading comma (silent failure)', ['-o', ',UUID'], ['-o', ',TIME,TYPE']],
    ['colerr-double-comma', 'double comma (silent failure)', ['-o', 'UUID,,TYPE'], ['-o', 'TIME,,VARIANT']],
    ['colerr-space', 'space after comma', ['-o', 'UUID, TYPE'], ['-o', 'TIME, VARIANT']],
    [
      'colerr-nine',
      'nine columns (silent failure)',
      ['-o', 'UUID,UUID,UUID,UUID,UUID,UUID,UUID,UUID,UUID'],
      ['-o', 'TYPE,TIME,TYPE,TIME,TYPE,TIME,TYPE,TIME,TYPE,TIME'],
    ],
    [
      'colerr-plus-overflow',
      '+LIST overflowing eight columns',
      ['-o', '+UUID,TYPE,TIME,VARIANT,UUID'],
      ['-o', '+TIME,TIME,TIME,TIME,TIME,TIME'],
    ],
    ['colerr-plus-alone', '+ alone', ['-o', '+'], ['--output=+']],
    ['colerr-minus', '-NAME', ['-o', '-UUID'], ['-o', '-TIME']],
    ['colerr-eats-option', '-o swallows the next option as its list', ['-o', '-J'], ['-o', '-r']],
    ['colerr-json', 'unknown column with -J', ['-J', '-o', 'uuid,bogus'], ['-J', '-o', 'nope']],
  ];
  for (const [id, d, fv, fh] of errs) {
    b.two(
      id,
      E(d),
      { argv: [...fv, makeUuid(new Prng(`uuidparse/${id}/v`), 4)] },
      { argv: [...fh, makeUuid(new Prng(`uuidparse/${id}/h`), 1)] },
    );
  }
  // Seeded column lists with one unknown name somewhere: the message echoes the list from that name on.
  const BOGUS = ['FOO', 'uuids', 'Version', 'DATE', 'node', 'CLOCK', 'TIMESTAMP', 'TYP', 'var', 'x', 'UUID4', 'TIME_'];
  const NAMES = ['UUID', 'VARIANT', 'TYPE', 'TIME', 'uuid', 'variant', 'type', 'time', 'Uuid', 'Time'];
  for (let i = 0; i < 12; i++) {
    b.pair(
      `colerr-gen-${String(i).padStart(2, '0')}`,
      E('unknown name in a longer list'),
      (p) => {
        const n = p.int(1, 4);
        const names = Array.from({ length: n }, () => p.pick(NAMES));
        names.splice(p.int(0, n), 0, p.pick(BOGUS));
        const list = (p.int(0, 3) === 0 ? '+' : '') + names.join(',');
        const mode = p.pick([[], ['-J'], ['-r'], ['-n']]);
        return { argv: [...mode, '-o', list, makeUuid(p, p.int(1, 8))] };
      },
      i % 2 === 0,
    );
  }
  // Column errors with uuids on stdin: the error comes first, stdin is never read.
  b.two(
    'colerr-stdin',
    E('unknown column, uuids on stdin'),
    { argv: ['-o', 'XYZ'], stdin: `${NIL}\n` },
    { argv: ['-o', 'TYPE,'], stdin: `${MAX}\n` },
  );

  // Mutually exclusive -J / -r.
  const X = (d: string) => `exclusive: ${d}`;
  const id4 = (s: string) => makeUuid(new Prng(s), 4);
  b.two('excl-json-raw', X('-J -r'), { argv: ['-J', '-r', id4('x1')] }, { argv: ['-r', '-J', id4('x2')] });
  b.two(
    'excl-long',
    X('--json --raw'),
    { argv: ['--json', '--raw', id4('x3')] },
    { argv: ['--raw', '--json', id4('x4')] },
  );
  b.two('excl-bundled', X('-Jr bundled'), { argv: ['-Jr', id4('x5')] }, { argv: ['-rJ', id4('x6')] });
  b.two(
    'excl-spread',
    X('-J and -r far apart'),
    { argv: ['-J', id4('x7'), id4('x8'), '-r'] },
    { argv: ['-r', '-n', '-o', 'TYPE', id4('x9'), '--json'] },
  );
  b.two(
    'excl-stdin',
    X('-J -r, uuids on stdin'),
    { argv: ['-J', '-r'], stdin: `${NIL}\n` },
    { argv: ['--raw', '-J'], stdin: `${MAX}\n` },
  );

  // Help and version.
  const Hh = (d: string) => `help: ${d}`;
  b.two('help-short', Hh('-h'), { argv: ['-h'] }, { argv: ['-h', id4('h1')] });
  b.two('help-long', Hh('--help'), { argv: ['--help'] }, { argv: [id4('h2'), '--help'] });
  b.two('help-abbrev', Hh('--he (abbreviated)'), { argv: ['--he'] }, { argv: ['--hel', '-n'] });
  b.two(
    'help-after-options',
    Hh('-h after other options'),
    { argv: ['-J', '-n', '-h'] },
    { argv: ['-r', '-o', 'TYPE', '-h'] },
  );
  b.two(
    'help-bad-columns',
    Hh('-h wins over a bad -o list'),
    { argv: ['-o', 'BOGUS', '-h'] },
    { argv: ['-h', '-o', ''] },
  );
  b.two('help-before-exclusive', Hh('-h before -J -r'), { argv: ['-h', '-J', '-r'] }, { argv: ['--help', '-r', '-J'] });
  b.two(
    'help-with-stdin',
    Hh('-h with stdin'),
    { argv: ['-h'], stdin: `${NIL}\n` },
    { argv: ['--help'], stdin: `${MAX}\n` },
  );
  const Vv = (d: string) => `version-option: ${d}`;
  b.two('version-short', Vv('-V'), { argv: ['-V'] }, { argv: ['-V', id4('v1')] });
  b.two('version-long', Vv('--version'), { argv: ['--version'] }, { argv: [id4('v2'), '--version'] });
  b.two('version-abbrev', Vv('--vers (abbreviated)'), { argv: ['--vers'] }, { argv: ['--v', '-J'] });
  b.two('version-before-help', Vv('-V before -h'), { argv: ['-V', '-h'] }, { argv: ['-Vh'] });
  b.two('help-before-version', Hh('-h before -V'), { argv: ['-h', '-V'] }, { argv: ['-hV'] });
  b.two(
    'version-before-exclusive',
    Vv('-V before -J -r'),
    { argv: ['-V', '-J', '-r'] },
    { argv: ['--version', '-rJ'] },
  );
  b.two(
    'version-bad-columns',
    Vv('-V wins over a bad -o list'),
    { argv: ['-o', 'NOPE', '-V'] },
    { argv: ['-V', '-o', ',,'] },
  );
  b.two(
    'exclusive-before-version',
    X('-J -r before -V'),
    { argv: ['-J', '-r', '-V'] },
    { argv: ['-r', '-J', '--version'] },
  );

  // Long-option abbreviations.
  const Lg = (d: string) => `long-options: ${d}`;
  b.pair('long-abbrev-json', Lg('--js'), (p) => ({
    argv: ['--js', ...sample(p)],
  }));
  b.pair('long-abbrev-noheadings', Lg('--no'), (p) => ({
    argv: ['--no', ...sample(p)],
  }));
  b.pair('long-abbrev-raw', Lg('--ra'), (p) => ({
    argv: ['--ra', ...sample(p)],
  }));
  b.pair('long-abbrev-output', Lg('--out=LIST'), (p) => ({
    argv: ['--out=type,uuid', ...sample(p)],
  }));
  b.pair('long-abbrev-output-space', Lg('--o LIST'), (p) => ({
    argv: ['--o', 'time', ...sample(p)],
  }));
  b.pair('long-all', Lg('--noheadings --raw --output'), (p) => ({
    argv: ['--noheadings', '--raw', '--output', 'UUID,TIME', ...sample(p)],
  }));

  // Command-line errors detected by getopt. The message text comes from the C library: glibc prints
  // "invalid option -- 'x'" / "unrecognized option '--foo'", while wasi-libc (musl) prints "unrecognized option: x" /
  // "unrecognized option: foo". Exit code and stdout agree; only this group's stderr differs between a native build and
  // a WASI build, unless the WASI build links a glibc-compatible getopt (e.g. gnulib's). Remove the group here if the
  // oracle must match native glibc byte for byte.
  const G = (d: string) => `getopt-error: ${d}`;
  b.two('getopt-unknown-short', G('unknown short option'), { argv: ['-x', NIL] }, { argv: ['-Z', MAX] });
  for (const [i, letters] of [
    ['a', 'b'],
    ['c', 'N'],
    ['R', 'v'],
    ['j', 'O'],
    ['1', 'H'],
  ].entries()) {
    b.two(
      `getopt-unknown-letter-${i}`,
      G('unknown short option letter'),
      { argv: [`-${letters[0]}`, makeUuid(new Prng(`gl${i}/v`), 4)] },
      i % 2 === 0 ? { argv: ['-n', `-${letters[1]}`, makeUuid(new Prng(`gl${i}/h`), 1)] } : undefined,
    );
  }
  b.two(
    'getopt-unknown-bundled',
    G('unknown option bundled after a valid one'),
    { argv: ['-Jx', NIL] },
    { argv: ['-nq', id4('g1')] },
  );
  b.two('getopt-unknown-long', G('unknown long option'), { argv: ['--foo', NIL] }, { argv: ['--uuid', id4('g2')] });
  b.two(
    'getopt-unknown-long-prefix',
    G('long option that extends a real one'),
    { argv: ['--jsonx'] },
    { argv: ['--rawest', id4('g3')] },
  );
  b.two(
    'getopt-arg-not-allowed',
    G('--flag=value on a flag'),
    { argv: ['--json=yes', NIL] },
    { argv: ['--raw=1', id4('g4')] },
  );
  b.two('getopt-missing-arg-short', G('-o without its list'), { argv: ['-o'] }, { argv: ['-n', '-o'] });
  b.two(
    'getopt-missing-arg-long',
    G('--output without its list'),
    { argv: ['--output'] },
    { argv: ['-J', '--output'] },
  );
  b.two(
    'getopt-unknown-then-version',
    G('unknown option before -V'),
    { argv: ['-x', '-V'] },
    { argv: ['--nope', '--version'] },
  );
  b.two(
    'getopt-unknown-stdin',
    G('unknown option, uuids on stdin'),
    { argv: ['-y'], stdin: `${NIL}\n` },
    { argv: ['--bogus'], stdin: `${MAX}\n` },
  );

  // Arguments that look like options.
  const P = (d: string) => `operands: ${d}`;
  b.pair('operand-double-dash', P('-- then option-like uuids'), (p) => ({
    argv: ['--', '-J', u(p)],
  }));
  b.pair('operand-double-dash-json', P('-J -- -r (not an option)'), (p) => ({
    argv: ['-J', '--', '-r', u(p)],
  }));
  b.two('operand-dash', P('lone - is an operand'), { argv: ['-'] }, { argv: ['-n', '-', '-'] });
  b.pair('operand-double-dash-twice', P('-- -- (second is an operand)'), (p) => ({ argv: ['--', '--', u(p)] }));
}

function addTime(b: SuiteBuilder): void {
  const T = (d: string) => `time: ${d}`;
  const one = (ts: bigint, seed: string, extra: string[] = []) => ({
    argv: ['-o', 'UUID,TIME', ...extra, timeUuid(new Prng(seed), ts)],
  });
  const extremes: [string, string, bigint, bigint][] = [
    ['time-zero', 'timestamp 0 (1582, wraps)', 0n, 5n],
    ['time-max', 'largest 60-bit timestamp', MAX_TS, MAX_TS - 123456789n],
    ['time-epoch', 'Unix epoch exactly', GREGORIAN_OFFSET, GREGORIAN_OFFSET + 86400n * TICKS_PER_SEC],
    [
      'time-before-epoch',
      'just before the Unix epoch (wraps)',
      GREGORIAN_OFFSET - 1n,
      GREGORIAN_OFFSET - 86400n * TICKS_PER_SEC,
    ],
    ['time-sub-usec', 'under one microsecond after the epoch', GREGORIAN_OFFSET + 9n, tsFromUnix(1000000000n) + 7n],
    ['time-one-usec', 'one microsecond after the epoch', GREGORIAN_OFFSET + 10n, tsFromUnix(1n, 1n)],
    ['time-y2038', '2^31 seconds after the epoch', tsFromUnix(2147483648n), tsFromUnix(2147483647n, 999999n)],
    ['time-y9999', 'last microsecond of year 9999', tsFromUnix(253402300799n, 999999n), tsFromUnix(253402300799n, 0n)],
    ['time-y10000', 'first second of year 10000', tsFromUnix(253402300800n), tsFromUnix(253402300801n, 1n)],
    ['time-leap-day', 'leap day', tsFromUnix(951782400n, 123456n), tsFromUnix(1709164800n + 86399n, 654321n)],
    [
      'time-1969',
      'a date in 1969 (wraps)',
      GREGORIAN_OFFSET - 31536000n * TICKS_PER_SEC,
      GREGORIAN_OFFSET - 3600n * TICKS_PER_SEC,
    ],
    ['time-gregorian-start', 'early Gregorian dates (wrap)', 10000000n * 86400n, 10000000n * 86400n * 365n * 100n],
  ];
  for (const [id, d, tv, th] of extremes) b.two(id, T(d), one(tv, `${id}/v`), one(th, `${id}/h`));
  b.two(
    'time-zero-json',
    T('timestamp 0 (json)'),
    { argv: ['-J', '-o', 'time', timeUuid(new Prng('tzj/v'), 0n)] },
    {
      argv: ['-J', '-o', 'time', timeUuid(new Prng('tzj/h'), 36_000_000_000n + 3n)],
    },
  );
  b.two(
    'time-epoch-raw',
    T('epoch (raw escapes the space)'),
    {
      argv: ['-r', '-o', 'TIME', timeUuid(new Prng('ter/v'), GREGORIAN_OFFSET)],
    },
    {
      argv: ['-r', '-o', 'TIME', timeUuid(new Prng('ter/h'), tsFromUnix(60n))],
    },
  );

  // Random v1 timestamps in various modes.
  const rnd =
    (n: number, cs: LetterCase = 'lower') =>
    (p: Prng) =>
      Array.from({ length: n }, () => timeUuid(p, randomTs(p), 1, 'dce', cs === 'mixed' ? p.pick(CASES) : cs));
  b.pair('time-random', T('random v1 timestamps'), (p) => ({
    argv: ['-o', 'TIME,UUID', ...rnd(8)(p)],
  }));
  b.pair('time-random-2', T('random v1 timestamps (all columns)'), (p) => ({
    argv: rnd(6, 'mixed')(p),
  }));
  b.pair('time-random-json', T('random v1 timestamps (json)'), (p) => ({
    argv: ['-J', ...rnd(5)(p)],
  }));
  b.pair('time-random-raw', T('random v1 timestamps (raw)'), (p) => ({
    argv: ['-r', '-n', ...rnd(5, 'upper')(p)],
  }));
  b.pair('time-random-stdin', T('random v1 timestamps via stdin'), (p) => ({
    argv: ['-o', 'TIME'],
    stdin: lines(rnd(10)(p)),
  }));
  b.pair('time-recent', T('v1 timestamps 1990-2040'), (p) => ({
    argv: [
      '-o',
      'UUID,TIME',
      ...Array.from({ length: 6 }, () =>
        timeUuid(p, tsFromUnix(631152000n + (BigInt(p.nextUint32()) % 1577836800n), BigInt(p.int(0, 999999)))),
      ),
    ],
  }));
  b.pair('time-pre-1970', T('v1 timestamps before 1970 (wrap)'), (p) => ({
    argv: [
      '-o',
      'TIME',
      ...Array.from({ length: 5 }, () =>
        timeUuid(p, ((BigInt(p.nextUint32()) << 28n) ^ BigInt(p.nextUint32())) % GREGORIAN_OFFSET),
      ),
    ],
  }));
  // Versions with a time field but no TIME output in 2.38.1: v2, v6, v7.
  b.pair('time-v2-v6-v7', T('v2/v6/v7 carry a time but show none'), (p) => ({
    argv: [
      timeUuid(p, randomTs(p), 2),
      timeUuid(p, randomTs(p), 6),
      makeUuid(p, 7),
      timeUuid(p, tsFromUnix(1700000000n), 6),
    ],
  }));
  b.pair('time-v6-json', T('v6 in json has null time'), (p) => ({
    argv: ['-J', '-o', 'uuid,type,time', timeUuid(p, randomTs(p), 6)],
  }));
  // v1 layout with a non-DCE variant: no TIME.
  b.pair('time-non-dce', T('version 1 with NCS/Microsoft/other variant'), (p) => ({
    argv: [
      '-o',
      'VARIANT,TYPE,TIME',
      timeUuid(p, randomTs(p), 1, 'ncs'),
      timeUuid(p, randomTs(p), 1, 'ms'),
      timeUuid(p, randomTs(p), 1, 'other'),
      timeUuid(p, randomTs(p), 1, 'dce'),
    ],
  }));
  b.pair('time-invalid-json', T('invalid uuid time is "invalid" (json)'), (p) => ({
    argv: ['-J', '-o', 'time,uuid', badToken(p, 'len35'), makeUuid(p, 4)],
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded bulk generator
// ---------------------------------------------------------------------------------------------------------------

const GEN_OPTION_SETS: readonly string[][] = [
  [],
  ['-J'],
  ['-n'],
  ['-r'],
  ['-n', '-r'],
  ['-J', '-n'],
  ['-o', 'UUID'],
  ['-o', 'TYPE,VARIANT'],
  ['-r', '-o', 'TIME'],
  ['-J', '-o', 'uuid,time'],
  ['--raw', '--noheadings'],
  ['--json'],
  ['--output=VARIANT,TYPE'],
  ['-n', '-o', 'TIME,UUID'],
  ['-o', '+UUID'],
  ['-o', 'TIME,TYPE,VARIANT,UUID'],
  ['-r', '-o', 'UUID,VARIANT'],
  ['-J', '-o', 'type'],
];

type Spec =
  | { k: 'uuid'; version: number; variant: Variant; cs: LetterCase }
  | { k: 'time'; version: number; cs: LetterCase }
  | { k: 'bad'; kind: BadKind }
  | { k: 'special'; which: 'nil' | 'max' };

function randomSpec(p: Prng): Spec {
  const r = p.int(0, 99);
  if (r < 55) {
    // versions 1–8 more often than the out-of-range nibbles
    const version = p.int(0, 3) === 0 ? p.pick([0, 9, 10, 11, 12, 13, 14, 15]) : p.int(1, 8);
    return {
      k: 'uuid',
      version,
      variant: p.int(0, 2) === 0 ? p.pick(VARIANTS) : 'dce',
      cs: p.pick(CASES),
    };
  }
  if (r < 78)
    return {
      k: 'time',
      version: p.int(0, 5) === 0 ? p.pick([2, 6]) : 1,
      cs: p.pick(CASES),
    };
  if (r < 95) return { k: 'bad', kind: p.pick(BAD_KINDS) };
  return { k: 'special', which: p.pick(['nil', 'max'] as const) };
}

function realize(p: Prng, s: Spec): string {
  switch (s.k) {
    case 'uuid':
      return makeUuid(p, s.version, s.variant, s.cs);
    case 'time':
      return timeUuid(p, randomTs(p), s.version, 'dce', s.cs);
    case 'bad':
      return badToken(p, s.kind);
    case 'special':
      return s.which === 'nil' ? NIL : MAX;
  }
}

const GEN_VISIBLE = 120;

function genRecipe(seed: string): { specs: Spec[]; viaStdin: boolean } {
  const rp = new Prng(seed);
  const n = rp.int(1, 8);
  const specs = Array.from({ length: n }, () => randomSpec(rp));
  // at least one token with random content, so that a dual never repeats its visible case
  if (!specs.some((s) => s.k === 'uuid' || s.k === 'time'))
    specs.push({
      k: 'uuid',
      version: rp.int(1, 8),
      variant: 'dce',
      cs: 'lower',
    });
  const viaStdin = rp.int(0, 3) === 0;
  // stdin cannot carry empty tokens
  return {
    specs: viaStdin ? specs.map((s) => (s.k === 'bad' && s.kind === 'empty' ? { k: 'bad', kind: 'short' } : s)) : specs,
    viaStdin,
  };
}

function addGenerated(b: SuiteBuilder): void {
  for (let i = 0; i < GEN_VISIBLE; i++) {
    const opts = GEN_OPTION_SETS[i % GEN_OPTION_SETS.length] as string[];
    const { viaStdin, specs } = genRecipe(`uuidparse/gen/recipe/${i}`);
    const make = (p: Prng, recipe: Spec[]): Input => {
      const toks = recipe.map((s) => realize(p, s));
      return viaStdin ? { argv: [...opts], stdin: lines(toks) } : { argv: [...opts, ...toks] };
    };
    const label = `generated: ${opts.length ? opts.join(' ') : 'default'}${viaStdin ? ' (stdin)' : ''}`;
    const id = `gen-${String(i).padStart(3, '0')}`;
    b.vis(id, label, make(new Prng(`uuidparse/gen/${i}/v`), specs));
    // every fourth generated case gets a dual: same options and input channel, a fresh mix of tokens
    if (i % 4 === 1) {
      const dual = genRecipe(`uuidparse/gen/recipe/${i}/h`);
      const dualSpecs = viaStdin
        ? dual.specs.map((s) => (s.k === 'bad' && s.kind === 'empty' ? ({ k: 'bad', kind: 'short' } as Spec) : s))
        : dual.specs;
      b.hid(id, make(new Prng(`uuidparse/gen/${i}/h`), dualSpecs));
    }
  }
}

export function suite(): TestSuite {
  const b = new SuiteBuilder({ target: 'uuidparse', noDual: (id) => NO_DUAL.has(id) });
  addVersionAndVariant(b);
  addNilMax(b);
  addCase(b);
  addMalformed(b);
  addWidths(b);
  addMany(b);
  addStdin(b);
  addOptions(b);
  addTime(b);
  addGenerated(b);
  return { visible: b.visible, hidden: b.hidden };
}
