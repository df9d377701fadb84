import { DEFAULT_LIMITS, type Limits } from '../../core/limits.ts';
import type { Pack } from '../../core/pack.ts';
import { scoreCandidate, type CaseReport, type ScoreReport } from '../../core/score.ts';
import { sourcesDigest, type SourceFile } from '../../core/source-file.ts';
import type { TestSet } from '../../core/test-case.ts';
import type { BuildProgress, Diagnostic, Toolchain } from '../../../toolchains/index.ts';
import type { StoredCase, StoredTestsView } from '../storage/database.ts';
import { candidateRunner } from './shared-pool.ts';

/** Progress reaches the screen at most this often: 600 cases finishing within a second is 600 updates otherwise. */
const FLUSH_MS = 80;
/**
 * Per stream, what the page keeps of a case's output once the case is judged (on the full bytes, in scoreCandidate):
 * enough for a diff on screen, while 400 cases of a candidate that floods 16 MiB each stay at 400 × 64 KiB.
 */
export const SHOWN_STREAM_BYTES = 64 * 1024;

/** Per stream, what the browser's storage keeps of each case of the last run: 400 cases stay under 7 MB. */
export const STORED_STREAM_BYTES = 8 * 1024;

type StoredRun = NonNullable<StoredTestsView['run']>;

/** A case report as the page keeps it: streams cut to SHOWN_STREAM_BYTES, with the sizes they had. */
export interface ShownCase extends CaseReport {
  /** Bytes the run wrote to each stream (and to files), whether or not all of them were kept. */
  sizes?: { stdout: number; stderr: number; files: number };
}

/** True when the page holds less of this case's output than the run wrote. */
export function isCut(c: ShownCase): boolean {
  const kept = c.actual ?? c.partial;
  if (!c.sizes || !kept) return false;
  return kept.stdout.length < c.sizes.stdout || kept.stderr.length < c.sizes.stderr;
}

/** `stopped`: ended early after `stopAfterTimeouts` timeouts in a row (not recorded as a submission). */
export type TestRunPhase =
  'building' | 'running' | 'done' | 'stopped' | 'cancelled' | 'build-failed' | 'invalid-module' | 'failed';

/** The default of "stop after K timeouts in a row": a candidate that loops tends to loop on every test. */
export const DEFAULT_STOP_AFTER_TIMEOUTS = 3;

export interface TestRunOptions {
  pack: Pack;
  toolchain: Toolchain;
  files: readonly SourceFile[];
  only?: TestSet;
  ids?: ReadonlySet<string>;
  limits: Partial<Limits>;
  /**
   * Each case's time limit by id (the relative rule), fetched while the candidate builds; a case it leaves out, or
   * every case when absent, gets `limits.wallMs`.
   */
  timeLimits?: () => Promise<ReadonlyMap<string, number>>;
  /** Stop the run after this many timeouts in a row (in the order cases finish); 0 runs every case. */
  stopAfterTimeouts?: number;
}

/**
 * One scoring of a candidate (a Tests run or a submission): build, run every selected case in the shared worker
 * pool, report progress as it goes, and stop every run at once on cancel.
 */
export class TestRun {
  phase = $state<TestRunPhase>('building');
  /** What the build said: its errors when it failed, its warnings (and their notes) when it succeeded. */
  diagnostics = $state.raw<Diagnostic[]>([]);
  /** Where the build is while phase is 'building' (a compiler's first download, then compiling); null before. */
  buildProgress = $state.raw<BuildProgress | null>(null);
  /** Why the run could not happen (invalid module, internal error), in words for the user. */
  message = $state('');
  total = $state(0);
  done = $state(0);
  passed = $state(0);
  /** Reports by case id, as they arrive. */
  cases = $state.raw<ReadonlyMap<string, ShownCase>>(new Map());
  report = $state.raw<ScoreReport | null>(null);
  elapsedMs = $state(0);
  /** Estimated time until the last case finishes, from the cases so far; null until one has. */
  remainingMs = $state<number | null>(null);
  /** The smallest and largest time limit the cases got, once known. */
  limitRange = $state.raw<{ minMs: number; maxMs: number } | null>(null);
  /** Set when the run stopped after that many timeouts in a row; `notRun` cases were then not run. */
  stoppedAfterTimeouts = $state(0);
  notRun = $state(0);
  readonly codeHash: string;
  readonly finished: Promise<void>;

