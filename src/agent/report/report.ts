/**
 * The MirrorCode-style replication report, as plain data from plain data: run folders (as their files' texts or
 * parsed trajectories) in, a table per model, per target, the pass-rate curves and every run that could not be
 * counted out. Nothing here is estimated: a figure that no run gives is null (rendered "—").
 */
import { isLoopbackUrl, type Provenance } from './matrix.ts';

/** Stops after which a run is over: only these runs are counted in the tables. */
export const COUNTED_STOPS = ['submitted', 'budget', 'spinning'] as const;

export interface PassCount {
  passed: number;
  total: number;
}

/** result.json as `mirrorbox agent` writes it (src/node/agent-store.ts ResultJson). */
export interface RunResult {
  target: string;
  lang: string;
  model: string;
  solved: boolean;
  visible: PassCount;
  hidden: PassCount;
  stop: string;
  budget?: string;
  usage: { inputTokens: number; outputTokens: number; costUsd?: number };
  toolCalls: number;
  turns: number;
  ms: number;
}

/** One point of a run's curve: spend so far, and the visible pass rate (0–1) the workspace had then. */
export interface SpendPoint {
  tokens: number;
  costUsd?: number;
  rate: number;
}

export type Parsed<T> = { kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'corrupt'; message: string };

/** What one run folder gave, read by the host (the CLI from disk, the app from IndexedDB or an import). */
export interface RunInput {
  id: string;
  /** Where it was found, for notes only (a folder path, "browser", a file name). */
  source: string;
  /** From replicate.json, or else from run.json and result.json. */
  target?: string;
  lang?: string;
  provider?: string;
  model?: string;
  epoch?: number;
  bucket?: string;
  role?: string;
  /** Recorded when the run was started; absent for runs replicate did not start (inferred then, see below). */
  provenance?: Provenance;
  /** run.json's base URL, for inferring provenance of runs started outside replicate. */
  baseUrl?: string;
  result: Parsed<RunResult>;
  trajectory: Parsed<SpendPoint[]>;
}

/** A run a matrix.json planned: found or not. */
export interface PlannedInput {
  id: string;
  target: string;
  lang: string;
  provider: string;
  model: string;
  epoch: number;
  bucket: string;
  role?: string;
  provenance: Provenance;
}

export interface ReportInput {
  runs: readonly RunInput[];
  planned: readonly PlannedInput[];
  /** Leave wall-time figures out (they differ between two runs of the same scripted matrix). */
  omitTime?: boolean;
  /** Shown as given; the report has no clock of its own. */
  generatedAt?: string;
}

export interface BucketFigures {
  runs: number;
  solved: number;
  rate: number | null;
}

export interface ModelRow {
  /** `provider:model` · lang · provenance: scripted and real runs never share a row. */
  key: string;
  provider: string;
  model: string;
  lang: string;
  provenance: Provenance;
  /** How many of the rows' runs had their provenance recorded at run time (the rest inferred from run.json). */
  provenanceInferred: number;
  runs: number;
  targetsSolved: number;
  targetsAttempted: number;
  solveRate: number | null;
  buckets: Record<string, BucketFigures>;
  visibleMean: number | null;
  visibleRuns: number;
  hiddenMean: number | null;
  hiddenRuns: number;
  inputTokens: number;
  outputTokens: number;
  /** Null when any run of the row has no cost (no price given). */
  costUsd: number | null;
  /** Null with omitTime. */
  ms: number | null;
  stops: Record<string, number>;
}

export interface TargetRow {
  target: string;
  bucket: string;
  role?: string;
  row: string;
  runs: number;
  solved: number;
  visibleMean: number | null;
  hiddenMean: number | null;
}

export interface Curve {
  row: string;
  /** Runs of the row whose trajectory gave a curve. */
  runs: number;
  x: number[];
  /** Mean visible pass rate (0–1) over the runs at spend x: each run at its latest score by then, 0 before any. */
  y: number[];
}

export type ProblemKind =
  'not started' | 'result missing' | 'result corrupt' | 'not finished' | 'trajectory missing' | 'trajectory corrupt';

