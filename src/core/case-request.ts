import { decodeTextOrBytes } from './bytes.ts';
import { CONTRACT_EPOCH, CONTRACT_RANDOM_SEED, contractEnv, instantToNs } from './environment.ts';
import type { Limits } from './limits.ts';
import type { Program, RunRequest } from './run-request.ts';
import type { TestCase } from './test-case.ts';

/** The run a test case stands for. Oracle and candidate get exactly this request, differing only in program. */
export function caseRequest<P extends Program>(
  program: P,
  programName: string,
  testCase: TestCase,
  limits: Limits,
): RunRequest<P> {
  const files: Record<string, Uint8Array> = {};
  for (const [name, value] of Object.entries(testCase.files ?? {})) files[name] = decodeTextOrBytes(value);
  const clockNs = instantToNs(testCase.clock ?? CONTRACT_EPOCH);
  if (clockNs === undefined)
    throw new RangeError(`test case ${testCase.id}: clock ${testCase.clock} is not an ISO-8601 instant`);
  return {
    program,
    argv: [programName, ...testCase.argv],
    stdin: testCase.stdin === undefined ? new Uint8Array() : decodeTextOrBytes(testCase.stdin),
    files,
    env: contractEnv(testCase.env),
    clockNs,
    seed: CONTRACT_RANDOM_SEED,
    limits,
  };
}
