// Browser entry of the @wasmer/sdk backend. The SDK blocks with Atomics.wait, which Chromium forbids on a page's
// main thread ("Atomics.wait cannot be called in this context"), so the whole runner lives in this worker; its
// main-thread wrapper is src/browser/wasmer-browser.ts. The SDK itself is imported at run time from the site's own
// copy (src/browser/wasmer-sdk-client.ts, as the terminal worker does); binaryen is imported by the first rewrite
// (src/runtimes/wasmer/guest-rewrite.ts), so neither is part of this worker's bundle or of the page's.
import { expose } from 'comlink';
import type { Program, RunRequest } from '../src/core/run-request.ts';
import type { RunResult } from '../src/core/run-result.ts';
import { WasmerRunner } from '../src/runtimes/wasmer/wasmer-runner.ts';
import { loadWasmerClient } from '../src/browser/wasmer-sdk-client.ts';

export interface WasmerWorkerApi {
  /** Loads the SDK from `sdkBase` (the page knows the site's base; this worker's location is its own script's). */
  open(sdkBase: string): void;
  /** Starts a run under `id`; cancel(id) stops it (an AbortSignal cannot cross postMessage). */
  run(id: number, request: RunRequest<Program>): Promise<RunResult>;
  cancel(id: number): void;
  close(): Promise<void>;
}

let sdkBase: string | undefined;
let runner: Promise<WasmerRunner> | undefined;
const running = new Map<number, AbortController>();

/** The runner, its SDK loaded on first use; a failed load is not remembered, so the next run tries again. */
function opened(): Promise<WasmerRunner> {
  if (sdkBase === undefined) return Promise.reject(new Error('the wasmer worker was not opened'));
  if (!runner) {
    runner = loadWasmerClient(sdkBase).then((wasmer) => new WasmerRunner(wasmer));
    runner.catch(() => (runner = undefined));
  }
  return runner;
}

const api: WasmerWorkerApi = {
  open(base) {
    sdkBase = base;
    // Started now, not on the first run: the SDK's set-up overlaps whatever the page does before it runs.
    void opened().catch(() => undefined);
  },
  async run(id, request) {
    const controller = new AbortController();
    running.set(id, controller);
    try {
      return await (await opened()).run(request, { signal: controller.signal });
    } finally {
      running.delete(id);
    }
  },
  cancel(id) {
    running.get(id)?.abort();
  },
  close: async () => {
    if (runner) await (await runner).close();
  },
};

expose(api);
