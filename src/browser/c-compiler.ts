import { proxy, wrap, type Remote } from 'comlink';
import type { SourceFile } from '../core/source-file.ts';
import type { BuildProgress, BuildResult } from '../../toolchains/toolchain.ts';
import type { CCompilerWorkerApi } from '../../workers/c-compiler.worker.ts';

/** One compiler worker per page, kept warm: loading clang is the expensive part, each compile after it is cheap. */
let current: { worker: Worker; api: Remote<CCompilerWorkerApi> } | undefined;

function compilerWorker() {
  if (!current) {
    const worker = new Worker(new URL('../../workers/c-compiler.worker.ts', import.meta.url), { type: 'module' });
    current = { worker, api: wrap<CCompilerWorkerApi>(worker) };
  }
  return current;
}

/**
 * The page's side of the C toolchain: compiles in the worker. Cancelling terminates the worker (a compile cannot
 * be interrupted otherwise); the next build starts a new one, which reads clang from Cache Storage.
 */
export async function compileC(
  files: readonly SourceFile[],
  options: { signal?: AbortSignal; onProgress?: (p: BuildProgress) => void } = {},
): Promise<BuildResult> {
  const cancelled: BuildResult = { kind: 'error', diagnostics: [{ file: '', message: 'the build was cancelled' }] };
  if (options.signal?.aborted) return cancelled;
  const { worker, api } = compilerWorker();
  return new Promise<BuildResult>((resolve, reject) => {
    const onAbort = () => {
      worker.terminate();
      if (current?.worker === worker) current = undefined;
      resolve(cancelled);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    api
      .compile([...files], options.onProgress ? proxy(options.onProgress) : undefined)
      .then(resolve, (e: unknown) => {
        // A crashed worker cannot be trusted with the next build.
        worker.terminate();
        if (current?.worker === worker) current = undefined;
        reject(e);
      })
      .finally(() => options.signal?.removeEventListener('abort', onAbort));
  });
}
