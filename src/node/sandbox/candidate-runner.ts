import type { Program, RunRequest } from '../../core/run-request.ts';
import type { RunResult } from '../../core/run-result.ts';
import type { RunOptions, Runner } from '../../core/runner.ts';
import type { Isolation } from './bwrap.ts';
import { untrustedOrTrap } from '../../core/untrusted-result.ts';
import { createSandboxPool } from './sandbox-pool.ts';

/**
 * The runner of candidates in Node: WASI modules (C, prebuilt .wasm) go to `wasi`, which reaches only WASI imports;
 * script programs (Python, JavaScript), whose engines a program can escape into, go to a pool of sandboxed child
 * processes. Each side starts on its first run, so a C candidate never starts a child and a Python one never a
 * worker thread.
 */
export function createCandidateRunner(options: {
  wasi: () => Promise<Runner>;
  isolation: Isolation;
  parallelism: number;
}): Runner {
  let wasi: Promise<Runner> | undefined;
  let scripts: Runner | undefined;
  let closed = false;
  const scriptRunner = (): Runner => {
    if (scripts) return scripts;
    const pool = createSandboxPool(options.parallelism, options.isolation);
    if (typeof pool === 'string') throw new Error(`cannot start the sandboxed runner: ${pool}`);
    scripts = pool;
    return scripts;
  };
  return {
    async run(request: RunRequest<Program>, runOptions?: RunOptions): Promise<RunResult> {
      if (closed) throw new Error('the candidate runner is closed');
      if (request.program.kind === 'script')
        return untrustedOrTrap(await scriptRunner().run(request, runOptions), request.limits, 'the sandboxed runner');
      wasi ??= options.wasi();
      return (await wasi).run(request, runOptions);
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all([scripts?.close(), wasi?.then((runner) => runner.close())]);
    },
  };
}
