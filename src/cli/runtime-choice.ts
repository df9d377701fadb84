import type { Runner } from '../core/runner.ts';
import { createNodePool } from '../node/node-pool.ts';
import type { Isolation } from '../node/sandbox/bwrap.ts';
import { createCandidateRunner } from '../node/sandbox/candidate-runner.ts';
import { availableParallelism } from 'node:os';
import { CliError } from './cli-error.ts';

/** The backends a run can use: the shim pool (the reference) or @wasmer/sdk (docs/runtimes-wasmer.md). */
export const RUNTIMES = ['shim', 'wasmer'] as const;
export type RuntimeId = (typeof RUNTIMES)[number];

export function parseRuntime(value: string | undefined): RuntimeId {
  if (value === undefined) return 'shim';
  if ((RUNTIMES as readonly string[]).includes(value)) return value as RuntimeId;
  throw new CliError(`--runtime wants ${RUNTIMES.join(' or ')}, got '${value}'`);
}

/**
 * A runner on the chosen backend, `parallelism` runs at a time (undefined: one per core). The SDK is imported only
 * when asked for, so shim runs do not pay for loading it.
 */
export async function createRunner(runtime: RuntimeId, parallelism?: number): Promise<Runner> {
  if (runtime === 'shim') return createNodePool(parallelism);
  const { createWasmerNodeRunner } = await import('../node/wasmer-node.ts');
  return createWasmerNodeRunner(parallelism);
}

/**
 * The runner of a candidate: WASI modules on the chosen backend, script programs (Python, JavaScript) in sandboxed
 * child processes isolated as `isolation` says, whatever the backend (the wasmer backend runs only WASI modules).
 */
export function createCandidateRunnerFor(runtime: RuntimeId, isolation: Isolation, parallelism?: number): Runner {
  return createCandidateRunner({
    wasi: () => createRunner(runtime, parallelism),
    isolation,
    parallelism: parallelism ?? availableParallelism(),
  });
}
