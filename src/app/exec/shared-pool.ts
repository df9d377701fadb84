import { createBrowserPool } from '../../browser/browser-pool.ts';
import type { WorkerPool } from '../../pool/worker-pool.ts';

let pool: WorkerPool | undefined;

/**
 * The one worker pool every run of the page goes through (oracle console, tests, submissions), created on first use
 * so the catalog and docs never start a worker.
 */
export function sharedPool(): WorkerPool {
  pool ??= createBrowserPool();
  return pool;
}
