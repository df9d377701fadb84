/** Figures as the report prints them: the same text in Markdown, HTML and the app; "—" where no run gives one. */
import { PROVENANCE_RULE } from './matrix.ts';
import type { ModelRow, Problem, Report, TargetRow } from './report.ts';

export const NONE = '—';

export const percent = (v: number | null): string => (v === null ? NONE : `${(v * 100).toFixed(1)}%`);
export const usd = (v: number | null): string => (v === null ? NONE : `$${v.toFixed(4)}`);
export const minutes = (ms: number | null): string =>
  ms === null ? NONE : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;
export const integer = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "87.5% (4)": a mean with the number of runs it is over; "—" when none. */
export const meanOver = (v: number | null, n: number): string => (v === null ? NONE : `${percent(v)} (${n})`);

export interface Table {
  head: string[];
  rows: string[][];
}

export function modelTable(report: Report): Table {
  const head = [
    'model',
    'lang',
    'runs',
    'provenance',
    'targets solved / attempted',
    'solve rate',
    ...report.buckets.map((b) => `solve rate ${b}`),
    'visible pass (runs)',
    'hidden pass (runs)',
    'tokens in / out',
    'cost',
    ...(report.omitTime ? [] : ['time']),
    'stops',
  ];
  const rows = report.rows.map((r: ModelRow) => [
    `${r.provider}:${r.model}`,
    r.lang,
    String(r.runs),
    r.provenanceInferred > 0 ? `${r.provenance} (${r.provenanceInferred} inferred)` : r.provenance,
    `${r.targetsSolved} / ${r.targetsAttempted}`,
    percent(r.solveRate),
    ...report.buckets.map((b) => {
      const f = r.buckets[b];
      return f && f.rate !== null ? `${percent(f.rate)} (${f.solved}/${f.runs})` : NONE;
    }),
    meanOver(r.visibleMean, r.visibleRuns),
    meanOver(r.hiddenMean, r.hiddenRuns),
    `${integer(r.inputTokens)} / ${integer(r.outputTokens)}`,
    usd(r.costUsd),
    ...(report.omitTime ? [] : [minutes(r.ms)]),
    Object.entries(r.stops)
      .map(([stop, n]) => `${stop} ${n}`)
      .join(', '),
  ]);
  return { head, rows };
}

export function targetTable(report: Report): Table {
  return {
    head: [
      'target',
      'bucket',
      'role',
      'model · lang · provenance',
      'solved / runs',
      'visible pass (mean)',
      'hidden pass (mean)',
    ],
    rows: report.targets.map((t: TargetRow) => [
      t.target,
      t.bucket,
      t.role ?? NONE,
      t.row,
      `${t.solved} / ${t.runs}`,
      percent(t.visibleMean),
      percent(t.hiddenMean),
    ]),
  };
}

export function problemTable(report: Report): Table {
  return {
    head: ['run', 'problem', 'detail', 'in the tables'],
    rows: report.problems.map((p: Problem) => [p.id, p.kind, p.detail, p.counted ? 'yes' : 'no']),
  };
}

/** The sentences above the tables: what was found and what it is made of. */
export function summaryLines(report: Report): string[] {
  const lines = [
    `${report.found} run folder${report.found === 1 ? '' : 's'} found` +
      (report.planned > 0 ? `, ${report.planned} planned in matrix.json` : '') +
      `; ${report.counted} counted (stopped: submitted, budget or spinning).`,
    `Counted runs: ${report.scripted} scripted (a test server, not a model), ${report.real} real.`,
    `Provenance: ${PROVENANCE_RULE}. "inferred" marks runs not started by mirrorbox replicate, judged by the same rule from run.json.`,
    'Solve rate: solved runs / counted runs. Visible and hidden pass: mean per-run pass rate over the runs that have ' +
      'that score (hidden tests are run only at submit), with the number of runs. A figure no run gives is "—".',
  ];
  if (report.omitTime) lines.push('Wall time left out (--no-time).');
  if (report.generatedAt !== undefined) lines.push(`Generated at ${report.generatedAt}.`);
  return lines;
}
