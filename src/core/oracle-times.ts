import { caseRequest } from './case-request.ts';
import { RELATIVE_TIME_LIMIT, relativeTimeLimitMs, withDefaults, type Limits } from './limits.ts';
import type { Pack } from './pack.ts';
import type { WasmProgram } from './run-request.ts';
import type { Runner } from './runner.ts';
import type { TestCase } from './test-case.ts';

export interface OracleTimesOptions {
  pack: Pack;
  oracle: WasmProgram;
  runner: Runner;
  /** The cases to time; all of the pack's (visible and hidden) by default. */
  cases?: readonly TestCase[];
  limits?: Partial<Limits>;
  signal?: AbortSignal;
}

/**
 * The oracle's own wall time on each case, in ms, measured by running it on each case (its output is not kept).
 * Packs carry the oracle's bytes, not its times, and times belong to the machine that runs the candidate anyway.
 * A case the oracle does not finish gets no time (and so no relative limit).
 */
export async function measureOracleTimes(options: OracleTimesOptions): Promise<Map<string, number>> {
  const { pack, oracle, runner } = options;
  const cases = options.cases ?? [...pack.visible.map((v) => v.case), ...pack.hidden.map((h) => h.case)];
  const limits = withDefaults(options.limits);
  const times = new Map<string, number>();
  const timeAll = (list: readonly TestCase[]): Promise<unknown> =>
    Promise.all(
      list.map(async (testCase) => {
        const result = await runner.run(caseRequest(oracle, pack.target.program, testCase, limits), {
          signal: options.signal,
        });
        if (result.kind !== 'exited' && result.kind !== 'trap') return;
        times.set(testCase.id, Math.min(result.ms, times.get(testCase.id) ?? Infinity));
      }),
    );
  await timeAll(cases);
  // A first run in a fresh worker, or on a busy machine, can take many times the usual: a case whose time would
  // lift its limit above the floor is timed once more, and the faster run counts.
  const floorUpToMs = RELATIVE_TIME_LIMIT.floorMs / RELATIVE_TIME_LIMIT.factor;
  await timeAll(cases.filter((c) => (times.get(c.id) ?? 0) > floorUpToMs));
  return times;
}

/** Each case's time limit by the relative rule (relativeTimeLimitMs), from the oracle's measured times. */
export function relativeTimeLimits(oracleTimes: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...oracleTimes].map(([id, ms]) => [id, relativeTimeLimitMs(ms)]));
}
