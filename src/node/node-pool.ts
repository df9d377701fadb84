import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { buildSync } from 'esbuild';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkerPool } from '../pool/worker-pool.ts';

const entry = fileURLToPath(new URL('../../workers/runner.node-worker.ts', import.meta.url));
let script: URL | undefined;

/**
 * The worker as one plain-JS module, bundled once per process from the TypeScript sources (≈30 ms). A worker then
 * starts in tens of milliseconds instead of paying for a TypeScript loader, which matters because every timeout
 * replaces a worker; and the bundle can never be stale, since it is made from the sources each time.
 */
function workerScript(): URL {
  if (!script) {
    const out = buildSync({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      logLevel: 'error',
      // The bundle runs from a data: URL, which Node's createRequire refuses; QuickJS's Emscripten loader calls it
      // with import.meta.url, so the bundle reports the worker's source file instead.
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(entry).href) },
    });
    script = new URL(`data:text/javascript,${encodeURIComponent(out.outputFiles[0]?.text ?? '')}`);
  }
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
