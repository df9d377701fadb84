import { WorkerPool } from '../pool/worker-pool.ts';

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
 * The one worker pool of the page, created on first use. Runs go through it, and so does anything else that needs an
 * engine in a runner worker (the Python syntax check, src/browser/python-syntax.ts): one set of workers, each
 * starting an engine once.
 */
export function pagePool(): WorkerPool {
  pagePoolInstance ??= createBrowserPool();
  return pagePoolInstance;
}

/**
 * Replaces the page pool's idle workers (if the page has a pool yet): for a page out of WebAssembly memory, whose
 * idle runner workers may still hold their finished runs' memories (WorkerPool.releaseIdleWorkers). Returns how many.
 */
export function releaseIdlePageWorkers(): number {
  return pagePoolInstance?.releaseIdleWorkers() ?? 0;
}