export interface Problem {
  id: string;
  kind: ProblemKind;
  detail: string;
  /** Whether the run still counts in the tables (a good result with a bad trajectory does, outside the curves). */
  counted: boolean;
}

export interface Report {
  planned: number;
  found: number;
  counted: number;
  scripted: number;
  real: number;
  rows: ModelRow[];
  targets: TargetRow[];
  /** The x axis of every curve: cost when every counted run has one, else tokens. */
  curveAxis: 'cost' | 'tokens';
  curves: Curve[];
  problems: Problem[];
  notes: string[];
  buckets: string[];
  omitTime: boolean;
  generatedAt?: string;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function isCount(v: unknown): v is PassCount {
  const c = v as PassCount | undefined;
  return (
    typeof c === 'object' &&
    c !== null &&
    Number.isInteger(c.passed) &&
    Number.isInteger(c.total) &&
    c.passed >= 0 &&
    c.total >= c.passed
  );
}

/** result.json's text → its fields, checked; a file of another shape is corrupt, with what is wrong. */
export function parseResult(text: string | undefined): Parsed<RunResult> {
  if (text === undefined) return { kind: 'missing' };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { kind: 'corrupt', message: `not JSON (${(e as Error).message})` };
  }
  const r = v as Partial<RunResult> | null;
  const bad = (what: string): Parsed<RunResult> => ({ kind: 'corrupt', message: `no valid ${what}` });
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return { kind: 'corrupt', message: 'not an object' };
  if (typeof r.target !== 'string') return bad('target');
  if (typeof r.lang !== 'string') return bad('lang');
  if (typeof r.model !== 'string') return bad('model');
  if (typeof r.solved !== 'boolean') return bad('solved');
  if (!isCount(r.visible)) return bad('visible');
  if (!isCount(r.hidden)) return bad('hidden');
  if (typeof r.stop !== 'string') return bad('stop');
  const u = r.usage;
  if (
    typeof u !== 'object' ||
    u === null ||
    !Number.isFinite(u.inputTokens) ||
    !Number.isFinite(u.outputTokens) ||
    (u.costUsd !== undefined && !Number.isFinite(u.costUsd))
  )
    return bad('usage');
  if (!Number.isFinite(r.toolCalls) || !Number.isFinite(r.turns) || !Number.isFinite(r.ms))
    return bad('toolCalls, turns or ms');
  return { kind: 'ok', value: r as RunResult };
}

interface Extract {
  kind: 'budget' | 'score';
  tokens?: number;
  costUsd?: number;
  rate?: number;
}

/**
 * trajectory.jsonl, line by line, kept small: the spend at each budget event and the visible rate at each scored
 * tool result and at the stop. A seq seen again (a run killed between its events and its checkpoint, then resumed)
 * replaces the earlier line, as docs/agent.md says a reader must.
 */
export class TrajectoryCurve {
  #bySeq = new Map<number, Extract | null>();
  #line = 0;
  #events = 0;
  #corrupt: string | undefined;

