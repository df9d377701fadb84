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
import { checkWorkerCsp, cspRefusal } from './csp-self-check.ts';

// Candidate modules run here (the Wasmer runtime setting), so nothing runs unless the worker CSP is in force.
const cspChecked = checkWorkerCsp();

export interface WasmerWorkerApi {
  /** Loads the SDK from `sdkBase` (the page knows the site's base; this worker's location is its own script's). */
  open(sdkBase: string): void;
  /** Starts a run under `id`; cancel(id) stops it (an AbortSignal cannot cross postMessage). */
  run(id: number, request: RunRequest<Program>): Promise<RunResult>;
  cancel(id: number): void;
  close(): Promise<void>;
}

/**
 * How the SDK reports a process whose instance it could not create: exit status 45 (WASI's ENOEXEC), nothing
 * written. Its pool worker's error reaches this worker's global scope about 20 ms later (measured), and only that
 * says why; a guest that really exits 45 silently just waits this long.
 */
const SPAWN_FAILURE_STATUS = 45;
const SPAWN_FAILURE_GRACE_MS = 250;

let sdkBase: string | undefined;
/** The first failure of one of the SDK's own workers: the SDK then closes its pool, so no later result is trusted. */
let sdkFailure: string | undefined;
const onSdkFailure: (() => void)[] = [];
// Not prevented: the page must hear it too, to replace this worker (src/browser/wasmer-browser.ts).
self.addEventListener('error', (e: ErrorEvent) => {
  sdkFailure ??= e.message || 'worker error';
  for (const wake of onSdkFailure.splice(0)) wake();
});
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
    const csp = await cspChecked;
    if (csp.kind === 'missing') throw new Error(cspRefusal(csp, 'the Wasmer worker'));
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const result = await (await opened()).run(request, { signal: controller.signal });
      if (sdkFailure === undefined && looksLikeSpawnFailure(result)) await sdkFailureOr(SPAWN_FAILURE_GRACE_MS);
      if (sdkFailure !== undefined) throw new Error(`the SDK's worker failed: ${sdkFailure}`);
      return result;
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

function looksLikeSpawnFailure(result: RunResult): boolean {
  return (
    result.kind === 'exited' &&
    result.code === SPAWN_FAILURE_STATUS &&
    result.stdout.length === 0 &&
    result.stderr.length === 0 &&
    Object.keys(result.files).length === 0
  );
}

function sdkFailureOr(ms: number): Promise<void> {
  return new Promise((resolve) => {
    onSdkFailure.push(resolve);
    setTimeout(resolve, ms);
  });
}

expose(api);
