import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { WorkerPool } from '../pool/worker-pool.ts';

// Workers load TypeScript through tsx's API, like the CLI itself (Node 20 ignores `--import` in a worker's
// execArgv). Paths are resolved here so the pool works from any cwd.
const entry = new URL('../../workers/runner.node-worker.ts', import.meta.url).href;
const bootstrap = new URL(
  `data:text/javascript,${encodeURIComponent(
    `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};\n` +
      `register();\nawait import(${JSON.stringify(entry)});\n`,
  )}`,
);

/** The worker pool on Node's worker_threads, sized to the machine's cores. Its workers keep Node alive until close(). */
export function createNodePool(size = availableParallelism()): WorkerPool {
  return new WorkerPool(() => {
    const worker = new Worker(bootstrap);
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
