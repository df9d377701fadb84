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
