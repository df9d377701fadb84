import { WorkerPool } from '../pool/worker-pool.ts';
import { createRealmPool } from './candidate-realm.ts';

/** The worker pool on Web Workers, sized to the machine's cores (at least 1, at most 8). */
export function createBrowserPool(size = Math.min(8, Math.max(1, navigator.hardwareConcurrency || 2))): WorkerPool {
  return new WorkerPool(() => {
    const worker = new Worker(new URL('../../workers/runner.worker.ts', import.meta.url), { type: 'module' });
    return {
      endpoint: worker,
      terminate: () => worker.terminate(),
      onCrash: (callback) => {
        worker.addEventListener('error', (e) => callback(e.message || 'worker error'));
      },
    };
  }, size);
}

let pagePoolInstance: WorkerPool | undefined;

/**
 * The worker pool of the page's own origin, created on first use: the oracle's runs (the reference program of a
 * pack) and the terminal's. Candidate code never runs here: see candidatePool.
 */
export function pagePool(): WorkerPool {
  pagePoolInstance ??= createBrowserPool();
  return pagePoolInstance;
}

let candidatePoolInstance: WorkerPool | undefined;

/**
 * The pool of the candidate realm (src/browser/candidate-realm.ts), created on first use: every run of candidate
 * code (Tests, Submit, the Python syntax check), in workers of an opaque origin that can reach nothing.
 */
export function candidatePool(): WorkerPool {
  candidatePoolInstance ??= createRealmPool();
  return candidatePoolInstance;
}

/**
 * Replaces the idle workers of both pools (those the page has yet): for a page out of WebAssembly memory, whose
 * idle runner workers may still hold their finished runs' memories (WorkerPool.releaseIdleWorkers). Returns how many.
 */
export function releaseIdlePageWorkers(): number {
  return (pagePoolInstance?.releaseIdleWorkers() ?? 0) + (candidatePoolInstance?.releaseIdleWorkers() ?? 0);
}
