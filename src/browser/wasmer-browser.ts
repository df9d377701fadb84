import { wrap } from 'comlink';
import type { Program, RunRequest } from '../core/run-request.ts';
import type { RunResult } from '../core/run-result.ts';
import type { RunOptions, Runner } from '../core/runner.ts';
import type { WasmerWorkerApi } from '../../workers/wasmer.worker.ts';
import { WASMER_SDK_PATH } from './wasmer-sdk-path.ts';

/**
 * The @wasmer/sdk backend in the browser: a Runner that forwards every run to one dedicated worker, where the SDK is
 * allowed to block (see workers/wasmer.worker.ts). The SDK spreads processes over its own workers from there, so one
 * forwarding worker is enough. The SDK is the copy this site serves (scripts/vite-wasmer-plugin.ts).
 */
export function createWasmerBrowserRunner(): Runner {
  const worker = new Worker(new URL('../../workers/wasmer.worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<WasmerWorkerApi>(worker);
  void api.open(new URL(`${import.meta.env.BASE_URL}${WASMER_SDK_PATH}/`, location.href).href);
  const failed = failureOf(worker);
  let nextId = 0;
  return {
    async run(request: RunRequest<Program>, options: RunOptions = {}): Promise<RunResult> {
      const id = nextId++;
      const onAbort = (): void => void api.cancel(id);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await Promise.race([api.run(id, request), failed]);
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    },
    async close(): Promise<void> {
      await api.close();
      worker.terminate();
    },
  };
}

/**
 * Rejects when the worker fails to load or dies: such a worker answers no message again, and without this its runs
 * would wait forever. Never rejects unhandled.
 */
function failureOf(worker: Worker): Promise<never> {
  const failed = new Promise<never>((_, reject) => {
    const onError = (e: ErrorEvent): void =>
      reject(new Error(`the wasmer worker failed: ${e.message || 'worker error'}`));
    worker.addEventListener('error', onError, { once: true });
  });
  failed.catch(() => undefined);
  return failed;
}
