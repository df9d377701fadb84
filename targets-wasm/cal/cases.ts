/**
 * Test-suite generator for `cal` (util-linux 2.38.1).
 *
 * Deterministic: every random value comes from a `Prng` seeded with a fixed string, so `suite()` returns the same
 * cases on every call. Every case carries a `feature` label; every hidden case is the dual (`dualOf`) of a visible
 * case exercising the same feature with other values.
 *
 * Behaviour notes that shaped the cases (all checked against a native build of the same source):
 * - cal reads the clock whenever no year is given (no arguments, a month name alone, a relative timestamp such as
 *   `yesterday` or `+3days`): such cases set `clock`, and the fidelity tests run the native program under libfaketime
 *   at that instant. Time is UTC.
 * - Today is never highlighted: stdout is a pipe, so colours are off, and with colours off cal also drops the day
 *   highlight. `--color=always` only switches to terminal standout mode, which needs TERM (unset in the contract):
 *   the output is the same plain text.
 * - `-w` takes an optional argument, so `-w 5` is week numbers plus a positional 5; `--week=5` / `-w5` select week 5.
 * - `-y`, `-Y` and `-n` are mutually exclusive; years 1 to 2147483646 are accepted (no upper limit at 9999).
 * - One non-numeric argument is a timestamp (`@1700000000`, `2024-02-29`, `now`, `tomorrow`, `-2weeks`) or else a
 *   month name (full or three-letter, any case) of the current year.
 * - The traditional 1752 reform drops 3–13 September 1752; `--reform=julian` never drops days, `gregorian`/`iso`
 *   always use Gregorian leap years (ISO also implies ISO week numbers with `-m`).
 */
import type { TestSuite } from '../../src/core/test-case.ts';
import { Prng } from '../../src/core/prng.ts';
import { SuiteBuilder, type CaseInput } from '../../src/core/suite-builder.ts';

