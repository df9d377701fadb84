import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkerPool } from '../pool/worker-pool.ts';
import { workerBundleUrl } from './worker-bundle.ts';

const entry = fileURLToPath(new URL('../../workers/runner.node-worker.ts', import.meta.url));
let script: URL | undefined;

/**
 * The worker, bundled once per process (≈30 ms): every timeout replaces a worker, so it must start fast. QuickJS's
 * Emscripten loader calls createRequire with import.meta.url, hence the worker's source file stands in for it.
 */
function workerScript(): URL {
  script ??= workerBundleUrl({ entryPoints: [entry] }, entry);
  return script;
}

/** The worker pool on Node's worker_threads, sized to the machine's cores. Its workers keep Node alive until close(). */
export function createNodePool(size = availableParallelism()): WorkerPool {
  const url = workerScript();
  return new WorkerPool(() => {
    const worker = new Worker(url);
    return {
      endpoint: nodeEndpoint(worker),
      terminate: () => void worker.terminate(),
      onCrash: (callback) => {
        worker.on('error', (e) => callback(e.message));
        worker.on('exit', (code) => callback(`exit ${code}`));
      },
    };
  }, size);
}
