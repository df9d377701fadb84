import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Rewritten } from '../runtimes/wasmer/guest-rewrite.ts';
import { workerBundleUrl } from './worker-bundle.ts';

/**
 * The guest rewrite (binaryen) on a worker thread of its own. The CLI runs through tsx, whose loader scans every
 * ES module it loads for dynamic imports: for binaryen's 14.8 MB that took 9–10 s, against 0.7 s for plain Node.
 * A worker made from an esbuild bundle (as src/node/node-pool.ts does) has no loader, so binaryen loads natively;
 * the rewrite also stops blocking the thread that drives the runs.
 */
const source = `
import { parentPort } from 'node:worker_threads';
import { rewriteGuest } from './guest-rewrite.ts';
parentPort.on('message', async ({ id, bytes }) => {
  const result = await rewriteGuest(bytes);
  parentPort.postMessage({ id, result }, result.kind === 'ok' ? [result.template.buffer] : []);
});
`;

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, (result: Rewritten) => void>();

function start(): Worker {
  const binaryenUrl = import.meta.resolve('binaryen');
  // binaryen stays a module of its own, imported by absolute URL (the bundle runs from a data: URL).
  const script = workerBundleUrl(
    {
      stdin: {
        contents: source,
        resolveDir: fileURLToPath(new URL('../runtimes/wasmer/', import.meta.url)),
        sourcefile: 'guest-rewrite-thread-entry.ts',
        loader: 'ts',
      },
      external: ['binaryen'],
    },
    fileURLToPath(import.meta.url),
    (code) => code.replaceAll('import("binaryen")', `import(${JSON.stringify(binaryenUrl)})`),
  );
  const w = new Worker(script);
  w.on('message', ({ id, result }: { id: number; result: Rewritten }) => {
    pending.get(id)?.(result);
    pending.delete(id);
    if (pending.size === 0) w.unref();
  });
  w.on('error', (e) => {
    for (const resolve of pending.values()) resolve({ kind: 'error', message: `rewrite thread failed: ${e.message}` });
    pending.clear();
    worker = undefined;
  });
  return w;
}

/** rewriteGuest on the rewrite thread. The thread does not keep Node alive while it has nothing to do. */
export function rewriteOnThread(bytes: Uint8Array): Promise<Rewritten> {
  worker ??= start();
  const w = worker;
  const id = nextId++;
  w.ref();
  return new Promise((resolve) => {
    pending.set(id, resolve);
    const copy = bytes.slice();
    w.postMessage({ id, bytes: copy }, [copy.buffer]);
  });
}
