import { candidatePool, pagePool } from '../../browser/browser-pool.ts';
import type { Program, RunRequest } from '../../core/run-request.ts';
import type { RunResult } from '../../core/run-result.ts';
import type { RunOptions, Runner } from '../../core/runner.ts';
import type { WorkerPool } from '../../pool/worker-pool.ts';
import { runtimeSetting } from '../state/runtime-setting.svelte.ts';

/**
 * The worker pool of the page's origin, for the reference program's runs (oracle console, terminal), created on first
 * use so the catalog and docs never start a worker. Candidate code runs in candidatePool's realm instead.
 */
export function sharedPool(): WorkerPool {
  return pagePool();
}

let wasmer: Promise<Runner> | undefined;
/** Runs in flight on the wasmer runner: it is only released when none is. */
let wasmerRuns = 0;

/**
 * Back on the shim, the wasmer worker goes, and with it every WebAssembly memory its SDK's workers still hold.
 * Chromium counts the memories of all of a page's workers against one limit, and after a thousand wasmer runs (two
 * submissions) the ones those idle workers had not yet collected kept the shim from instantiating the next module
 * ("Out of memory: Cannot allocate Wasm memory for new instance"). Choosing Wasmer again loads it again (≈1.5 s).
 */
function releaseWasmer(): void {
  if (!wasmer || wasmerRuns > 0) return;
  const closing = wasmer;
  wasmer = undefined;
  void closing.then((runner) => runner.close()).catch(() => undefined);
}

/**
 * The @wasmer/sdk runner, created the first time a run asks for it. Imported on demand so that nothing of it (nor
 * the SDK and binaryen its worker loads) is part of the page's initial JavaScript; kept for the page's life, so the
 * SDK and binaryen load once.
 */
function wasmerRunner(): Promise<Runner> {
  wasmer ??= import('../../browser/wasmer-browser.ts').then((m) => m.createWasmerBrowserRunner());
  wasmer.catch(() => (wasmer = undefined));
  return wasmer;
}

/**
 * Runs a WASI program on wasmer when the runtime setting says so (read at each run), else in `shim`'s pool. Script
 * programs (JS, TS, Python) always go to `shim`, whose workers host their engines (wasmer runs WebAssembly only).
 */
async function runOn(shim: () => WorkerPool, request: RunRequest<Program>, options?: RunOptions): Promise<RunResult> {
  if (runtimeSetting.value === 'wasmer' && request.program.kind !== 'script') {
    wasmerRuns++;
    try {
      return await (await wasmerRunner()).run(request, options);
    } finally {
      wasmerRuns--;
    }
  }
  releaseWasmer();
  return shim().run(request, options);
}

/** The runner of the reference program's runs (the oracle console's Batch mode): the page's own pool. */
export const sharedRunner: Runner = {
  run: (request, options) => runOn(sharedPool, request, options),
  // The page's runners live as long as the page.
  close: () => Promise.resolve(),
};

/**
 * The runner of candidate code (Tests, Submit): the candidate realm's pool (src/browser/candidate-realm.ts), or
 * wasmer in the page's origin for a WASI module when the setting says so (docs/hosting.md says why that is safe).
 */
export const candidateRunner: Runner = {
  run: (request, options) => runOn(candidatePool, request, options),
  close: () => Promise.resolve(),
};
