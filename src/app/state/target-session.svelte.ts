import { joinShellWords } from '../../core/shell-words.ts';
import type { Pack } from '../../core/pack.ts';
import type { WasmProgram } from '../../core/run-request.ts';
import type { TestCase } from '../../core/test-case.ts';
import type { Diagnostic } from '../../../toolchains/index.ts';
import type { OutcomeJson } from '../../core/gold.ts';
import { DEFAULT_LIMITS } from '../../core/limits.ts';
import { consoleRequest } from '../exec/console-request.ts';
import { measureOracleTimes, relativeTimeLimits } from '../../core/oracle-times.ts';
import { sharedPool, sharedRunner } from '../exec/shared-pool.ts';
import { DEFAULT_STOP_AFTER_TIMEOUTS, TestRun, type TestRunOptions } from '../exec/test-run.svelte.ts';
import { loadOracle, loadPack, type Loaded } from '../packs/pack-store.ts';
import { OracleConsole } from './oracle-console.svelte.ts';
import type { StoredSubmission, StoredTestsView } from '../storage/database.ts';
import { sourcesDigest } from '../../core/source-file.ts';
import { persist, retrieve } from '../storage/storage-status.svelte.ts';
import { SubmissionLog } from './submission-log.svelte.ts';
import { Workspace } from './workspace.svelte.ts';

/** One row of the Tests tab: a visible case of the pack or one of the user's scratch tests. */
export interface TestEntry {
  set: 'visible' | 'scratch';
  case: TestCase;
  gold: OutcomeJson;
}

/**
 * Everything open for one target: its pack, the user's workspace, the oracle console, the latest test run and
 * submission, and the submission history. Kept for the life of the page, so switching tabs or targets loses nothing.
 */
export class TargetSession {
  readonly pack: Pack;
  readonly workspace: Workspace;
  readonly console: OracleConsole;
  readonly submissions: SubmissionLog;
  testRun = $state.raw<TestRun | null>(null);
  submitRun = $state.raw<TestRun | null>(null);
  /** The latest build, from Tests or Submit: the workspace shows what its compiler said. */
  lastBuild = $state.raw<TestRun | null>(null);
  /** Where the editor should go next (a clicked diagnostic); `seq` tells two clicks on one place apart. */
  reveal = $state.raw<{ file: string; line: number; column: number; seq: number } | null>(null);
  /** Tests tab: the filter text and the case whose details are open. */
  testFilter = $state('');
  failingOnly = $state(false);
  selectedCase = $state<string | null>(null);
  /**
   * The time limit of Tests and Submit: `relative` is max(1 s, 20 × the oracle's time on each test)
   * (src/core/limits.ts); `fixed` is the workspace's limit for every test.
   */
  limitMode = $state<'relative' | 'fixed'>('relative');
  /** Stop a run after this many timeouts in a row; 0 runs every test. */
  stopAfterTimeouts = $state(DEFAULT_STOP_AFTER_TIMEOUTS);
  /** The last finished Tests run as saved, kept while the next one runs. */
  private savedRun: StoredTestsView['run'];
  /** The oracle's time on each case measured so far (case id → ms), kept for the page's life. */
  private readonly oracleTimes = new Map<string, number>();

  /** Scratch tests first (the user's own), then the pack's visible cases. */
  readonly entries: TestEntry[] = $derived.by(() => [
    ...this.workspace.scratchTests.map((t) => ({ set: 'scratch' as const, case: t.case, gold: t.gold })),
    ...this.pack.visible.map((v) => ({ set: 'visible' as const, case: v.case, gold: v.gold })),
  ]);