  private readonly controller = new AbortController();
  private readonly started = performance.now();
  private pending: ShownCase[] = [];
  private timeoutsInARow = 0;
  private runningSince = 0;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  /** When the run was kept from an earlier visit (restored from storage), its time; null for a run of this page. */
  readonly restoredAt: number | null = null;

  constructor(
    readonly options: TestRunOptions,
    restored?: StoredRun,
  ) {
    this.codeHash = sourcesDigest(options.files);
    this.total = selectedCount(options);
    if (!restored) {
      this.finished = this.execute();
      return;
    }
    this.restoredAt = restored.at;
    this.phase = restored.phase;
    this.total = restored.total;
    this.elapsedMs = restored.elapsedMs;
    this.stoppedAfterTimeouts = restored.stoppedAfterTimeouts;
    this.cases = new Map(restored.cases.map((c) => [c.id, fromStored(c)]));
    this.done = restored.cases.length;
    this.passed = restored.cases.filter((c) => c.verdict.kind === 'pass').length;
    this.notRun = restored.cases.filter((c) => c.verdict.kind === 'cancelled').length;
    this.finished = Promise.resolve();
  }

  /** The run as the browser keeps it: verdicts, sizes and STORED_STREAM_BYTES of each stream; null while running. */
  stored(): StoredRun | null {
    if (this.phase !== 'done' && this.phase !== 'stopped' && this.phase !== 'cancelled') return null;
    const cut = (b: Uint8Array): Uint8Array => b.slice(0, STORED_STREAM_BYTES);
    return {
      at: this.restoredAt ?? Date.now(),
      phase: this.phase,
      total: this.total,
      elapsedMs: this.elapsedMs,
      stoppedAfterTimeouts: this.stoppedAfterTimeouts,
      cases: [...this.cases.values()].map((c) => ({
        id: c.id,
        set: c.set,
        verdict: c.verdict,
        ms: c.ms,
        ...(c.sizes ? { sizes: c.sizes } : {}),
        ...(c.actual
          ? { actual: { code: c.actual.code, stdout: cut(c.actual.stdout), stderr: cut(c.actual.stderr) } }
          : {}),
        ...(c.partial ? { partial: { stdout: cut(c.partial.stdout), stderr: cut(c.partial.stderr) } } : {}),
      })),
    };
  }

  get active(): boolean {
    return this.phase === 'building' || this.phase === 'running';
  }

  cancel(): void {
    this.controller.abort();
  }

  private async execute(): Promise<void> {
    const { pack, toolchain, files } = this.options;
    try {
      const [built, timeLimits] = await Promise.all([
        toolchain.build(files, {
          signal: this.controller.signal,
          onProgress: (p) => {
            if (this.phase === 'building') this.buildProgress = p;
          },
        }),
        // Without the oracle's times (it did not load), every case gets the fixed limit.
        this.options.timeLimits?.().catch(() => undefined),
      ]);
      if (built.kind === 'error') {
        this.diagnostics = built.diagnostics;
        this.phase = 'build-failed';
        return;
      }
      this.diagnostics = built.warnings ?? [];
      if (this.controller.signal.aborted) {
        this.phase = 'cancelled';
        return;
      }
      this.phase = 'running';
      this.runningSince = performance.now();
      this.limitRange = limitRange(this.options, timeLimits);
      const report = await scoreCandidate({
        pack,
        candidate: built.program,
        runner: candidateRunner,
        limits: this.options.limits,
        ...(timeLimits ? { timeLimits } : {}),
        signal: this.controller.signal,
        ...(this.options.only ? { only: this.options.only } : {}),
        ...(this.options.ids ? { ids: this.options.ids } : {}),
        onCase: (c, _done, total) => {
          this.total = total;
          this.countTimeout(c);
          this.pending.push(shown(c));
          this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
        },
      });
      this.flush();
      const invalid = report.cases.find((c) => c.verdict.kind === 'invalid-module');
      if (invalid?.verdict.kind === 'invalid-module') {
        this.message = invalid.verdict.message;
        this.phase = 'invalid-module';
        return;
      }
      this.report = report;
      this.total = report.cases.length;
      if (this.stoppedAfterTimeouts > 0) {
        this.notRun = report.cases.filter((c) => c.verdict.kind === 'cancelled').length;
        this.phase = 'stopped';
      } else this.phase = this.controller.signal.aborted ? 'cancelled' : 'done';
    } catch (e) {
      this.message = `mirrorbox failed while testing (${(e as Error).message}); reload the page and try again`;
      this.phase = 'failed';
    } finally {
      clearTimeout(this.flushTimer);
      this.elapsedMs = performance.now() - this.started;
      this.remainingMs = null;
    }
  }

