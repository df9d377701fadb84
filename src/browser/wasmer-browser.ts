import { wrap, type Remote } from 'comlink';
import type { Program, RunRequest } from '../core/run-request.ts';
import { noOutput, type RunResult } from '../core/run-result.ts';
import type { RunOptions, Runner } from '../core/runner.ts';
import { isOutOfWasmMemory } from '../runtimes/out-of-wasm-memory.ts';
import type { WasmerWorkerApi } from '../../workers/wasmer.worker.ts';
import { releaseIdlePageWorkers } from './browser-pool.ts';
import { WASMER_SDK_PATH } from './wasmer-sdk-path.ts';

/**
 * How often one run may meet a page out of WebAssembly memory before its error is the answer. A fresh worker has
 * always had room at the first retry; the second is for a page whose other workers were briefly full too.
 */
const ATTEMPTS = 3;

/** One wasmer worker and everything that runs in it; replaced as a whole, never repaired. */
interface Generation {
  readonly worker: Worker;
  readonly api: Remote<WasmerWorkerApi>;
  /** Rejects when the worker fails or is retired: such a worker answers no message again. */
  readonly lost: Promise<never>;
  retire(why: string): void;
  retired: boolean;
  /** The worker reported an error: whatever it still holds will never answer. */
  failed: boolean;
  /** Runs handed to it and not yet answered. */
  inFlight: number;
  /** Gets no new runs, and is retired once `inFlight` is 0 (see drain). */
  draining: boolean;
}

/**
 * The @wasmer/sdk backend in the browser: a Runner that forwards every run to one dedicated worker, where the SDK is
 * allowed to block (see workers/wasmer.worker.ts). The SDK spreads processes over its own workers from there, so one
 * forwarding worker is enough. The SDK is the copy this site serves (scripts/vite-wasmer-plugin.ts).
 *
 * The SDK's workers drop each finished instance but collect it late, and Chromium counts every uncollected
 * WebAssembly memory of the page against one limit: after a few thousand runs under load, a new instance no longer
 * fits ("Out of memory: Cannot allocate Wasm memory") and the SDK gives up its whole worker pool. Only ending the
 * workers frees their memories at once, so the worker is then replaced (and the page pool's idle workers with it)
 * and the runs it held run again in the new one (≈1–2 s to load the SDK and rewrite the guest again, paid only when
 * the page has run out). Runs are deterministic, so running one again gives the same bytes. Any other failure of the worker fails the runs it held
 * and replaces it for later runs, so one crash never leaves the backend dead; and a run that ended by timeout has
 * its worker retired once idle (see drain), because the SDK cannot stop a guest that makes no system call.
 */
export function createWasmerBrowserRunner(
  hooks: { onRestart?: (why: string, releasedIdleWorkers: number) => void } = {},
): Runner {
  let current = startGeneration();
  /** Every generation not yet retired: the current one and any still draining. */
  const live = new Set<Generation>([current]);
  let restarts = 0;
  let nextId = 0;
  /** Ends a generation for good: its worker, and every SDK worker under it, goes. */
  const end = (generation: Generation, why: string): void => {
    generation.retire(why);
    live.delete(generation);
  };
  /** Makes a new current generation in place of `old`, unless that was done already. */
  const restart = (old: Generation, why: string): void => {
    if (current !== old) return;
    restarts++;
    current = startGeneration();
    live.add(current);
    // The page's other workers count against the same limit: the shim pool's idle ones go too (CI once saw three
    // fresh wasmer workers in a row fail to instantiate binaryen while the shim's idle workers held the memory).
    const released = isOutOfWasmMemory(why) ? releaseIdlePageWorkers() : 0;
    console.warn(`mirrorbox: wasmer worker restarted (${restarts}; ${released} idle runner workers replaced): ${why}`);
    hooks.onRestart?.(why, released);
  };
  /** Replaces `lost` at once (however many of its runs report it): its runs will never be answered. */
  const replace = (lost: Generation, why: string): void => {
    end(lost, why);
    restart(lost, why);
  };
  /**
   * The SDK marks a timed-out or killed process as ended, but the thread running a guest that makes no system call
   * cannot be interrupted: it spins on, a whole core, until its worker ends (measured: 5 CPU-seconds in the 5 s after
   * one 300 ms timeout, 0 without it). So the generation takes no new runs and ends once the runs it holds are done.
   */
  const drain = (generation: Generation, why: string): void => {
    restart(generation, why);
    generation.draining = true;
    settle(generation);
  };
  const settle = (generation: Generation): void => {
    if (generation.draining && generation.inFlight === 0 && !generation.retired) end(generation, 'drained');
  };
  return {
    async run(request: RunRequest<Program>, options: RunOptions = {}): Promise<RunResult> {
      for (let attempt = 1; ; attempt++) {
        const generation = current;
        const id = nextId++;
        const onAbort = (): void => void generation.api.cancel(id);
        options.signal?.addEventListener('abort', onAbort, { once: true });
        let result: RunResult;
        generation.inFlight++;
        try {
          result = await Promise.race([generation.api.run(id, request), generation.lost]);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          const exhausted = isOutOfWasmMemory(message);
          // Runs that were queued in a worker retired for want of memory carry its message too, and run again.
          if (exhausted || generation.failed) replace(generation, message);
          if (options.signal?.aborted) return { kind: 'cancelled', ...noOutput(0) };
          if (exhausted && attempt < ATTEMPTS) continue;
          throw e;
        } finally {
          options.signal?.removeEventListener('abort', onAbort);
          generation.inFlight--;
          settle(generation);
        }
        // A cancelled run that never started (ms 0) left nothing running.
        if (result.kind === 'timeout' || (result.kind === 'cancelled' && result.ms > 0))
          drain(generation, `a run ended by ${result.kind} may still be running in the SDK`);
        return result;
      }
    },
    async close(): Promise<void> {
      const generations = [...live];
      live.clear();
      await Promise.all(generations.map((g) => g.api.close().catch(() => undefined)));
      for (const generation of generations) generation.retire('closed');
    },
  };
}

function startGeneration(): Generation {
  const worker = new Worker(new URL('../../workers/wasmer.worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<WasmerWorkerApi>(worker);
  void api.open(new URL(`${import.meta.env.BASE_URL}${WASMER_SDK_PATH}/`, location.href).href);
  let reject: (e: Error) => void = () => undefined;
  const lost = new Promise<never>((_, r) => (reject = r));
  lost.catch(() => undefined);
  const generation: Generation = {
    worker,
    api,
    lost,
    retired: false,
    failed: false,
    inFlight: 0,
    draining: false,
    retire(why) {
      if (generation.retired) return;
      generation.retired = true;
      reject(new Error(`the wasmer worker was replaced: ${why}`));
      worker.terminate();
    },
  };
  worker.addEventListener(
    'error',
    (e: ErrorEvent) => {
      generation.failed = true;
      reject(new Error(`the wasmer worker failed: ${e.message || 'worker error'}`));
    },
    { once: true },
  );
  return generation;
}