  line(text: string): void {
    this.#line++;
    if (this.#corrupt !== undefined || text.trim() === '') return;
    let e: { seq?: unknown; kind?: unknown; usage?: Record<string, unknown>; visible?: unknown };
    try {
      e = JSON.parse(text) as typeof e;
    } catch {
      this.#corrupt = `line ${this.#line} is not JSON`;
      return;
    }
    if (typeof e !== 'object' || e === null || !Number.isInteger(e.seq) || typeof e.kind !== 'string') {
      this.#corrupt = `line ${this.#line} is not an event (no seq or kind)`;
      return;
    }
    const seq = e.seq as number;
    this.#events++;
    if (e.kind === 'budget' && e.usage) {
      const u = e.usage;
      const tokens = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens']
        .map((k) => (typeof u[k] === 'number' ? (u[k] as number) : 0))
        .reduce((a, b) => a + b, 0);
      this.#bySeq.set(seq, {
        kind: 'budget',
        tokens,
        ...(typeof u.costUsd === 'number' ? { costUsd: u.costUsd } : {}),
      });
    } else if ((e.kind === 'tool-result' || e.kind === 'stop') && isCount(e.visible) && e.visible.total > 0)
      this.#bySeq.set(seq, { kind: 'score', rate: e.visible.passed / e.visible.total });
    else this.#bySeq.set(seq, null);
  }

  /** `lines` read so far → the curve, or why the trajectory is unusable. */
  finish(): Parsed<SpendPoint[]> {
    if (this.#corrupt !== undefined) return { kind: 'corrupt', message: this.#corrupt };
    if (this.#events === 0) return { kind: 'corrupt', message: 'empty' };
    const points: SpendPoint[] = [];
    let tokens = 0;
    let costUsd: number | undefined;
    for (const seq of [...this.#bySeq.keys()].sort((a, b) => a - b)) {
      const x = this.#bySeq.get(seq);
      if (!x) continue;
      if (x.kind === 'budget') {
        tokens = x.tokens ?? tokens;
        costUsd = x.costUsd;
      } else points.push({ tokens, ...(costUsd !== undefined ? { costUsd } : {}), rate: x.rate ?? 0 });
    }
    return { kind: 'ok', value: points };
  }
}

export function parseTrajectory(text: string | undefined): Parsed<SpendPoint[]> {
  if (text === undefined) return { kind: 'missing' };
  const curve = new TrajectoryCurve();
  for (const line of text.split('\n')) curve.line(line);
  return curve.finish();
}

/** How good a copy of a run is, to pick one when the same id turns up twice: counted, then a usable trajectory. */
function rank(r: RunInput): number {
  const counted = r.result.kind === 'ok' && (COUNTED_STOPS as readonly string[]).includes(r.result.value.stop);
  return (counted ? 2 : r.result.kind === 'ok' ? 1 : 0) * 2 + (r.trajectory.kind === 'ok' ? 1 : 0);
}

function describe(r: RunInput): string {
  if (r.result.kind !== 'ok') return `result ${r.result.kind}`;
  const v = r.result.value;
  return `${v.solved ? 'solved' : 'not solved'}, stop ${v.stop}, hidden ${v.hidden.passed}/${v.hidden.total}, visible ${v.visible.passed}/${v.visible.total}`;
}

/** What makes two copies the same run: the result without its wall time, and whether the trajectory is usable. */
function fingerprint(r: RunInput): string {
  const result = r.result.kind === 'ok' ? { ...r.result.value, ms: undefined } : r.result;
  return JSON.stringify([result, r.trajectory.kind === 'ok' ? r.trajectory.value : r.trajectory.kind]);
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

const rateOf = (c: PassCount): number => c.passed / c.total;

function inferredProvenance(r: RunInput): Provenance {
  // The rule of provenanceOf() without a declaration: hosted providers answer on loopback only as a test server.
  return (r.provider === 'anthropic' || r.provider === 'openai') && r.baseUrl !== undefined && isLoopbackUrl(r.baseUrl)
    ? 'scripted'
    : 'real';
}

export function buildReport(input: ReportInput): Report {
  const omitTime = input.omitTime === true;
  const notes: string[] = [];
  const problems: Problem[] = [];

  // One copy per id, the best by rank(), ties by content then source, so the choice never depends on input order.
  const byId = new Map<string, RunInput[]>();
  for (const r of input.runs) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const runs: RunInput[] = [];
  for (const id of [...byId.keys()].sort(byText)) {
    const copies = [...(byId.get(id) ?? [])].sort(
      (a, b) => rank(b) - rank(a) || byText(fingerprint(a), fingerprint(b)) || byText(a.source, b.source),
    );
    const chosen = copies[0] as RunInput;
    runs.push(chosen);
    if (copies.length > 1 && new Set(copies.map(fingerprint)).size > 1)
      notes.push(
        `${id} was found ${copies.length} times with different contents (${copies
          .map((c) => `${c.source}: ${describe(c)}`)
          .join('; ')}); the report uses the one in ${chosen.source}`,
      );
  }

  const planned = new Map<string, PlannedInput>();
  for (const p of input.planned) planned.set(p.id, p);
  const found = new Set(runs.map((r) => r.id));
  for (const id of [...planned.keys()].sort(byText))
    if (!found.has(id))
      problems.push({ id, kind: 'not started', detail: 'planned in matrix.json, no folder found', counted: false });

  interface Counted {
    run: RunInput;
    result: RunResult;
    row: string;
    target: string;
    bucket: string;
    role?: string;
  }
  const counted: Counted[] = [];
  const rowInfo = new Map<
    string,
    { provider: string; model: string; lang: string; provenance: Provenance; inferred: number }
  >();
  let scripted = 0;
  let real = 0;
  for (const r of runs) {
    const plan = planned.get(r.id);
    if (r.result.kind !== 'ok') {
      problems.push({
        id: r.id,
        kind: r.result.kind === 'missing' ? 'result missing' : 'result corrupt',
        detail: r.result.kind === 'corrupt' ? `result.json: ${r.result.message}` : 'no result: the run has not ended',
        counted: false,
      });
      continue;
    }
    const result = r.result.value;
    if (!(COUNTED_STOPS as readonly string[]).includes(result.stop)) {
      problems.push({
        id: r.id,
        kind: 'not finished',
        detail: `stop ${result.stop}: resumable, not counted`,
        counted: false,
      });
      continue;
    }
    const recorded = r.provenance ?? plan?.provenance;
    const provenance = recorded ?? inferredProvenance(r);
    if (provenance === 'scripted') scripted++;
    else real++;
    const provider = r.provider ?? plan?.provider ?? '?';
    const model = r.model ?? plan?.model ?? result.model;
    const lang = r.lang ?? plan?.lang ?? result.lang;
    const row = `${provider}:${model} · ${lang} · ${provenance}`;
    const info = rowInfo.get(row) ?? { provider, model, lang, provenance, inferred: 0 };
    if (recorded === undefined) info.inferred++;
    rowInfo.set(row, info);
    const role = r.role ?? plan?.role;
    counted.push({
      run: r,
      result,
      row,
      target: r.target ?? plan?.target ?? result.target,
      bucket: r.bucket ?? plan?.bucket ?? '?',
      ...(role !== undefined ? { role } : {}),
    });
    if (r.trajectory.kind !== 'ok')
      problems.push({
        id: r.id,
        kind: r.trajectory.kind === 'missing' ? 'trajectory missing' : 'trajectory corrupt',
        detail: `${r.trajectory.kind === 'corrupt' ? `trajectory.jsonl: ${r.trajectory.message}` : 'no trajectory.jsonl'}; counted in the tables, left out of the curves`,
        counted: true,
      });
  }

  const buckets = [...new Set(counted.map((c) => c.bucket))].sort(byText);
  const rows: ModelRow[] = [];
  for (const key of [...rowInfo.keys()].sort(byText)) {
    const info = rowInfo.get(key)!;
    const mine = counted.filter((c) => c.row === key);
    const results = mine.map((c) => c.result);
    const solved = results.filter((r) => r.solved).length;
    const bucketFigures: Record<string, BucketFigures> = {};
    for (const b of buckets) {
      const inBucket = mine.filter((c) => c.bucket === b);
      const s = inBucket.filter((c) => c.result.solved).length;
      bucketFigures[b] = { runs: inBucket.length, solved: s, rate: inBucket.length ? s / inBucket.length : null };
    }
    const visible = results.filter((r) => r.visible.total > 0).map((r) => rateOf(r.visible));
    const hidden = results.filter((r) => r.hidden.total > 0).map((r) => rateOf(r.hidden));
    const stops: Record<string, number> = {};
    for (const r of results) {
      const name = r.budget ? `${r.stop} (${r.budget})` : r.stop;
      stops[name] = (stops[name] ?? 0) + 1;
    }
    rows.push({
      key,
      provider: info.provider,
      model: info.model,
      lang: info.lang,
      provenance: info.provenance,
      provenanceInferred: info.inferred,
      runs: results.length,
      targetsSolved: new Set(mine.filter((c) => c.result.solved).map((c) => c.target)).size,
      targetsAttempted: new Set(mine.map((c) => c.target)).size,
      solveRate: results.length ? solved / results.length : null,
      buckets: bucketFigures,
      visibleMean: mean(visible),
      visibleRuns: visible.length,
      hiddenMean: mean(hidden),
      hiddenRuns: hidden.length,
      inputTokens: results.reduce((a, r) => a + r.usage.inputTokens, 0),
      outputTokens: results.reduce((a, r) => a + r.usage.outputTokens, 0),
      costUsd: results.every((r) => r.usage.costUsd !== undefined)
        ? results.reduce((a, r) => a + (r.usage.costUsd ?? 0), 0)
        : null,
      ms: omitTime ? null : results.reduce((a, r) => a + r.ms, 0),
      stops: Object.fromEntries(Object.entries(stops).sort(([a], [b]) => byText(a, b))),
    });
  }

  const targetRows: TargetRow[] = [];
  const targetKeys = new Map<string, Counted[]>();
  for (const c of counted) {
    const k = `${c.target}\u0000${c.row}`;
    targetKeys.set(k, [...(targetKeys.get(k) ?? []), c]);
  }
  for (const k of [...targetKeys.keys()].sort(byText)) {
    const list = targetKeys.get(k)!;
    const first = list[0]!;
    const visible = list.filter((c) => c.result.visible.total > 0).map((c) => rateOf(c.result.visible));
    const hidden = list.filter((c) => c.result.hidden.total > 0).map((c) => rateOf(c.result.hidden));
    targetRows.push({
      target: first.target,
      bucket: first.bucket,
      ...(first.role !== undefined ? { role: first.role } : {}),
      row: first.row,
      runs: list.length,
      solved: list.filter((c) => c.result.solved).length,
      visibleMean: mean(visible),
      hiddenMean: mean(hidden),
    });
  }

  const withCurves = counted.filter((c) => c.run.trajectory.kind === 'ok');
  const curveAxis: 'cost' | 'tokens' =
    counted.length > 0 && counted.every((c) => c.result.usage.costUsd !== undefined) ? 'cost' : 'tokens';
  const curves: Curve[] = [];
  for (const row of rows) {
    const series = withCurves
      .filter((c) => c.row === row.key)
      .map((c) => {
        const points = c.run.trajectory.kind === 'ok' ? c.run.trajectory.value : [];
        return points.map((p) => ({ x: curveAxis === 'cost' ? (p.costUsd ?? 0) : p.tokens, rate: p.rate }));
      });
    // A row none of whose runs was ever scored has no curve to draw (not a line at 0).
    if (series.every((points) => points.length === 0)) continue;
    const xs = [...new Set([0, ...series.flat().map((p) => p.x)])].sort((a, b) => a - b);
    // Each run's points come in spend order: one pointer per run walks them as x grows.
    const at = series.map(() => 0);
    const rate = series.map(() => 0);
    const y = xs.map((x) => {
      series.forEach((points, i) => {
        while ((at[i] as number) < points.length && (points[at[i] as number] as { x: number }).x <= x) {
          rate[i] = (points[at[i] as number] as { rate: number }).rate;
          at[i] = (at[i] as number) + 1;
        }
      });
      return rate.length ? rate.reduce((a, b) => a + b, 0) / rate.length : 0;
    });
    curves.push({ row: row.key, runs: series.length, x: xs, y });
  }

  const order: ProblemKind[] = [
    'not started',
    'result missing',
    'result corrupt',
    'not finished',
    'trajectory missing',
    'trajectory corrupt',
  ];
  problems.sort((a, b) => byText(a.id, b.id) || order.indexOf(a.kind) - order.indexOf(b.kind));

  return {
    planned: planned.size,
    found: runs.length,
    counted: counted.length,
    scripted,
    real,
    rows,
    targets: targetRows,
    curveAxis,
    curves,
    problems,
    notes,
    buckets,
    omitTime,
    ...(input.generatedAt !== undefined ? { generatedAt: input.generatedAt } : {}),
  };
}
