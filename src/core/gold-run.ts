import { caseRequest } from './case-request.ts';
import { outcomeOf, type Outcome } from './gold.ts';
import type { Limits } from './limits.ts';
import type { WasmProgram } from './run-request.ts';
import { describeStop } from './run-result.ts';
import type { Runner } from './runner.ts';
import type { TargetMeta } from './target.ts';
import type { TestCase } from './test-case.ts';

export type GoldRun = { kind: 'ok'; outcomes: Map<string, Outcome> } | { kind: 'error'; message: string };

/** Runs the oracle over test cases to produce their gold outcomes; a case the oracle cannot finish is an error. */
export async function runGold(
  runner: Runner,
  oracle: WasmProgram,
  target: TargetMeta,
  cases: readonly TestCase[],
  limits: Limits,
): Promise<GoldRun> {
  const outcomes = new Map<string, Outcome>();
  const problems: string[] = [];
  await Promise.all(
    cases.map(async (testCase) => {
      const result = await runner.run(caseRequest(oracle, target.program, testCase, limits));
      const outcome = outcomeOf(result);
      if (outcome) outcomes.set(testCase.id, outcome);
      else problems.push(`${testCase.id}: ${describeStop(result)}`);
    }),
  );
  if (problems.length > 0) {
    return {
      kind: 'error',
      message: `the oracle did not finish ${problems.length} case(s): ${problems.slice(0, 3).join('; ')}`,
    };
  }
  return { kind: 'ok', outcomes };
}