  /** Counts timeouts in a row as cases finish, and stops the run at the chosen count. */
  private countTimeout(c: CaseReport): void {
    const limit = this.options.stopAfterTimeouts ?? 0;
    if (c.verdict.kind === 'cancelled') return;
    this.timeoutsInARow = c.verdict.kind === 'timeout' ? this.timeoutsInARow + 1 : 0;
    if (limit > 0 && this.timeoutsInARow >= limit && !this.controller.signal.aborted) {
      this.stoppedAfterTimeouts = limit;
      this.controller.abort();
    }
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    const next = new Map(this.cases);
    for (const c of this.pending) next.set(c.id, c);
    this.passed += this.pending.filter((c) => c.verdict.kind === 'pass').length;
    this.done += this.pending.length;
    this.pending = [];
    this.cases = next;
    const now = performance.now();
    this.elapsedMs = now - this.started;
    // Cases run several at a time, so time per finished case so far × cases left is the estimate.
    if (this.phase === 'running' && this.done > 0)
      this.remainingMs = ((now - this.runningSince) / this.done) * (this.total - this.done);
  }
}

/** A stored case as a report again; the files it wrote were not kept (their verdict was). */
function fromStored(c: StoredCase): ShownCase {
  const { actual, ...rest } = c;
  return actual ? { ...rest, actual: { ...actual, files: {} } } : rest;
}

function limitRange(
  options: TestRunOptions,
  timeLimits: ReadonlyMap<string, number> | undefined,
): { minMs: number; maxMs: number } {
  const fixed = options.limits.wallMs ?? DEFAULT_LIMITS.wallMs;
  const ids = [
    ...(options.only === 'hidden' ? [] : options.pack.visible.map((v) => v.case.id)),
    ...(options.only === 'visible' ? [] : options.pack.hidden.map((h) => h.case.id)),
  ].filter((id) => !options.ids || options.ids.has(id));
  const each = ids.map((id) => timeLimits?.get(id) ?? fixed);
  return each.length === 0 ? { minMs: fixed, maxMs: fixed } : { minMs: Math.min(...each), maxMs: Math.max(...each) };
}

function selectedCount({ pack, only, ids }: TestRunOptions): number {
  const cases = [
    ...(only === 'hidden' ? [] : pack.visible.map((v) => v.case.id)),
    ...(only === 'visible' ? [] : pack.hidden.map((h) => h.case.id)),
  ];
  return ids ? cases.filter((id) => ids.has(id)).length : cases.length;
}

/**
 * The case report cut to what the page keeps. Copies (slice), never views: a view would keep the whole flood alive.
 * The report is changed in place, so the run's final report holds no more than the live one.
 */
function shown(c: CaseReport): ShownCase {
  const out = c as ShownCase;
  const cut = (b: Uint8Array): Uint8Array => (b.length > SHOWN_STREAM_BYTES ? b.slice(0, SHOWN_STREAM_BYTES) : b);
  const streams = c.actual ?? c.partial;
  if (!streams) return out;
  const filesBytes = Object.values(c.actual?.files ?? {}).reduce((n, f) => n + f.length, 0);
  out.sizes = { stdout: streams.stdout.length, stderr: streams.stderr.length, files: filesBytes };
  if (c.actual)
    c.actual = {
      ...c.actual,
      stdout: cut(c.actual.stdout),
      stderr: cut(c.actual.stderr),
      files: filesBytes > SHOWN_STREAM_BYTES ? {} : c.actual.files,
    };
  if (c.partial) c.partial = { stdout: cut(c.partial.stdout), stderr: cut(c.partial.stderr) };
  return out;
}
