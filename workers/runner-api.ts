import type { RunResult } from '../src/core/run-result.ts';
import { runWasi, type ShimRunInput } from '../src/runtimes/shim/run-wasi.ts';

/**
 * What a runner worker offers over comlink. The same object is exposed by the browser worker and by the Node
 * worker_threads entry, so both platforms run identical code.
 */
export interface RunnerWorkerApi {
  /** Hands the worker a module compiled on the main thread; it is kept under `key` for later runs. */
  load(key: string, module: WebAssembly.Module): void;
  run(key: string, input: ShimRunInput): RunResult;
  forget(key: string): void;
}

export function createRunnerWorkerApi(): RunnerWorkerApi {
  const modules = new Map<string, WebAssembly.Module>();
  return {
    load(key, module) {
      modules.set(key, module);
    },
    run(key, input) {
      const module = modules.get(key);
      if (!module) return { kind: 'invalid-module', message: `worker has no module ${key} (load it first)`, ms: 0 };
      return runWasi(module, input);
    },
    forget(key) {
      modules.delete(key);
    },
  };
}