type Input = CaseInput;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** An instant as an ISO string, from its parts (UTC). */
function instant(y: number, m: number, d: number, hh = 12, mm = 0, ss = 0): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${p2(m)}-${p2(d)}T${p2(hh)}:${p2(mm)}:${p2(ss)}Z`;
}

function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** A random instant between 1971 and 2099 (what libfaketime and the WASI clock both handle). */
function randomClock(p: Prng): string {
  const y = p.int(1971, 2099);
  const m = p.int(1, 12);
  return instant(y, m, p.int(1, daysIn(y, m)), p.int(0, 23), p.int(0, 59), p.int(0, 59));
}

/** Years spread over the interesting ranges. */
function randomYear(p: Prng): number {
  switch (p.int(0, 7)) {
    case 0:
      return p.int(1, 99);
    case 1:
      return p.int(1740, 1760);
    case 2:
      return p.int(1580, 1600);
    case 3:
      return p.int(1, 9999);
    case 4:
      return p.int(9990, 9999);
    default:
      return p.int(1900, 2100);
  }
}

function monthName(p: Prng, m: number): string {
  const full = MONTHS[m - 1] as string;
  const name = p.int(0, 1) === 0 ? full : full.slice(0, 3);
  switch (p.int(0, 2)) {
    case 0:
      return name.toLowerCase();
    case 1:
      return name.toUpperCase();
    default:
      return name;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Hand-picked groups
// ---------------------------------------------------------------------------------------------------------------

function addCurrent(b: SuiteBuilder): void {
  const F = (d: string) => `current date: ${d}`;
  b.two(
    'now-default',
    F('no arguments'),
    { argv: [], clock: '2026-01-01T00:00:00Z' },
    {
      argv: [],
      clock: '2031-07-19T08:30:00Z',
    },
  );
  b.two(
    'now-leap-feb',
    F('no arguments in a leap February'),
    { argv: [], clock: '2024-02-29T23:59:59Z' },
    {
      argv: [],
      clock: '2028-02-10T05:00:00Z',
    },
  );
  b.two(
    'now-year-end',
    F('no arguments on 31 December'),
    { argv: [], clock: '2025-12-31T23:59:58Z' },
    {
      argv: [],
      clock: '1999-12-31T12:00:00Z',
    },
  );
  b.pair('now-random', F('no arguments, random instant'), (p) => ({ argv: [], clock: randomClock(p) }));
  b.pair('now-random-2', F('no arguments, random instant'), (p) => ({ argv: [], clock: randomClock(p) }));
  b.two(
    'now-three',
    F('-3 around today'),
    { argv: ['-3'], clock: '2026-01-15T10:00:00Z' },
    {
      argv: ['-3'],
      clock: '2030-12-03T10:00:00Z',
    },
  );
  b.two(
    'now-one',
    F('-1 today'),
    { argv: ['-1'], clock: '2026-05-05T00:00:00Z' },
    {
      argv: ['--one'],
      clock: '2027-09-09T00:00:00Z',
    },
  );
  b.two(
    'now-year',
    F('-y this year'),
    { argv: ['-y'], clock: '2026-03-01T00:00:00Z' },
    {
      argv: ['--year'],
      clock: '2032-11-30T00:00:00Z',
    },
  );
  b.two(
    'now-twelve',
    F('-Y from this month'),
    { argv: ['-Y'], clock: '2026-08-20T00:00:00Z' },
    {
      argv: ['--twelve'],
      clock: '2041-02-01T00:00:00Z',
    },
  );
  b.two(
    'now-julian',
    F('-j this month'),
    { argv: ['-j'], clock: '2026-10-10T00:00:00Z' },
    {
      argv: ['--julian'],
      clock: '2036-02-29T00:00:00Z',
    },
  );
  b.two(
    'now-week',
    F('-w this month'),
    { argv: ['-w'], clock: '2026-01-01T00:00:00Z' },
    {
      argv: ['--week'],
      clock: '2027-01-01T00:00:00Z',
    },
  );
  b.two(
    'now-monday',
    F('-m this month'),
    { argv: ['-m'], clock: '2026-06-01T00:00:00Z' },
    {
      argv: ['--monday'],
      clock: '2029-04-15T00:00:00Z',
    },
  );
  b.two(
    'now-vertical',
    F('-v this month'),
    { argv: ['-v'], clock: '2026-02-14T00:00:00Z' },
    {
      argv: ['--vertical'],
      clock: '2033-05-31T00:00:00Z',
    },
  );
  b.two(
    'now-months',
    F('-n 5 from this month'),
    { argv: ['-n', '5'], clock: '2026-11-11T00:00:00Z' },
    {
      argv: ['--months=7'],
      clock: '2045-09-01T00:00:00Z',
    },
  );
  b.two(
    'now-span',
    F('-S -n 4 spanning today'),
    { argv: ['-S', '-n', '4'], clock: '2026-04-04T00:00:00Z' },
    {
      argv: ['--span', '-n', '6'],
      clock: '2038-01-19T03:14:07Z',
    },
  );
  b.two(
    'now-week-number',
    F('--week=N of this year'),
    { argv: ['--week=10'], clock: '2026-07-01T00:00:00Z' },
    { argv: ['-w33'], clock: '2034-03-03T00:00:00Z' },
  );
  b.two(
    'now-iso-week',
    F('--iso --week=1 of this year'),
    { argv: ['--iso', '-m', '--week=1'], clock: '2026-07-01T00:00:00Z' },
    { argv: ['--iso', '-m', '--week=53'], clock: '2026-07-01T00:00:00Z' },
  );
  b.vis('now-color-always', F('--color=always without a terminal'), {
    argv: ['--color=always'],
    clock: '2026-01-01T00:00:00Z',
  });
  b.two(
    'now-color-never',
    F('--color=never'),
    { argv: ['--color=never', '-3'], clock: '2026-03-03T00:00:00Z' },
    {
      argv: ['--color=auto', '-w'],
      clock: '2026-09-03T00:00:00Z',
    },
  );
  b.vis('now-color-bare', F('--color with no value'), { argv: ['--color', '-y'], clock: '2026-01-01T00:00:00Z' });
}

function addMonthNames(b: SuiteBuilder): void {
  const F = (d: string) => `month name: ${d}`;
  for (let m = 1; m <= 12; m++) {
    const full = MONTHS[m - 1] as string;
    const id = `name-${full.toLowerCase()}`;
    const clock = instant(2020 + m, ((m * 5) % 12) + 1, 10);
    const v = { argv: [m % 2 ? full.toLowerCase() : full], clock };
    if (m % 3 === 0) b.vis(id, F('full name, current year'), v);
    else
      b.two(id, F('full name, current year'), v, {
        argv: [full.slice(0, 3).toUpperCase()],
        clock: instant(2050 - m, m, 1),
      });
  }
  b.two(
    'name-abbr',
    F('three-letter name'),
    { argv: ['sep'], clock: '2026-01-01T00:00:00Z' },
    {
      argv: ['Dec'],
      clock: '2027-06-06T00:00:00Z',
    },
  );
  b.two(
    'name-mixed-case',
    F('mixed case'),
    { argv: ['fEbRuArY'], clock: '2028-05-05T00:00:00Z' },
    {
      argv: ['nOV'],
      clock: '2029-05-05T00:00:00Z',
    },
  );
  b.two('name-with-year', F('name then year'), { argv: ['march', '2024'] }, { argv: ['OCT', '1066'] });
  b.two('name-with-day-year', F('day, name, year'), { argv: ['29', 'feb', '2024'] }, { argv: ['1', 'August', '1914'] });
  b.two(
    'name-with-options',
    F('name with -j -m'),
    { argv: ['-j', '-m', 'june'], clock: '2026-01-01T00:00:00Z' },
    {
      argv: ['-w', '-s', 'jul'],
      clock: '2026-01-01T00:00:00Z',
    },
  );
  b.two(
    'name-unknown',
    F('unknown name alone'),
    { argv: ['smarch'], clock: '2026-01-01T00:00:00Z' },
    {
      argv: ['janu'],
      clock: '2026-01-01T00:00:00Z',
    },
  );
  b.two(
    'name-unknown-with-year',
    F('unknown name with a year'),
    { argv: ['sept', '2024'] },
    {
      argv: ['juni', '1999'],
    },
  );
  b.two(
    'name-prefix-space',
    F('name with a space'),
    { argv: [' may'], clock: '2026-01-01T00:00:00Z' },
    {
      argv: ['may ', '2020'],
    },
  );
  b.vis('name-empty', F('empty argument'), { argv: [''], clock: '2026-01-01T00:00:00Z' });
}

function addTimestamps(b: SuiteBuilder): void {
  const F = (d: string) => `timestamp: ${d}`;
  b.two('ts-epoch', F('@seconds is not a timestamp here'), { argv: ['@1700000000'] }, { argv: ['@0'] });
  b.two(
    'ts-epoch-large',
    F('@seconds is not a timestamp here (large)'),
    { argv: ['@4102444800'] },
    { argv: ['@253402300799'] },
  );
  b.two('ts-date', F('YYYY-MM-DD'), { argv: ['2024-02-29'] }, { argv: ['1999-12-31'] });
  b.two('ts-date-time', F('YYYY-MM-DD hh:mm:ss'), { argv: ['2021-03-04 05:06:07'] }, { argv: ['2010-10-10 23:59:59'] });
  b.two(
    'ts-iso-t',
    F('YYYY-MM-DDThh:mm is not accepted'),
    { argv: ['2030-06-15T12:00'] },
    { argv: ['2001-09-11T08:46'] },
  );
  b.two(
    'ts-now',
    F('now'),
    { argv: ['now'], clock: '2026-06-30T23:00:00Z' },
    { argv: ['now'], clock: '2040-01-31T01:00:00Z' },
  );
  b.two(
    'ts-today',
    F('today'),
    { argv: ['today'], clock: '2026-02-01T00:00:00Z' },
    {
      argv: ['today'],
      clock: '2037-08-08T00:00:00Z',
    },
  );
  b.two(
    'ts-yesterday',
    F('yesterday crosses a month'),
    { argv: ['yesterday'], clock: '2026-03-01T06:00:00Z' },
    {
      argv: ['yesterday'],
      clock: '2027-01-01T00:30:00Z',
    },
  );
  b.two(
    'ts-tomorrow',
    F('tomorrow crosses a year'),
    { argv: ['tomorrow'], clock: '2026-12-31T18:00:00Z' },
    {
      argv: ['tomorrow'],
      clock: '2028-02-28T18:00:00Z',
    },
  );
  b.two(
    'ts-relative-plus',
    F('+N days'),
    { argv: ['+40days'], clock: '2026-01-01T00:00:00Z' },
    {
      argv: ['+3 weeks'],
      clock: '2026-12-20T00:00:00Z',
    },
  );
  b.two(
    'ts-relative-minus',
    F('-N units'),
    { argv: ['--', '-2months'], clock: '2026-01-15T00:00:00Z' },
    {
      argv: ['--', '-400d'],
      clock: '2031-01-15T00:00:00Z',
    },
  );
  b.two(
    'ts-relative-ago',
    F('N units ago'),
    { argv: ['5 days ago'], clock: '2026-03-02T00:00:00Z' },
    {
      argv: ['1 year ago'],
      clock: '2029-02-28T00:00:00Z',
    },
  );
  b.two(
    'ts-with-options',
    F('timestamp with -3 -j'),
    { argv: ['-3', '-j', '2024-01-31'] },
    {
      argv: ['-y', '-m', '@1000000000'],
    },
  );
  b.two(
    'ts-bad',
    F('unparsable timestamp'),
    { argv: ['2024-13-01'] },
    { argv: ['tomorrowish'], clock: '2026-01-01T00:00:00Z' },
  );
  b.two('ts-bad-at', F('@ with garbage'), { argv: ['@12x'] }, { argv: ['@'] });
}

function addNumeric(b: SuiteBuilder): void {
  const F = (d: string) => `numeric date: ${d}`;
  b.two('num-year-1', F('year 1'), { argv: ['1'] }, { argv: ['2'] });
  b.two('num-year-9999', F('year 9999'), { argv: ['9999'] }, { argv: ['9998'] });
  b.two('num-year-10000', F('year 10000 and beyond'), { argv: ['10000'] }, { argv: ['123456'] });
  b.two('num-year-huge', F('largest accepted year'), { argv: ['12', '2147483646'] }, { argv: ['1', '2147483646'] });
  b.two('num-jan-1', F('January of year 1'), { argv: ['1', '1'] }, { argv: ['12', '1'] });
  b.two('num-dec-9999', F('December 9999'), { argv: ['12', '9999'] }, { argv: ['6', '9999'] });
  b.two('num-sep-1752', F('September 1752 (reform gap)'), { argv: ['9', '1752'] }, { argv: ['-j', '9', '1752'] });
  b.two('num-oct-1582', F('October 1582'), { argv: ['10', '1582'] }, { argv: ['2', '1700'] });
  b.two('num-leading-zeros', F('zero-padded numbers'), { argv: ['03', '02024'] }, { argv: ['007', '0001999'] });
  b.two('num-day', F('day month year'), { argv: ['15', '3', '2024'] }, { argv: ['31', '12', '1999'] });
  b.two('num-day-leap', F('29 February in a leap year'), { argv: ['29', '2', '2000'] }, { argv: ['29', '2', '1700'] });
  b.two(
    'num-year-this',
    F('the clock year as argument'),
    { argv: ['2026'], clock: '2026-05-05T00:00:00Z' },
    {
      argv: ['2', '2026'],
      clock: '2026-02-02T00:00:00Z',
    },
  );
  b.two('num-plus-sign', F('year with a plus sign'), { argv: ['+2024'] }, { argv: ['3', '+1999'] });
}

function addErrors(b: SuiteBuilder): void {
  const F = (d: string) => `error: ${d}`;
  b.two('err-year-0', F('year 0'), { argv: ['0'] }, { argv: ['5', '0'] });
  b.two('err-year-negative', F('negative year'), { argv: ['--', '-1'] }, { argv: ['3', '--', '-2024'] });
  b.two('err-year-max', F('year 2147483647'), { argv: ['2147483647'] }, { argv: ['1', '2147483647'] });
  b.two('err-year-overflow', F('year beyond int32'), { argv: ['2147483648'] }, { argv: ['99999999999999999999'] });
  b.two('err-year-garbage', F('year not a number'), { argv: ['5', '20x4'] }, { argv: ['5', 'abc'] });
  b.two('err-month-0', F('month 0'), { argv: ['0', '2024'] }, { argv: ['00', '1999'] });
  b.two('err-month-13', F('month 13'), { argv: ['13', '2024'] }, { argv: ['99', '2000'] });
  b.two('err-month-garbage', F('month with trailing text'), { argv: ['1x', '2024'] }, { argv: ['12.5', '2024'] });
  b.two('err-day-0', F('day 0'), { argv: ['0', '1', '2024'] }, { argv: ['0', '7', '1999'] });
  b.two('err-day-32', F('day 32'), { argv: ['32', '1', '2024'] }, { argv: ['40', '3', '2000'] });
  b.two(
    'err-day-feb-30',
    F('day past the end of the month'),
    { argv: ['30', '2', '2024'] },
    { argv: ['31', '4', '2021'] },
  );
  b.two(
    'err-day-feb-29',
    F('29 February in a common year'),
    { argv: ['29', '2', '2023'] },
    { argv: ['29', '2', '1900'] },
  );
  b.two('err-day-garbage', F('day not a number'), { argv: ['x', '2', '2024'] }, { argv: ['1st', '2', '2024'] });
  b.two(
    'err-too-many',
    F('four positional arguments'),
    { argv: ['1', '2', '3', '2024'] },
    { argv: ['a', 'b', 'c', 'd', 'e'] },
  );
  b.two('err-unknown-short', F('unknown short option'), { argv: ['-x'] }, { argv: ['-q', '2024'] });
  b.two('err-unknown-c', F('-c is not an option in 2.38.1'), { argv: ['-c', '4', '2024'] }, { argv: ['-c2'] });
  b.two('err-unknown-long', F('unknown long option'), { argv: ['--columns=4', '2024'] }, { argv: ['--foo'] });
  b.two('err-ambiguous-long', F('ambiguous long option'), { argv: ['--s', '2024'] }, { argv: ['--m'] });
  b.two('err-flag-with-value', F('--flag=value on a flag'), { argv: ['--julian=yes'] }, { argv: ['--year=2024'] });
  b.two('err-missing-n', F('-n without a value'), { argv: ['-n'] }, { argv: ['--months'] });
  b.two('err-bad-n', F('-n not a number'), { argv: ['-n', 'x', '2024'] }, { argv: ['--months=-1', '2024'] });
  b.two('err-missing-reform', F('--reform without a value'), { argv: ['--reform'] }, { argv: ['2024', '--reform'] });
  b.two(
    'err-bad-reform',
    F('unknown --reform value'),
    { argv: ['--reform=1582', '2024'] },
    {
      argv: ['--reform', 'british', '9', '1752'],
    },
  );
  b.two(
    'err-bad-color',
    F('unknown --color value'),
    { argv: ['--color=sometimes'] },
    { argv: ['--color=yes', '2024'] },
  );
  b.two('err-week-range', F('--week out of 1-54'), { argv: ['--week=0', '2024'] }, { argv: ['--week=55', '2024'] });
  b.two('err-week-garbage', F('--week not a number'), { argv: ['--week=x'] }, { argv: ['-wfirst', '2024'] });
  b.two(
    'err-week-missing',
    F('year without week 53'),
    { argv: ['--week=53', '2022'] },
    { argv: ['--week=54', '2023'] },
  );
  b.two(
    'err-week-iso-53',
    F('ISO year without week 53'),
    { argv: ['--iso', '-m', '--week=53', '2021'] },
    {
      argv: ['-m', '--week=53', '2010'],
    },
  );
  b.two('err-exclusive-y-twelve', F('-y with -Y'), { argv: ['-y', '-Y'] }, { argv: ['--twelve', '--year', '2024'] });
  b.two('err-exclusive-yn', F('-y with -n'), { argv: ['-y', '-n', '3', '2024'] }, { argv: ['-n2', '-Y'] });
  b.two('err-year-space', F('year with spaces'), { argv: ['1', ' 2024'] }, { argv: ['1', '2024 '] });
}

function addMisc(b: SuiteBuilder): void {
  const F = (d: string) => `misc: ${d}`;
  b.vis('help', F('--help'), { argv: ['--help'] });
  b.vis('help-short', F('-h'), { argv: ['-h', '2024'] });
  b.vis('version', F('--version'), { argv: ['--version'] });
  b.vis('version-short', F('-V'), { argv: ['-V', '-y'] });
  b.vis('help-abbrev', F('--he abbreviation'), { argv: ['--he'] });
  b.vis('version-after-error', F('-V after an unknown option'), { argv: ['-x', '-V'] });
  b.two('double-dash', F('-- then date'), { argv: ['--', '2', '2024'] }, { argv: ['-j', '--', '11', '2011'] });
  b.two(
    'options-after-args',
    F('options after the date (permuted)'),
    { argv: ['2', '2024', '-j'] },
    {
      argv: ['7', '-m', '1969', '-w'],
    },
  );
  b.two('bundled', F('bundled short options'), { argv: ['-3jmw', '6', '2024'] }, { argv: ['-yjw', '1900'] });
  b.two(
    'long-abbrev',
    F('abbreviated long options'),
    { argv: ['--jul', '--monda', '--thr', '4', '2024'] },
    {
      argv: ['--vert', '--sun', '5', '2030'],
    },
  );
  b.two(
    'repeated',
    F('last -s/-m wins'),
    { argv: ['-m', '-s', '1', '2024'] },
    { argv: ['-s', '-m', '-s', '-m', '8', '2024'] },
  );
  b.two(
    'one-after-three',
    F('-1 overrides -3'),
    { argv: ['-3', '-1', '5', '2024'] },
    { argv: ['-n', '4', '-1', '5', '2024'] },
  );
  b.two('n-zero', F('-n 0'), { argv: ['-n', '0', '2', '2024'] }, { argv: ['-n0', '-j', '6', '2022'] });
  b.two('n-one', F('-n 1'), { argv: ['-n', '1', '2', '2024'] }, { argv: ['--months', '1', '-v', '6', '2022'] });
  b.two(
    'n-year-only',
    F('-n with only a year'),
    { argv: ['-n', '2', '2024'] },
    {
      argv: ['-n', '4', '1999'],
    },
  );
  b.two(
    'n-thirteen',
    F('-n 13 wraps past a year'),
    { argv: ['-n', '13', '1', '2024'] },
    { argv: ['-n', '14', '12', '9998'] },
  );
  b.two(
    'n-end-of-time',
    F('-n running past year 9999'),
    { argv: ['-n', '3', '12', '9999'] },
    {
      argv: ['-Y', '6', '9999'],
    },
  );
  b.two('three-year-1', F('-3 in January of year 1'), { argv: ['-3', '1', '1'] }, { argv: ['-3', '-j', '1', '1'] });
  b.two(
    'span-year-1',
    F('-S around the start of year 1'),
    { argv: ['-S', '-n', '5', '2', '1'] },
    {
      argv: ['-S', '-n', '4', '1', '1'],
    },
  );
  b.two('week-year', F('-w with only a year'), { argv: ['-w', '2024'] }, { argv: ['-w', '-m', '2021'] });
  b.two('week-select', F('--week=N with a year'), { argv: ['--week=9', '2024'] }, { argv: ['-w22', '2019'] });
  b.two(
    'week-select-month',
    F('--week=N with month and year'),
    { argv: ['--week=40', '1', '2024'] },
    {
      argv: ['--week=2', '12', '2023'],
    },
  );
  b.two('week-select-y', F('--week=N with -y'), { argv: ['--week=27', '-y', '2026'] }, { argv: ['-y', '-w1', '2015'] });
  b.two('week-53', F('week 53 exists'), { argv: ['--week=53', '2020'] }, { argv: ['-m', '--week=53', '2015'] });
  b.two(
    'week-iso-remnant',
    F('ISO week 53 remnant at the start of a year'),
    { argv: ['-m', '--week=53', '2021'] },
    {
      argv: ['--iso', '--week=53', '2016'],
    },
  );
  b.two(
    'week-1752',
    F('week numbers around the reform'),
    { argv: ['-w', '-3', '9', '1752'] },
    {
      argv: ['-w', '-m', '-3', '9', '1752'],
    },
  );
  b.two(
    'week-julian-vertical',
    F('-w -j -v'),
    { argv: ['-wjv', '3', '2024'] },
    { argv: ['-w', '-j', '-v', '-m', '12', '1999'] },
  );
  b.two(
    'reform-gap',
    F('September 1752 under each reform'),
    { argv: ['--reform', 'julian', '9', '1752'] },
    {
      argv: ['--reform=gregorian', '9', '1752'],
    },
  );
  b.two(
    'reform-case',
    F('reform names are case-insensitive'),
    { argv: ['--reform=GREGORIAN', '2', '1700'] },
    {
      argv: ['--reform=Julian', '2', '1900'],
    },
  );
  b.two(
    'reform-1752-explicit',
    F('--reform=1752'),
    { argv: ['--reform=1752', '-y', '1752'] },
    {
      argv: ['--reform', '1752', '-j', '2', '1700'],
    },
  );
  b.two(
    'reform-iso-year',
    F('--iso whole year'),
    { argv: ['--iso', '-y', '1752'] },
    { argv: ['--iso', '-w', '-y', '1600'] },
  );
  b.two(
    'reform-julian-leap',
    F('--reform=julian leap years'),
    { argv: ['--reform=julian', '-j', '2', '1900'] },
    {
      argv: ['--reform=julian', '-y', '2100'],
    },
  );
  b.two(
    'reform-last-wins',
    F('last --reform wins'),
    { argv: ['--iso', '--reform=1752', '9', '1752'] },
    {
      argv: ['--reform=julian', '--iso', '9', '1752'],
    },
  );
  b.two('vertical-three', F('-v -3'), { argv: ['-v', '-3', '1', '2024'] }, { argv: ['-v', '-3', '-m', '7', '2000'] });
  b.two('vertical-year', F('-v -y'), { argv: ['-v', '-y', '2024'] }, { argv: ['--vertical', '-y', '-j', '1752'] });
  b.two('vertical-twelve', F('-v -Y'), { argv: ['-v', '-Y', '5', '2024'] }, { argv: ['-v', '-Y', '-w', '10', '1999'] });
  b.two('julian-year', F('-j -y'), { argv: ['-j', '-y', '2024'] }, { argv: ['-j', '-y', '2023'] });
  b.two(
    'julian-three-1752',
    F('-j -3 around the reform'),
    { argv: ['-j', '-3', '10', '1752'] },
    {
      argv: ['-j', '-n', '4', '8', '1752'],
    },
  );
  b.two('twelve-month-year', F('-Y from a given month'), { argv: ['-Y', '3', '2024'] }, { argv: ['-Y', '11', '1999'] });
  b.two(
    'twelve-day',
    F('-Y from a given day'),
    { argv: ['-Y', '15', '3', '2024'] },
    { argv: ['-Y', '-m', '1', '1', '2000'] },
  );
  b.two(
    'twelve-year-only',
    F('-Y with only a year'),
    { argv: ['-Y', '2024'], clock: '2026-05-05T00:00:00Z' },
    {
      argv: ['-Y', '1999'],
      clock: '2026-11-05T00:00:00Z',
    },
  );
  b.two(
    'year-day',
    F('-y with day month year'),
    { argv: ['-y', '4', '7', '1776'] },
    { argv: ['-y', '25', '12', '2000'] },
  );
  b.two('year-month', F('-y with month year'), { argv: ['-y', '6', '2024'] }, { argv: ['-y', 'jan', '2024'] });
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded generators
// ---------------------------------------------------------------------------------------------------------------

/** Plain months: random month/year under each of the common option sets. */
function addMonths(b: SuiteBuilder): void {
  const sets: [string, string[]][] = [
    ['plain', []],
    ['julian', ['-j']],
    ['monday', ['-m']],
    ['week', ['-w']],
    ['week-monday', ['-w', '-m']],
    ['vertical', ['-v']],
    ['three', ['-3']],
    ['julian-week', ['-j', '-w']],
    ['iso', ['--iso']],
    ['reform-julian', ['--reform=julian']],
  ];
  for (const [name, opts] of sets) {
    for (let i = 0; i < 3; i++) {
      const id = `month-${name}-${i}`;
      const make = (p: Prng): Input => {
        const y = randomYear(p);
        return { argv: [...opts, String(p.int(1, 12)), String(y)] };
      };
      if (i < 2) b.pair(id, `month: ${opts.join(' ') || 'default options'}`, make);
      else b.vis(id, `month: ${opts.join(' ') || 'default options'}`, make(new Prng(`cal/${id}/v`)));
    }
  }
}

/** Whole years under each option set. */
function addYears(b: SuiteBuilder): void {
  const sets: [string, string[]][] = [
    ['plain', ['-y']],
    ['julian', ['-y', '-j']],
    ['monday', ['-y', '-m']],
    ['week', ['-y', '-w']],
    ['vertical', ['-y', '-v']],
    ['iso-week', ['-y', '--iso', '-m', '-w']],
    ['bare', []],
  ];
  for (const [name, opts] of sets) {
    for (let i = 0; i < 2; i++) {
      const id = `year-${name}-${i}`;
      const make = (p: Prng): Input => ({ argv: [...opts, String(randomYear(p))] });
      if (i === 0) b.pair(id, `year: ${opts.join(' ') || 'year only'}`, make);
      else b.vis(id, `year: ${opts.join(' ') || 'year only'}`, make(new Prng(`cal/${id}/v`)));
    }
  }
}

const LAYOUTS: readonly string[][] = [[], ['-1'], ['-3'], ['-n', 'N'], ['-S', '-n', 'N'], ['-Y'], ['-y'], ['-3', '-S']];
const STARTS: readonly string[][] = [[], [], ['-m'], ['-s'], ['--monday'], ['--sunday']];
const WEEKS: readonly string[][] = [[], [], [], ['-w'], ['--week'], ['-wW']];
const REFORMS: readonly string[][] = [
  [],
  [],
  [],
  ['--reform=1752'],
  ['--reform', 'gregorian'],
  ['--iso'],
  ['--reform=julian'],
];

/** Random combinations of every option with random dates (some clock-relative). */
function addCombos(b: SuiteBuilder): void {
  const combo = (p: Prng, r: Prng): Input => {
    // `r` decides the shape (shared by a case and its dual), `p` the values.
    const layout = r.pick(LAYOUTS).map((a) => (a === 'N' ? String(p.int(2, 9)) : a));
    const opts = [
      ...layout,
      ...r.pick(STARTS),
      ...(r.int(0, 2) === 0 ? ['-j'] : []),
      ...r.pick(WEEKS),
      ...r.pick(REFORMS),
      ...(r.int(0, 3) === 0 ? ['-v'] : []),
    ];
    const week = opts.indexOf('-wW');
    const shape = r.int(0, 9);
    const y = randomYear(p);
    const m = p.int(1, 12);
    let date: string[];
    let clock: string | undefined;
    if (shape <= 3) date = [String(m), String(y)];
    else if (shape <= 5) date = [String(y)];
    else if (shape === 6) date = [String(p.int(1, daysIn(y, m) - (m === 2 ? 1 : 0))), String(m), String(y)];
    else if (shape === 7) date = [monthName(p, m), String(y)];
    else {
      date = shape === 8 ? [] : [monthName(p, m)];
      clock = randomClock(p);
    }
    if (week >= 0) opts.splice(week, 1, `--week=${p.int(1, 52)}`);
    // -y/-Y/-n exclusions are errors; keep the combinations valid here.
    const argv = r.int(0, 4) === 0 ? [...date, ...opts] : [...opts, ...date];
    return clock === undefined ? { argv } : { argv, clock };
  };
  for (let i = 0; i < 130; i++) {
    const id = `combo-${String(i).padStart(3, '0')}`;
    const shapeSeed = `cal/combo/shape/${i}`;
    const v = combo(new Prng(`cal/${id}/v`), new Prng(shapeSeed));
    const feature = `combination: ${v.argv.filter((a) => a.startsWith('-')).join(' ') || 'no options'}`;
    b.vis(id, feature, v);
    if (i % 4 === 0) b.hid(id, combo(new Prng(`cal/${id}/h`), new Prng(shapeSeed)));
  }
}

export function suite(): TestSuite {
  const b = new SuiteBuilder({ target: 'cal' });
  addCurrent(b);
  addMonthNames(b);
  addTimestamps(b);
  addNumeric(b);
  addErrors(b);
  addMisc(b);
  addMonths(b);
  addYears(b);
  addCombos(b);
  return { visible: b.visible, hidden: b.hidden };
}
