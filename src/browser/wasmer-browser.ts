import { wrap } from 'comlink';
import type { Program, RunRequest } from '../core/run-request.ts';
import type { RunResult } from '../core/run-result.ts';
import type { RunOptions, Runner } from '../core/runner.ts';
import type { WasmerWorkerApi } from '../../workers/wasmer.worker.ts';

/**
 * The @wasmer/sdk backend in the browser: a Runner that forwards every run to one dedicated worker, where the SDK is
 * allowed to block (see workers/wasmer.worker.ts). The SDK spreads processes over its own workers from there, so one
 * forwarding worker is enough.
 */
export function createWasmerBrowserRunner(): Runner {
  const worker = new Worker(new URL('../../workers/wasmer.worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<WasmerWorkerApi>(worker);
  let nextId = 0;
  return {
    async run(request: RunRequest<Program>, options: RunOptions = {}): Promise<RunResult> {
      const id = nextId++;
      const onAbort = (): void => void api.cancel(id);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await api.run(id, request);
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
