/**
 * Test-suite generator for `numfmt` (GNU coreutils 9.1).
 *
 * Deterministic: every random value comes from a `Prng` seeded with a fixed string, so `suite()` returns the same
 * cases on every call. Every case carries a `feature` label; every hidden case is the dual (`dualOf`) of a visible
 * case exercising the same feature with other values.
 *
 * Precision: numfmt computes in `long double`, which is 80-bit x87 on the native x86-64 program and 128-bit IEEE on
 * wasm32. Inputs whose output depends on digits beyond the 80-bit precision (LDBL_DIG is 18 natively, 33 on wasm32)
 * are kept out of the suite (see target.json "fidelityNotes"): numbers have at most 15 significant digits, values
 * printed without --to stay below 10^15, and --format precisions stay small.
 *
 * Behaviour notes that shaped the cases (checked against the native program):
 * - The C locale has no thousands separator: --grouping and %'f change nothing, but --grouping with --to is an error.
 * - Numbers come from the arguments, or else from stdin, one line per number (or per field with --field); with
 *   whitespace-separated fields, the output keeps each field's width (auto-padding) unless --padding is given.
 * - `--invalid=abort` (the default) stops at the first bad number with exit 2; `fail` diagnoses each and exits 2;
 *   `warn` diagnoses and exits 0; `ignore` prints bad input unchanged and exits 0.
 */
import type { TestSuite } from '../../src/core/test-case.ts';
import { Prng } from '../../src/core/prng.ts';
import { SuiteBuilder, type CaseInput } from '../../src/core/suite-builder.ts';

type Input = CaseInput;

/**
 * Visible cases that get no hidden dual, so that about a third of all cases are hidden: variants whose feature is
 * already covered by a dual elsewhere (small values, unscaled inputs, --to-unit rounding).
 */
const NO_DUAL = /^(to-(si|iec|iec-i)-(small|huge)|from-(si|iec|iec-i|auto)-plain|round-[a-z-]+-unit)$/;

// ---------------------------------------------------------------------------------------------------------------
// Number generators (precision-safe: at most 15 significant digits)
// ---------------------------------------------------------------------------------------------------------------

/** A random integer with `digits` digits (no leading zero). */
function intDigits(p: Prng, digits: number): string {
  let s = String(p.int(1, 9));
  for (let i = 1; i < digits; i++) s += String(p.int(0, 9));
  return s;
}

/** A random non-negative integer of 1–`max` digits. */
function anyInt(p: Prng, max = 13): string {
  return intDigits(p, p.int(1, max));
}

/**
 * A decimal with `whole` integer digits and `frac` fraction digits. With `dyadic`, the fraction is exact in binary
 * (m / 2^frac, which has exactly `frac` decimal digits): numfmt rounds up or down (--round other than nearest) after
 * multiplying by 10^precision, so an inexact fraction lands on either side of the integer depending on the width of
 * long double — such inputs are only used where the output is scaled (--to).
 */
function decimal(p: Prng, whole: number, frac: number, dyadic = false): string {
  const w = whole === 0 ? '0' : intDigits(p, whole);
  let f = '';
  if (dyadic) f = String(p.int(0, 2 ** frac - 1) * 5 ** frac).padStart(frac, '0');
  else for (let i = 0; i < frac; i++) f += String(p.int(0, 9));
  return frac > 0 ? `${w}.${f}` : w;
}

function maybeNeg(p: Prng, s: string, chance = 4): string {
  return p.int(1, chance) === 1 ? `-${s}` : s;
}

/** Numbers made to sit on or near rounding boundaries when scaled by 1000 or 1024. */
function boundary(p: Prng): string {
  const base = p.pick([1000, 1024, 1000000, 1048576, 1000000000]);
  const mant = p.int(1, 999);
  const tweak = p.pick([-1, 0, 1, 49, 50, 51, 499, 500, 501, 950, 999]);
  return String(Math.max(1, mant * base + tweak));
}

const SI = ['K', 'M', 'G', 'T'];
const SI_BIG = ['K', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];

/** A human-readable number such as `1.5K`, `12Mi`, `3G` (below 10^15, with an exact mantissa, when `small`). */
function human(p: Prng, style: 'si' | 'iec' | 'iec-i' | 'auto', small = true): string {
  const letters = small ? SI : SI_BIG;
  const letter = p.pick(letters);
  const num = p.int(0, 2) === 0 ? decimal(p, p.int(1, 3), p.int(1, 2), small) : anyInt(p, 3);
  let suffix = letter;
  if (style === 'iec-i') suffix = `${letter}i`;
  else if (style === 'auto' && p.int(0, 1) === 1) suffix = `${letter}i`;
  return `${num}${suffix}`;
}

