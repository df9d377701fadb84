import { Wasmer } from '@wasmer/sdk/node';
import { availableParallelism } from 'node:os';
import type { Runner } from '../core/runner.ts';
import { WasmerRunner } from '../runtimes/wasmer/wasmer-runner.ts';
import { rewriteOnThread } from './guest-rewrite-thread.ts';

/** How long `close()` waits for the SDK to shut down by itself before stopping its worker threads. */
const CLOSE_GRACE_MS = 1000;

type WorkerLike = { terminate(): void };
type WorkerClass = new (...args: never[]) => WorkerLike;

/** Every SDK worker thread not yet terminated. */
const liveWorkers = new Set<WorkerLike>();

/**
 * The SDK never stops a guest that loops without system calls: `kill()`, `terminate()` and its own `timeoutMs` end
 * the process as far as its API is concerned, but the worker thread spins on, and `Wasmer.close()` then never
 * returns, so the CLI would never exit. The SDK makes its threads with `new globalThis.Worker(…)`, which in Node it
 * sets to its own adapter over worker_threads unless a `Worker` is already there. Installing that same adapter
 * first, wrapped so that every instance is known, lets close() terminate what the SDK left running. The adapter is
 * not in the package's exports, so it is loaded by file URL next to the entry point (the same module instance the
 * SDK imports itself).
 */
async function installTrackedWorkers(): Promise<void> {
  const existing = (globalThis as { Worker?: unknown }).Worker as WorkerClass | undefined;
  if (existing && liveWorkersClass.has(existing)) return;
  const base =
    existing ??
    (
      (await import(new URL('./node-worker-adapter.js', import.meta.resolve('@wasmer/sdk/node')).href)) as {
        NodeWorkerAdapter: WorkerClass;
      }
    ).NodeWorkerAdapter;
  const Base = base as unknown as new (...args: unknown[]) => WorkerLike;
  class TrackedWorker extends Base {
    constructor(...args: unknown[]) {
      super(...args);
      liveWorkers.add(this);
    }
    override terminate(): void {
      liveWorkers.delete(this);
      super.terminate();
    }
  }
  liveWorkersClass.add(TrackedWorker);
  Object.defineProperty(globalThis, 'Worker', { configurable: true, value: TrackedWorker });
}
const liveWorkersClass = new Set<unknown>();

// Before any client exists: the SDK installs its own adapter on first use otherwise.
await installTrackedWorkers();

/**
 * The wasmer backend in Node. The client is made here, not in the runner, because the SDK has one entry point per
 * platform. No package cache on disk: mirrorbox runs only its own modules and never fetches registry packages.
 */
export function createWasmerNodeRunner(parallelism = availableParallelism()): Runner {
  const before = new Set(liveWorkers);
  const runner = new WasmerRunner(new Wasmer({ cache: false }), parallelism, rewriteOnThread);
  return {
    run: (request, options) => runner.run(request, options),
    async close(): Promise<void> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const graceful = await Promise.race([
        runner.close().then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_GRACE_MS))),
      ]);
      clearTimeout(timer);
      if (graceful) return;
      // Threads that appeared since this client was made; another client in the same process keeps its own.
      for (const w of [...liveWorkers]) if (!before.has(w)) w.terminate();
    },
  };
}
