import { caseRequest } from './case-request.ts';
import { outcomeFromJson, outcomeOf, type Outcome } from './gold.ts';
import { withDefaults, type Limits } from './limits.ts';
import type { Pack } from './pack.ts';
import type { Program } from './run-request.ts';
import type { Runner } from './runner.ts';
import type { TestCase, TestSet } from './test-case.ts';
import { judge, type Expectation, type Verdict } from './verdict.ts';

export interface CaseReport {
  id: string;
  set: TestSet;
  verdict: Verdict;
  ms: number;
  /** Visible cases only: what the candidate produced, for diffs. Never filled for hidden cases. */
  actual?: Outcome;
  /** Visible cases only: a stopped run's partial output. */
  partial?: { stdout: Uint8Array; stderr: Uint8Array };
}

export interface ScoreReport {
  target: string;
  visible: { passed: number; total: number };
  hidden: { passed: number; total: number };
  solved: boolean;
  cases: CaseReport[];
}

export interface ScoreOptions {
  pack: Pack;
  candidate: Program;
  runner: Runner;
  only?: TestSet;
  /** Restrict to these case ids (visible filter in the app). */
  ids?: ReadonlySet<string>;
  limits?: Partial<Limits>;
  /** Per-case wall-time limits by case id (relativeTimeLimits), in place of `limits.wallMs` for those cases. */
  timeLimits?: ReadonlyMap<string, number>;
  signal?: AbortSignal;
  onCase?: (report: CaseReport, done: number, total: number) => void;
}

/** Runs a candidate over a pack's tests (pack → tests → runs → verdicts → report). */
export async function scoreCandidate(options: ScoreOptions): Promise<ScoreReport> {
  const { pack, candidate, runner } = options;
  const limits = withDefaults(options.limits);
  const jobs: { testCase: TestCase; set: TestSet; expected: Expectation }[] = [];
  if (options.only !== 'hidden') {
    for (const v of pack.visible)
      jobs.push({ testCase: v.case, set: 'visible', expected: { kind: 'gold', gold: outcomeFromJson(v.gold) } });
  }
  if (options.only !== 'visible') {
    for (const h of pack.hidden)
      jobs.push({ testCase: h.case, set: 'hidden', expected: { kind: 'digest', digest: h.digest } });
  }
  const selected = options.ids ? jobs.filter((j) => options.ids?.has(j.testCase.id)) : jobs;
  let done = 0;
  // The runner queues work on its own workers, so every case is submitted at once.
  const cases = await Promise.all(
    selected.map(async ({ testCase, set, expected }): Promise<CaseReport> => {
      const wallMs = options.timeLimits?.get(testCase.id) ?? limits.wallMs;
      const result = await runner.run(caseRequest(candidate, pack.target.program, testCase, { ...limits, wallMs }), {
        signal: options.signal,
      });
      const report: CaseReport = { id: testCase.id, set, verdict: judge(result, expected), ms: result.ms };
      if (set === 'visible') {
        const actual = outcomeOf(result);
        if (actual) report.actual = actual;
        else if ('stdout' in result) report.partial = { stdout: result.stdout, stderr: result.stderr };
      }
      options.onCase?.(report, ++done, selected.length);
      return report;
    }),
  );
  const tally = (set: TestSet) => {
    const inSet = cases.filter((c) => c.set === set);
    return { passed: inSet.filter((c) => c.verdict.kind === 'pass').length, total: inSet.length };
  };
  const visible = tally('visible');
  const hidden = tally('hidden');
  const solved =
    options.only === undefined &&
    !options.ids &&
    visible.passed === visible.total &&
    hidden.passed === hidden.total &&
    visible.total + hidden.total > 0;
  return { target: pack.target.id, visible, hidden, solved, cases };
}