function lines(items: readonly string[], term = '\n'): string {
  return items.map((s) => s + term).join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------------------------------------------

function addTo(b: SuiteBuilder): void {
  const units = ['si', 'iec', 'iec-i'] as const;
  for (const u of units) {
    const F = (d: string) => `--to=${u}: ${d}`;
    b.pair(`to-${u}-ints`, F('integers of every size'), (p) => ({
      argv: [`--to=${u}`, ...Array.from({ length: 8 }, (_, i) => intDigits(p, i + 1 + p.int(0, 6)))],
    }));
    b.pair(`to-${u}-decimals`, F('decimal inputs'), (p) => ({
      argv: [`--to=${u}`, ...Array.from({ length: 6 }, () => decimal(p, p.int(1, 10), p.int(1, 4)))],
    }));
    b.pair(`to-${u}-negative`, F('negative numbers'), (p) => ({
      argv: [`--to=${u}`, '--', ...Array.from({ length: 5 }, () => `-${anyInt(p, 12)}`)],
    }));
    b.pair(`to-${u}-boundaries`, F('values near rounding boundaries'), (p) => ({
      argv: [`--to=${u}`, ...Array.from({ length: 8 }, () => boundary(p))],
    }));
    b.pair(`to-${u}-small`, F('values below one unit'), (p) => ({
      argv: [
        `--to=${u}`,
        ...Array.from({ length: 6 }, () => (p.int(0, 1) ? String(p.int(0, 999)) : decimal(p, 0, p.int(1, 3)))),
      ],
    }));
    b.pair(`to-${u}-stdin`, F('numbers on stdin'), (p) => ({
      argv: [`--to=${u}`],
      stdin: lines(Array.from({ length: 10 }, () => anyInt(p, 14))),
    }));
    b.two(
      `to-${u}-exact`,
      F('exact powers'),
      { argv: [`--to=${u}`, '1000', '1024', '1000000', '1048576', '0'] },
      {
        argv: [`--to=${u}`, '1099511627776', '1000000000000', '1073741824', '999', '1023'],
      },
    );
    b.two(
      `to-${u}-huge`,
      F('values past Y'),
      { argv: [`--to=${u}`, '1000000000000000'] },
      {
        argv: [`--to=${u}`, '999999999999999'],
      },
    );
  }
  b.two(
    'to-auto-error',
    '--to: auto is for input only',
    { argv: ['--to=auto', '100'] },
    { argv: ['--to', 'auto', '5'] },
  );
  b.two('to-none', '--to=none', { argv: ['--to=none', '1234', '5.5'] }, { argv: ['--to', 'none', '99999'] });
  b.two('to-bad', '--to: unknown unit', { argv: ['--to=SI', '1000'] }, { argv: ['--to=kb', '1000'] });
  b.two('to-missing', '--to without a value', { argv: ['--to'] }, { argv: ['5', '--to'] });
}

function addFrom(b: SuiteBuilder): void {
  const units = ['si', 'iec', 'iec-i', 'auto'] as const;
  for (const u of units) {
    const F = (d: string) => `--from=${u}: ${d}`;
    b.pair(`from-${u}`, F('suffixed numbers'), (p) => ({
      argv: [`--from=${u}`, ...Array.from({ length: 6 }, () => human(p, u))],
    }));
    b.pair(`from-${u}-plain`, F('numbers without a suffix'), (p) => ({
      argv: [`--from=${u}`, anyInt(p, 10), decimal(p, 3, 2, true), '0'],
    }));
    b.pair(`from-${u}-to-si`, F('then --to=si'), (p) => ({
      argv: [`--from=${u}`, '--to=si', ...Array.from({ length: 5 }, () => human(p, u, false))],
    }));
    b.pair(`from-${u}-to-iec`, F('then --to=iec'), (p) => ({
      argv: [`--from=${u}`, '--to=iec', ...Array.from({ length: 5 }, () => human(p, u, false))],
    }));
    b.pair(`from-${u}-stdin`, F('stdin'), (p) => ({
      argv: [`--from=${u}`],
      stdin: lines(Array.from({ length: 8 }, () => human(p, u))),
    }));
  }
  const E = (d: string) => `--from: ${d}`;
  b.two('from-si-with-i', E('iec-i suffix under si'), { argv: ['--from=si', '1Ki'] }, { argv: ['--from=si', '5Mi'] });
  b.two(
    'from-iec-i-without-i',
    E('plain suffix under iec-i'),
    { argv: ['--from=iec-i', '1K'] },
    {
      argv: ['--from=iec-i', '3G'],
    },
  );
  b.two('from-none-suffix', E('a suffix without --from'), { argv: ['1K'] }, { argv: ['2.5M'] });
  b.two('from-bad-suffix', E('unknown suffix letter'), { argv: ['--from=si', '1X'] }, { argv: ['--from=auto', '7Q'] });
  b.two('from-lowercase', E('lower-case suffix'), { argv: ['--from=si', '1k'] }, { argv: ['--from=iec', '4m'] });
  b.two('from-trailing', E('junk after the suffix'), { argv: ['--from=si', '1Kx'] }, { argv: ['--from=auto', '2Mib'] });
  b.two(
    'from-big-to',
    E('Z and Y inputs, scaled back'),
    { argv: ['--from=si', '--to=si', '1Z', '2.5Y', '999E'] },
    {
      argv: ['--from=iec', '--to=iec-i', '1Y', '3Z', '12E'],
    },
  );
  b.two('from-big-none', E('E input printed unscaled'), { argv: ['--from=si', '1E'] }, { argv: ['--from=si', '0.5E'] });
  b.two(
    'from-too-large',
    E('unscaled result too large'),
    { argv: ['--from=si', '10000000000Y'] },
    {
      argv: ['--from=iec', '--format=%.1f', '999999999Y'],
    },
  );
  b.two('from-bad', E('unknown unit'), { argv: ['--from=foo', '1'] }, { argv: ['--from=IEC', '1'] });
  b.two('from-exponent', E('exponents are not accepted'), { argv: ['--from=si', '1e3'] }, { argv: ['2E5'] });
}

function addUnits(b: SuiteBuilder): void {
  const F = (d: string) => `unit sizes: ${d}`;
  b.pair('from-unit', F('--from-unit=N'), (p) => ({
    argv: [`--from-unit=${p.pick(['512', '1024', '4096', '1000', '8'])}`, anyInt(p, 8), anyInt(p, 6)],
  }));
  b.pair('to-unit', F('--to-unit=N'), (p) => ({
    argv: [`--to-unit=${p.pick(['1000', '1024', '512', '10'])}`, anyInt(p, 12), anyInt(p, 9)],
  }));
  b.pair('from-unit-to-si', F('--from-unit with --to=si'), (p) => ({
    argv: [`--from-unit=${p.pick(['512', '1024', '4096'])}`, '--to=si', anyInt(p, 9), anyInt(p, 9)],
  }));
  b.pair('to-unit-to-iec', F('--to-unit with --to=iec'), (p) => ({
    argv: [`--to-unit=${p.pick(['1000', '1024', '8'])}`, '--to=iec', anyInt(p, 12), anyInt(p, 12)],
  }));
  b.two(
    'unit-suffixed',
    F('unit sizes with suffixes'),
    { argv: ['--from-unit=1K', '--to-unit=1M', '123456'] },
    {
      argv: ['--from-unit=2Ki', '--to=si', '3000'],
    },
  );
  b.two(
    'unit-with-from',
    F('--from-unit with --from'),
    { argv: ['--from=si', '--from-unit=512', '2K'] },
    {
      argv: ['--from=iec', '--to-unit=1000', '5M'],
    },
  );
  b.two('unit-zero', F('zero unit size'), { argv: ['--from-unit=0', '5'] }, { argv: ['--to-unit=0', '5'] });
  b.two('unit-bad', F('unit size not a number'), { argv: ['--from-unit=abc', '5'] }, { argv: ['--to-unit=1.5', '5'] });
  b.two('unit-negative', F('negative unit size'), { argv: ['--from-unit=-2', '5'] }, { argv: ['--to-unit=-1', '5'] });
  b.two(
    'unit-rounding',
    F('--to-unit rounds the result'),
    { argv: ['--to-unit=3', '10', '11', '12'] },
    {
      argv: ['--to-unit=7', '--round=down', '20', '50', '69'],
    },
  );
}

const ROUNDS = ['up', 'down', 'from-zero', 'towards-zero', 'nearest'] as const;

function addRound(b: SuiteBuilder): void {
  for (const r of ROUNDS) {
    const F = (d: string) => `--round=${r}: ${d}`;
    b.pair(`round-${r}-si`, F('--to=si'), (p) => ({
      argv: [`--round=${r}`, '--to=si', '--', ...Array.from({ length: 8 }, () => maybeNeg(p, boundary(p)))],
    }));
    b.pair(`round-${r}-iec`, F('--to=iec'), (p) => ({
      argv: [`--round=${r}`, '--to=iec', '--', ...Array.from({ length: 8 }, () => maybeNeg(p, boundary(p)))],
    }));
    b.pair(`round-${r}-unit`, F('--to-unit'), (p) => ({
      argv: [`--round=${r}`, '--to-unit=10', '--', ...Array.from({ length: 6 }, () => maybeNeg(p, anyInt(p, 5), 2))],
    }));
    b.pair(
      `round-${r}-decimals`,
      F('decimal inputs'),
      (p) => ({
        argv: [
          `--round=${r}`,
          '--to=si',
          '--',
          ...Array.from({ length: 6 }, () => maybeNeg(p, decimal(p, p.int(4, 8), 2))),
        ],
      }),
      r !== 'down',
    );
  }
  b.two('round-bad', '--round: unknown method', { argv: ['--round=half', '1'] }, { argv: ['--round=UP', '1'] });
  b.two(
    'round-abbrev',
    '--round: abbreviated method',
    { argv: ['--round=n', '--to=si', '1550'] },
    {
      argv: ['--round=towards', '--to=si', '1999'],
    },
  );
  b.vis('round-ambiguous', '--round: abbreviated method', { argv: ['--round=to', '1'] });
}

function addPadding(b: SuiteBuilder): void {
  const F = (d: string) => `--padding: ${d}`;
  b.pair('pad-right', F('positive width right-aligns'), (p) => ({
    argv: [`--padding=${p.int(5, 15)}`, anyInt(p, 4), anyInt(p, 6)],
  }));
  b.pair('pad-left', F('negative width left-aligns'), (p) => ({
    argv: [`--padding=-${p.int(5, 15)}`, anyInt(p, 4), anyInt(p, 6)],
  }));
  b.pair('pad-narrow', F('width smaller than the number'), (p) => ({
    argv: [`--padding=${p.int(1, 3)}`, '--to=si', anyInt(p, 10)],
  }));
  b.pair('pad-to-si', F('with --to=si on stdin'), (p) => ({
    argv: [`--padding=${p.pick(['8', '-8', '12', '-6'])}`, '--to=si'],
    stdin: lines(Array.from({ length: 6 }, () => anyInt(p, 12))),
  }));
  b.pair('pad-auto', F('automatic padding from the input field width'), (p) => ({
    argv: ['--to=iec'],
    stdin: lines(Array.from({ length: 6 }, () => ' '.repeat(p.int(0, 8)) + anyInt(p, 10))),
  }));
  b.pair('pad-auto-fields', F('automatic padding of a later field'), (p) => ({
    argv: ['--to=si', '--field=2'],
    stdin: lines(Array.from({ length: 5 }, () => `item${p.int(1, 99)}${' '.repeat(p.int(1, 10))}${anyInt(p, 11)}`)),
  }));
  b.two('pad-zero', F('zero is invalid'), { argv: ['--padding=0', '1'] }, { argv: ['--padding', '0', '7'] });
  b.two('pad-bad', F('not a number'), { argv: ['--padding=x', '1'] }, { argv: ['--padding=5x', '1'] });
  b.two(
    'pad-suffix',
    F('with --suffix'),
    { argv: ['--padding=10', '--suffix=B', '--to=si', '5000'] },
    {
      argv: ['--padding=-10', '--suffix=/s', '--to=iec', '3000000'],
    },
  );
}

function addGrouping(b: SuiteBuilder): void {
  const F = (d: string) => `--grouping: ${d}`;
  b.pair('group-c-locale', F('no separator in the C locale'), (p) => ({
    argv: ['--grouping', anyInt(p, 12), decimal(p, 7, 2, true)],
  }));
  b.two(
    'group-with-to',
    F('cannot be combined with --to'),
    { argv: ['--grouping', '--to=si', '1000'] },
    {
      argv: ['--to=iec', '--grouping', '1000'],
    },
  );
  b.two(
    'group-format-quote',
    F("%'f in --format"),
    { argv: ["--format=%'f", '1234567'] },
    {
      argv: ["--format=%'10.2f", '7654321.5'],
    },
  );
  b.two(
    'group-from',
    F('with --from=si'),
    { argv: ['--grouping', '--from=si', '12M'] },
    {
      argv: ['--grouping', '--from=iec', '3G'],
    },
  );
}

function addSuffix(b: SuiteBuilder): void {
  const F = (d: string) => `--suffix: ${d}`;
  b.pair('suffix-out', F('appended to output'), (p) => ({
    argv: [`--suffix=${p.pick(['B', 'b/s', ' bytes', 'X'])}`, '--to=si', anyInt(p, 9), anyInt(p, 5)],
  }));
  b.pair('suffix-in', F('accepted on input'), (p) => {
    const s = p.pick(['B', 'iB', '/s']);
    return { argv: [`--suffix=${s}`, '--from=si', `${anyInt(p, 3)}K${s}`, `${anyInt(p, 4)}${s}`, anyInt(p, 3)] };
  });
  b.two('suffix-no-conversion', F('without --to'), { argv: ['--suffix=%', '42'] }, { argv: ['--suffix=kg', '3.5'] });
  b.two(
    'suffix-mismatch',
    F('a different suffix on input'),
    { argv: ['--suffix=B', '--from=si', '5KX'] },
    {
      argv: ['--suffix=B', '7b'],
    },
  );
  b.two(
    'suffix-empty',
    F('empty suffix'),
    { argv: ['--suffix=', '--to=si', '2000'] },
    {
      argv: ['--suffix=', '--from=iec', '2K'],
    },
  );
}

function table(p: Prng, rows: number, cols: number, sep: string, header = false): string {
  const out: string[] = [];
  if (header) out.push(Array.from({ length: cols }, (_, i) => `col${i + 1}`).join(sep));
  for (let r = 0; r < rows; r++) out.push(Array.from({ length: cols }, () => anyInt(p, 10)).join(sep));
  return lines(out);
}

function addFields(b: SuiteBuilder): void {
  const F = (d: string) => `--field: ${d}`;
  const specs: [string, string][] = [
    ['field-single', '2'],
    ['field-list', '1,3'],
    ['field-open-end', '2-'],
    ['field-open-start', '-2'],
    ['field-range', '2-3'],
    ['field-all', '-'],
    ['field-mixed', '1,3-4'],
    ['field-beyond', '6'],
  ];
  for (const [id, spec] of specs) {
    b.pair(id, F(spec), (p) => ({ argv: ['--to=si', `--field=${spec}`], stdin: table(p, 4, 4, ' ') }));
  }
  b.pair('field-tabs', F('tab-separated input'), (p) => ({
    argv: ['--to=iec', '--field=2'],
    stdin: table(p, 4, 3, '\t'),
  }));
  b.pair('field-space-runs', F('runs of blanks between fields'), (p) => ({
    argv: ['--to=si', '--field=2,3'],
    stdin: lines(Array.from({ length: 4 }, () => `  ${anyInt(p, 6)}   ${anyInt(p, 9)}\t \t${anyInt(p, 8)}  `)),
  }));
  b.pair('field-text', F('text fields are left alone'), (p) => ({
    argv: ['--to=si', '--field=3'],
    stdin: lines(Array.from({ length: 4 }, (_, i) => `-rw-r--r-- file${i}.txt ${anyInt(p, 11)} Jan`)),
  }));
  b.two('field-zero', F('field 0'), { argv: ['--field=0', '1'] }, { argv: ['--field=0-2', '1'] });
  b.two('field-bad', F('malformed list'), { argv: ['--field=a', '1'] }, { argv: ['--field=1,,2', '1'] });
  b.two('field-decreasing', F('decreasing range'), { argv: ['--field=3-1', '1'] }, { argv: ['--field=5-2', '1'] });
  b.two(
    'field-args',
    F('--field applies to arguments too'),
    { argv: ['--field=2', '--to=si', '1000 2000 3000'] },
    {
      argv: ['--field=1', '--to=iec', '4096 8192'],
    },
  );
  b.two(
    'field-dash-dash',
    F('open range both sides'),
    { argv: ['--field=-', '--from=si'], stdin: '1K 2K\n3M 4M\n' },
    {
      argv: ['--field=-', '--from=iec'],
      stdin: '1K 2K 5K\n3M\n',
    },
  );
}

function addDelimiter(b: SuiteBuilder): void {
  const F = (d: string) => `--delimiter: ${d}`;
  b.pair('delim-comma', F('comma'), (p) => ({ argv: ['-d,', '--field=2', '--to=si'], stdin: table(p, 4, 3, ',') }));
  b.pair('delim-colon-long', F('--delimiter=:'), (p) => ({
    argv: ['--delimiter=:', '--field=1,3', '--to=iec'],
    stdin: table(p, 4, 3, ':'),
  }));
  b.pair('delim-space', F('explicit space keeps empty fields'), (p) => ({
    argv: ['-d', ' ', '--field=2', '--to=si'],
    stdin: lines(Array.from({ length: 3 }, () => `a  ${anyInt(p, 8)} ${anyInt(p, 8)}`)),
  }));
  b.pair('delim-tab-fields', F('tab with a range'), (p) => ({
    argv: ['-d', '\t', '--field=2-', '--from=si'],
    stdin: lines(Array.from({ length: 3 }, () => `x\t${human(p, 'si')}\t${human(p, 'si')}`)),
  }));
  b.two('delim-multi', F('more than one character'), { argv: ['-d', '::', '1'] }, { argv: ['--delimiter=ab', '1'] });
  b.two('delim-empty', F('empty delimiter'), { argv: ['-d', '', '1'] }, { argv: ['--delimiter=', '5'] });
  b.two(
    'delim-no-pad',
    F('no automatic padding with a delimiter'),
    { argv: ['-d,', '--to=si'], stdin: '   5000,x\n' },
    {
      argv: ['-d;', '--to=iec'],
      stdin: '  4096;y\n',
    },
  );
}

function addHeader(b: SuiteBuilder): void {
  const F = (d: string) => `--header: ${d}`;
  b.pair('header-one', F('one header line'), (p) => ({
    argv: ['--header', '--to=si', '--field=2'],
    stdin: table(p, 3, 2, ' ', true),
  }));
  b.pair('header-n', F('--header=N'), (p) => ({
    argv: [`--header=${p.int(2, 3)}`, '--to=iec'],
    stdin: lines(['size', 'bytes', 'raw', ...Array.from({ length: 3 }, () => anyInt(p, 9))]),
  }));
  b.two(
    'header-more-than-input',
    F('more header lines than input'),
    { argv: ['--header=5', '--to=si'], stdin: '1000\n2000\n' },
    {
      argv: ['--header=9', '--from=si'],
      stdin: '1K\n',
    },
  );
  b.two(
    'header-zero',
    F('--header=0'),
    { argv: ['--header=0'], stdin: '1\n' },
    { argv: ['--header=-1'], stdin: '1\n' },
  );
  b.two(
    'header-bad',
    F('not a number'),
    { argv: ['--header=x'], stdin: '1\n' },
    { argv: ['--header=1x'], stdin: '1\n' },
  );
  b.two(
    'header-args',
    F('with numbers as arguments'),
    { argv: ['--header', '--to=si', '1000', '2000'] },
    {
      argv: ['--header=2', '--to=iec', '1024', '2048', '4096'],
    },
  );
}

function addInvalid(b: SuiteBuilder): void {
  const modes = ['abort', 'fail', 'warn', 'ignore'] as const;
  const bad = ['abc', '12x', '1.2.3', '--5', '', ' ', '1K', '0x10', '+5', '1,000'];
  for (const m of modes) {
    const F = (d: string) => `--invalid=${m}: ${d}`;
    b.pair(`invalid-${m}-args`, F('bad arguments among good ones'), (p) => ({
      argv: [`--invalid=${m}`, '--to=si', anyInt(p, 7), p.pick(bad), anyInt(p, 9), p.pick(bad)],
    }));
    b.pair(`invalid-${m}-stdin`, F('bad lines on stdin'), (p) => ({
      argv: [`--invalid=${m}`, '--from=si'],
      stdin: lines([human(p, 'si'), p.pick(bad), human(p, 'si'), p.pick(['7Z', 'nope', '1Ki', '5 5']), anyInt(p, 5)]),
    }));
    b.pair(`invalid-${m}-fields`, F('bad field in a table'), (p) => ({
      argv: [`--invalid=${m}`, '--to=iec', '--field=2'],
      stdin: lines([`a ${anyInt(p, 8)}`, `b ${p.pick(bad.filter((s) => s.trim() !== ''))}`, `c ${anyInt(p, 8)}`]),
    }));
    b.two(
      `invalid-${m}-too-large`,
      F('value too large to print'),
      { argv: [`--invalid=${m}`, '--to=si', '99999999999999999999999999999'] },
      {
        argv: [`--invalid=${m}`, '12345678901234567890123456789', '5'],
      },
    );
  }
  b.two(
    'invalid-bad-mode',
    '--invalid: unknown mode',
    { argv: ['--invalid=skip', '1'] },
    { argv: ['--invalid=', '1'] },
  );
}

function addFormat(b: SuiteBuilder): void {
  const F = (d: string) => `--format: ${d}`;
  const good: [string, string, string][] = [
    ['fmt-plain', '%f', '%f'],
    ['fmt-precision', '%.2f', '%.1f'],
    ['fmt-precision-zero', '%.0f', '%.f'],
    ['fmt-width', '%10f', '%14f'],
    ['fmt-left', '%-10f', '%-12f'],
    ['fmt-zero-pad', '%010f', '%012.2f'],
    ['fmt-text', 'size: %f bytes', '[%f]'],
    ['fmt-percent', '%f%%', '%%%f'],
    ['fmt-width-precision', '%8.3f', '%-9.1f'],
  ];
  for (const [id, v, h] of good) {
    const make = (fmt: string, p: Prng): Input => ({
      argv: [`--format=${fmt}`, anyInt(p, 7), decimal(p, 3, 3, true), '0'],
    });
    b.two(id, F(v), make(v, new Prng(`numfmt/${id}/v`)), make(h, new Prng(`numfmt/${id}/h`)));
  }
  b.pair('fmt-to-si', F('with --to=si'), (p) => ({
    argv: [`--format=${p.pick(['%.3f', '%8.1f', '%-8f', '%f'])}`, '--to=si', anyInt(p, 10), anyInt(p, 7)],
  }));
  b.pair('fmt-to-iec-i', F('with --to=iec-i'), (p) => ({
    argv: [`--format=${p.pick(['%.2f', '%10.0f', '%06.1f'])}`, '--to=iec-i', anyInt(p, 12), anyInt(p, 5)],
  }));
  b.pair('fmt-from', F('with --from=iec'), (p) => ({
    argv: [`--format=${p.pick(['%.1f', '%12f'])}`, '--from=iec', human(p, 'iec'), human(p, 'iec')],
  }));
  b.pair('fmt-negative', F('negative numbers'), (p) => ({
    argv: [`--format=${p.pick(['%.2f', '%-10f', '%010f'])}`, '--', `-${anyInt(p, 6)}`, `-${decimal(p, 2, 2, true)}`],
  }));
  b.pair('fmt-stdin-fields', F('with --field on stdin'), (p) => ({
    argv: ['--format=%.1f', '--field=2', '--from=si'],
    stdin: lines(Array.from({ length: 4 }, () => `n ${human(p, 'si')}`)),
  }));
  const bad: [string, string, string][] = [
    ['fmt-bad-d', '%d', '%s'],
    ['fmt-bad-none', 'abc', ''],
    ['fmt-bad-two', '%f%f', '%f %f'],
    ['fmt-bad-trailing', '%', '%f%'],
    ['fmt-bad-precision', '%.-1f', '%.xf'],
    ['fmt-bad-width', '%99999999999999999999f', '%1.99999999999999999999f'],
    ['fmt-bad-flags', '%+f', '% f'],
    ['fmt-bad-length', '%Lf', '%lf'],
  ];
  for (const [id, v, h] of bad)
    b.two(id, F('invalid format'), { argv: [`--format=${v}`, '1'] }, { argv: [`--format=${h}`, '2'] });
  b.two(
    'fmt-padding-conflict',
    F('--format width with --padding'),
    { argv: ['--format=%10f', '--padding=5', '1'] },
    {
      argv: ['--padding=-4', '--format=%-8f', '2'],
    },
  );
  b.two(
    'fmt-grouping-precision',
    F("%'.2f"),
    { argv: ["--format=%'.2f", '1234.5'] },
    { argv: ["--format=%'-12.1f", '99999.25'] },
  );
}

function addZeroAndStdin(b: SuiteBuilder): void {
  const F = (d: string) => `input: ${d}`;
  b.pair('zero-terminated', F('-z NUL-terminated records'), (p) => ({
    argv: ['-z', '--to=si'],
    stdin: lines(
      Array.from({ length: 5 }, () => anyInt(p, 10)),
      '\0',
    ),
  }));
  b.pair('zero-terminated-long', F('--zero-terminated with fields'), (p) => ({
    argv: ['--zero-terminated', '--from=si', '--field=2'],
    stdin: lines(
      Array.from({ length: 3 }, () => `x ${human(p, 'si')}`),
      '\0',
    ),
  }));
  b.two(
    'zero-newline-in-record',
    F('-z: newlines are field separators'),
    { argv: ['-z', '--to=si'], stdin: '1000\n2000\x003000\0' },
    {
      argv: ['-z', '--to=iec', '--field=2'],
      stdin: '5\n4096\x007 8192\0',
    },
  );
  b.two(
    'zero-args',
    F('-z with arguments'),
    { argv: ['-z', '--to=si', '1000', '2000'] },
    {
      argv: ['-z', '--from=iec', '1K'],
    },
  );
  b.two(
    'stdin-no-final-newline',
    F('last line without a newline'),
    { argv: ['--to=si'], stdin: '1000\n2000' },
    {
      argv: ['--to=iec'],
      stdin: '1024\n4096\n8192',
    },
  );
  b.two('stdin-empty', F('empty stdin'), { argv: ['--to=si'], stdin: '' }, { argv: ['--from=si'] });
  b.two(
    'stdin-blank-lines',
    F('blank lines'),
    { argv: ['--to=si'], stdin: '1000\n\n2000\n' },
    {
      argv: ['--to=iec', '--invalid=ignore'],
      stdin: '\n\n4096\n',
    },
  );
  b.two(
    'stdin-crlf',
    F('CR before the newline'),
    { argv: ['--to=si'], stdin: '1000\r\n' },
    {
      argv: ['--from=si'],
      stdin: '1K\r\n2K\r\n',
    },
  );
  b.two(
    'stdin-ignored-with-args',
    F('stdin is ignored when numbers are given'),
    { argv: ['--to=si', '5000'], stdin: '1000\n' },
    {
      argv: ['--to=iec', '2048'],
      stdin: '9999\n',
    },
  );
  b.two(
    'stdin-leading-spaces',
    F('leading blanks before a number'),
    { argv: ['--to=si'], stdin: '   1500\n\t2500\n' },
    {
      argv: ['--from=iec'],
      stdin: '  \t 3K\n',
    },
  );
  b.two(
    'stdin-trailing-text',
    F('text after the number'),
    { argv: ['--to=si'], stdin: '1500 bytes free\n' },
    {
      argv: ['--from=si', '--to=iec'],
      stdin: '4M used of 10M\n',
    },
  );
  b.two(
    'arg-with-spaces',
    F('an argument with blanks'),
    { argv: ['--to=si', ' 1500'] },
    { argv: ['--to=si', '2500 '] },
  );
  b.two(
    'no-conversion',
    F('plain numbers, no options'),
    { argv: ['12', '3.25', '-7', '0'] },
    {
      argv: ['--', '-0', '00012', '1.50'],
    },
  );
}

function addMisc(b: SuiteBuilder): void {
  const F = (d: string) => `misc: ${d}`;
  b.vis('help', F('--help'), { argv: ['--help'] });
  b.vis('version', F('--version'), { argv: ['--version'] });
  b.vis('help-abbrev', F('--he abbreviation'), { argv: ['--he'] });
  b.two(
    'debug-no-conversion',
    F('--debug without conversion'),
    { argv: ['--debug', '5'] },
    { argv: ['--debug', '7', '8'] },
  );
  b.two(
    'debug-invalid',
    F('--debug with bad input'),
    { argv: ['--debug', '--to=si', 'x'] },
    {
      argv: ['--debug', '--from=si', '--invalid=ignore', 'bad', '2K'],
    },
  );
  b.two(
    'debug-header',
    F('--debug with --header on arguments'),
    { argv: ['--debug', '--header', '--to=si', '1'] },
    {
      argv: ['--debug', '--header=2', '--from=si', '2K'],
    },
  );
  b.two(
    'debug-overflow',
    F('--debug with a number of more than 27 digits'),
    {
      argv: ['--debug', '--to=si', '1234567890123456789012345678'],
    },
    {
      argv: ['--debug', '--to=iec', '98765432109876543210987654321'],
    },
  );
  b.two('unknown-option', F('unknown option'), { argv: ['--foo', '1'] }, { argv: ['-x', '1'] });
  b.two('negative-as-option', F('a negative number without --'), { argv: ['-5'] }, { argv: ['--to=si', '-1000'] });
  b.two('ambiguous-option', F('ambiguous long option'), { argv: ['--t=si', '1'] }, { argv: ['--fr=si', '1'] });
  b.two(
    'option-abbrev',
    F('abbreviated long options'),
    { argv: ['--to=si', '--pad=8', '1500'] },
    {
      argv: ['--from=si', '--gro', '2K'],
    },
  );
  b.two(
    'flag-with-value',
    F('--flag=value on a flag'),
    { argv: ['--grouping=yes', '1'] },
    { argv: ['--zero-terminated=1', '1'] },
  );
  b.two('permuted', F('options after numbers'), { argv: ['1500', '--to=si'] }, { argv: ['3K', '4K', '--from=si'] });
  b.two(
    'repeated-option',
    F('last --to wins'),
    { argv: ['--to=si', '--to=iec', '2048'] },
    {
      argv: ['--from=iec', '--from=si', '1K'],
    },
  );
  b.two(
    'decimal-point',
    F('decimals keep their precision'),
    { argv: ['1.000', '2.50', '.5', '5.'] },
    {
      argv: ['0.125', '10.50', '.25'],
    },
  );
  b.two(
    'decimal-to-si',
    F('decimals with --to=si'),
    { argv: ['--to=si', '1499.99', '0.5', '999.5'] },
    {
      argv: ['--to=si', '1000.01', '9999.9', '0.04'],
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded combinations
// ---------------------------------------------------------------------------------------------------------------

function addCombos(b: SuiteBuilder): void {
  const combo = (p: Prng, r: Prng): Input => {
    const from = r.pick(['', '', 'si', 'iec', 'iec-i', 'auto']);
    const to = r.pick(['', 'si', 'si', 'iec', 'iec-i']);
    const argv: string[] = [];
    if (from) argv.push(`--from=${from}`);
    if (to) argv.push(`--to=${to}`);
    if (r.int(0, 2) === 0) argv.push(`--round=${r.pick(ROUNDS)}`);
    if (r.int(0, 3) === 0) argv.push(`--padding=${r.pick(['7', '-7', '12', '-12'])}`);
    if (r.int(0, 3) === 0) argv.push(`--suffix=${r.pick(['B', '/s'])}`);
    if (!to && r.int(0, 3) === 0) argv.push('--grouping');
    if (r.int(0, 3) === 0) argv.push(`--format=${r.pick(['%.1f', '%.2f', '%9f', '%-9.1f', '%08.3f'])}`);
    if ((!from || to) && r.int(0, 5) === 0) argv.push(`--from-unit=${r.pick(['512', '1024', '1000'])}`);
    if (to && r.int(0, 5) === 0) argv.push(`--to-unit=${r.pick(['1000', '1024'])}`);
    const n = r.int(2, 6);
    const num = (): string => {
      if (from) return p.int(0, 2) === 0 ? anyInt(p, 6) : human(p, from as 'si' | 'iec' | 'iec-i' | 'auto', !to);
      return p.int(0, 3) === 0 ? decimal(p, p.int(1, 8), p.int(1, 3), !to) : anyInt(p, to ? 14 : 11);
    };
    const nums = Array.from({ length: n }, num);
    if (argv.some((a) => a.startsWith('--suffix='))) {
      const s = (argv.find((a) => a.startsWith('--suffix=')) as string).slice(9);
      nums[0] = `${nums[0] as string}${s}`;
    }
    if (r.int(0, 2) === 0) {
      const fields = r.int(0, 1) === 0;
      if (fields) argv.push('--field=2');
      return {
        argv,
        stdin: lines(nums.map((x, i) => (fields ? `row${i}${' '.repeat(r.int(1, 4))}${x}` : x))),
      };
    }
    return { argv: [...argv, '--', ...nums] };
  };
  for (let i = 0; i < 150; i++) {
    const id = `combo-${String(i).padStart(3, '0')}`;
    const shapeSeed = `numfmt/combo/shape/${i}`;
    const v = combo(new Prng(`numfmt/${id}/v`), new Prng(shapeSeed));
    const opts = v.argv.filter((a) => a.startsWith('--') && a !== '--').map((a) => a.split('=')[0]);
    b.vis(id, `combination: ${opts.join(' ') || 'no options'}`, v);
    if (i % 5 === 0) b.hid(id, combo(new Prng(`numfmt/${id}/h`), new Prng(shapeSeed)));
  }
}

export function suite(): TestSuite {
  const b = new SuiteBuilder({ target: 'numfmt', noDual: (id) => NO_DUAL.test(id) });
  addTo(b);
  addFrom(b);
  addUnits(b);
  addRound(b);
  addPadding(b);
  addGrouping(b);
  addSuffix(b);
  addFields(b);
  addDelimiter(b);
  addHeader(b);
  addInvalid(b);
  addFormat(b);
  addZeroAndStdin(b);
  addMisc(b);
  addCombos(b);
  return { visible: b.visible, hidden: b.hidden };
}
