import type { Limits } from '../../core/limits.ts';
import type { RunResult } from '../../core/run-result.ts';
import type { Prepared } from './prepare.ts';

/** The result of a run that never started because its module could not be prepared. */
export function notReady(prepared: Exclude<Prepared, { kind: 'ready' }>, request: { limits: Limits }): RunResult {
  if (prepared.kind === 'memory-limit') {
    const empty = new Uint8Array();
    return {
      kind: 'memory-limit',
      limitBytes: request.limits.memoryBytes,
      stdout: empty,
      stderr: new TextEncoder().encode(`${prepared.message}\n`),
      files: {},
      ms: 0,
    };
  }
  return { kind: 'invalid-module', message: prepared.message, ms: 0 };
}
