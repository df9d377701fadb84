import { TRAP_EXIT_CODE } from '../../core/environment.ts';
import type { Limits } from '../../core/limits.ts';
import { noOutput, type RunResult } from '../../core/run-result.ts';

/**
 * A result as it came over a sandboxed child's IPC channel, where candidate code may have written it: it becomes
 * the run's result only if it has a RunResult's shape and keeps the run's limits (streams no longer than the output
 * limit). Anything else is a trap, so a forged answer cannot pass for a verdict it could not have earned.
 */
export function checkedResult(value: unknown, limits: Limits): RunResult {
  const problem = shapeProblem(value, limits);
  if (problem === undefined) return value as RunResult;
  return {
    kind: 'trap',
    code: TRAP_EXIT_CODE,
    message: `the sandboxed runner gave a malformed result (${problem})`,
    ...noOutput(0),
  };
}

const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);
const isMs = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function shapeProblem(value: unknown, limits: Limits): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const r = value as Record<string, unknown>;
  if (!isMs(r.ms)) return 'ms';
  if (r.kind === 'invalid-module') return typeof r.message === 'string' ? undefined : 'message';
  for (const stream of ['stdout', 'stderr'] as const) {
    const bytes = r[stream];
    if (!(bytes instanceof Uint8Array)) return stream;
    if (bytes.length > limits.outputBytes) return `${stream} past the output limit`;
  }
  const files = r.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return 'files';
  for (const content of Object.values(files)) if (!(content instanceof Uint8Array)) return 'files';
  switch (r.kind) {
    case 'exited':
      return isInt(r.code) ? undefined : 'code';
    case 'trap':
      return isInt(r.code) && typeof r.message === 'string' ? undefined : 'trap';
    case 'timeout':
      return isMs(r.limitMs) ? undefined : 'limitMs';
    case 'output-limit':
      return (r.stream === 'stdout' || r.stream === 'stderr') && isInt(r.limitBytes) ? undefined : 'output-limit';
    case 'memory-limit':
    case 'file-limit':
      return isInt(r.limitBytes) ? undefined : 'limitBytes';
    case 'cancelled':
      return undefined;
    default:
      return 'kind';
  }
}