  readonly filteredEntries: TestEntry[] = $derived.by(() => {
    const words = this.testFilter.toLowerCase().split(/\s+/).filter(Boolean);
    return this.entries.filter((e) => {
      const haystack = `${e.set} ${e.case.id} ${e.case.feature ?? ''} ${joinShellWords(e.case.argv)}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    });
  });

  private warmed = false;

  private constructor(pack: Pack, workspace: Workspace, console: OracleConsole, submissions: SubmissionLog) {
    this.pack = pack;
    this.workspace = workspace;
    this.console = console;
    this.submissions = submissions;
  }

  /** Keeps the filter, "failing only" and the last finished Tests run of this target in the browser. */
  saveTestsView(): Promise<boolean> {
    const view: StoredTestsView = {
      target: this.pack.target.id,
      filter: this.testFilter,
      failingOnly: this.failingOnly,
    };
    // While a run goes on, the last finished one stays saved.
    const run = this.testRun?.stored() ?? this.savedRun;
    if (run) view.run = this.savedRun = run;
    return persist(`tests-view:${view.target}`, (db) => db.put('tests-views', view));
  }

  /** Puts back the Tests tab as it was saved: filter, "failing only", and the last run's verdicts. */
  private restoreTestsView(view: StoredTestsView | undefined): void {
    if (!view) return;
    this.testFilter = view.filter;
    this.failingOnly = view.failingOnly;
    this.savedRun = view.run;
    if (view.run)
      this.testRun = new TestRun(
        { pack: this.pack, toolchain: this.workspace.toolchain, files: this.workspace.files, limits: {} },
        view.run,
      );
  }

  static async open(id: string): Promise<Loaded<TargetSession>> {
    const loaded = await loadPack(id);
    if (loaded.kind === 'error') return loaded;
    const pack = loaded.value;
    const oracle = (): Promise<Loaded<WasmProgram>> => loadOracle(pack);
    const [workspace, submissions, console, testsView] = await Promise.all([
      Workspace.open(id, pack.target.program),
      (async () => {
        const log = new SubmissionLog(id);
        await log.load();
        return log;
      })(),
      (async () => {
        const c = new OracleConsole(id, pack.target.program, oracle);
        await c.loadHistory();
        return c;
      })(),
      retrieve((db) => db.get('tests-views', id), undefined),
    ]);
    const first = pack.visible.find((v) => v.case.stdin === undefined && !v.case.files)?.case;
    if (first) console.argsLine = joinShellWords(first.argv);
    const session = new TargetSession(pack, workspace, console, submissions);
    session.restoreTestsView(testsView);
    return { kind: 'ok', value: session };
  }

  /**
   * Gets the first Run off to a quick start: downloads the oracle, starts the shared pool's workers and has one of
   * them compile and run the oracle once (`--version`, output discarded), all while the user is still reading.
   */
  warmUp(): void {
    if (this.warmed) return;
    this.warmed = true;
    void loadOracle(this.pack).then((oracle) => {
      if (oracle.kind !== 'ok') return;
      const input = { argv: ['--version'], stdin: new Uint8Array(), files: {} };
      const limits = { ...DEFAULT_LIMITS, wallMs: 2000, outputBytes: 64 * 1024 };
      void sharedPool().run(consoleRequest(oracle.value, this.pack.target.program, input, limits));
    });
  }

  /** Opens a diagnostic's file in the workspace at its line; false when it points at no workspace file. */
  revealDiagnostic(d: Diagnostic): boolean {
    if (!d.file || !this.workspace.files.some((f) => f.name === d.file)) return false;
    this.workspace.select(d.file);
    this.reveal = { file: d.file, line: d.line ?? 1, column: d.column ?? 1, seq: (this.reveal?.seq ?? 0) + 1 };
    return true;
  }

  /** Each case's relative time limit; times the oracle on the cases not timed yet (once per page). */
  private async relativeLimits(cases: readonly TestCase[]): Promise<ReadonlyMap<string, number>> {
    const untimed = cases.filter((c) => !this.oracleTimes.has(c.id));
    if (untimed.length > 0) {
      const oracle = await loadOracle(this.pack);
      if (oracle.kind === 'error') throw new Error(oracle.message);
      const measured = await measureOracleTimes({
        pack: this.pack,
        oracle: oracle.value,
        runner: sharedRunner,
        cases: untimed,
      });
      for (const [id, ms] of measured) this.oracleTimes.set(id, ms);
    }
    return relativeTimeLimits(
      new Map(cases.flatMap((c) => (this.oracleTimes.has(c.id) ? [[c.id, this.oracleTimes.get(c.id) as number]] : []))),
    );
  }

  /** The time limits and the early stop of a Tests or Submit run over `cases`. */
  private runLimits(cases: readonly TestCase[]): Pick<TestRunOptions, 'limits' | 'timeLimits' | 'stopAfterTimeouts'> {
    return {
      limits: { wallMs: this.workspace.timeLimitMs },
      ...(this.limitMode === 'relative' ? { timeLimits: () => this.relativeLimits(cases) } : {}),
      stopAfterTimeouts: this.stopAfterTimeouts,
    };
  }

  /**
   * Puts a past submission's code into the workspace. The code now there is kept first: as a backup in the browser
   * (unless a submission already holds exactly it) and as the workspace's undo.
   */
  async restoreSubmission(s: StoredSubmission): Promise<void> {
    if (!s.files) return;
    const current = sourcesDigest(this.workspace.files);
    if (!this.submissions.records.some((r) => r.codeHash === current)) {
      const backup = {
        target: this.pack.target.id,
        at: Date.now(),
        toolchain: this.workspace.toolchainId,
        files: this.workspace.files,
      };
      await persist(`code-backup:${backup.target}`, (db) =>
        db.put('settings', { name: `code-backup:${backup.target}`, value: JSON.stringify(backup) }),
      );
    }
    this.workspace.adopt(s.toolchain, s.files);
  }

  /** Runs the visible tests now listed (all of them, or the filtered ones) and the matching scratch tests. */
  runTests(): TestRun | undefined {
    if (this.testRun?.active) return undefined;
    const entries = this.filteredEntries;
    const scratch = entries.filter((e) => e.set === 'scratch');
    const pack: Pack = {
      ...this.pack,
      visible: [...scratch.map((e) => ({ case: e.case, gold: e.gold })), ...this.pack.visible],
      hidden: [],
    };
    const run = new TestRun({
      pack,
      toolchain: this.workspace.toolchain,
      files: this.workspace.files,
      only: 'visible',
      ids: new Set(entries.map((e) => e.case.id)),
      ...this.runLimits(entries.map((e) => e.case)),
    });
    this.testRun = run;
    this.lastBuild = run;
    void run.finished.then(() => this.saveTestsView());
    return run;
  }

  /** Scores visible and hidden tests together and records the submission when it completes. */
  submit(): TestRun | undefined {
    if (this.submitRun?.active) return undefined;
    const run = new TestRun({
      pack: this.pack,
      toolchain: this.workspace.toolchain,
      files: this.workspace.files,
      ...this.runLimits([...this.pack.visible.map((v) => v.case), ...this.pack.hidden.map((h) => h.case)]),
    });
    this.submitRun = run;
    this.lastBuild = run;
    void run.finished.then(async () => {
      if (run.phase === 'done' && run.report)
        await this.submissions.add(run.report, run.codeHash, run.options.toolchain.id, run.options.files);
    });
    return run;
  }
}
