import type { Program, RunRequest } from './run-request.ts';
import type { RunResult } from './run-result.ts';

/**
 * The one interface every execution backend implements (inline shim, worker pool in the browser, worker pool in
 * Node). Like Inspect's sandbox: callers never learn which backend runs their program.
 */
export interface Runner {
  run(request: RunRequest<Program>, options?: RunOptions): Promise<RunResult>;
  /** Frees workers and caches; the runner must not be used afterwards. */
  close(): Promise<void>;
}

export interface RunOptions {
  /** Aborting stops the run at once; it then resolves as `cancelled`. */
  signal?: AbortSignal;
}
