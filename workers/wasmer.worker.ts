// Browser entry of the @wasmer/sdk backend. The SDK blocks with Atomics.wait, which Chromium forbids on a page's
// main thread ("Atomics.wait cannot be called in this context"), so the whole runner lives in this worker; its
// main-thread wrapper is src/browser/wasmer-browser.ts.
import { Wasmer } from '@wasmer/sdk/browser';
import { expose } from 'comlink';
import type { Program, RunRequest } from '../src/core/run-request.ts';
import type { RunResult } from '../src/core/run-result.ts';
import { WasmerRunner } from '../src/runtimes/wasmer/wasmer-runner.ts';

export interface WasmerWorkerApi {
  /** Starts a run under `id`; cancel(id) stops it (an AbortSignal cannot cross postMessage). */
  run(id: number, request: RunRequest<Program>): Promise<RunResult>;
  cancel(id: number): void;
  close(): Promise<void>;
}

const runner = new WasmerRunner(new Wasmer({ cache: false }));
const running = new Map<number, AbortController>();

const api: WasmerWorkerApi = {
  async run(id, request) {
    const controller = new AbortController();
    running.set(id, controller);
    try {
      return await runner.run(request, { signal: controller.signal });
    } finally {
      running.delete(id);
    }
  },
  cancel(id) {
    running.get(id)?.abort();
  },
  close: () => runner.close(),
};

expose(api);
