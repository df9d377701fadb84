import { transfer } from 'comlink';
import type { RunRequest, ScriptProgram } from '../src/core/run-request.ts';
import type { RunResult } from '../src/core/run-result.ts';
import { runWasi, type ShimRunInput } from '../src/runtimes/shim/run-wasi.ts';
import { isOutOfWasmMemory } from '../src/runtimes/out-of-wasm-memory.ts';
import { WORKER_CLOSING } from '../src/pool/worker-signals.ts';

/** A run as it reaches a worker: the request without its program, which the worker already holds under a key. */
export type WorkerRunInput = Omit<RunRequest, 'program'>;

/**
 * What a runner worker offers over comlink. The same object is exposed by the browser worker and by the Node
 * worker_threads entry, so both platforms run identical code. WASI modules and script programs share the pool's
 * workers; the worker picks the engine by the kind of program it was handed.
 */
export interface RunnerWorkerApi {
  /** Hands the worker a module compiled on the main thread; it is kept under `key` for later runs. */
  load(key: string, module: WebAssembly.Module): void;
  run(key: string, input: ShimRunInput): Promise<RunResult>;
  /**
   * Keeps a script program under `key`, starting its engine first if this worker has not yet (the engine's code is
   * only fetched and compiled by workers that get a script). Resolves to a message when the engine cannot start.
   */
  loadScript(key: string, program: ScriptProgram): Promise<string | undefined>;
  /**
   * Resolves once the Python engine is up again after a restart (a run that grew its memory far), with a message
   * if it cannot start. The pool awaits it before the next run's clock starts: a restart takes seconds, and a
   * correct program must not time out because the run before it misbehaved.
   */
  pythonReady(): Promise<string | undefined>;
  /** Async only because the engine may be restarting (after a run that hit the memory limit); then it runs at once. */
  runScript(key: string, input: WorkerRunInput): Promise<RunResult>;
  forget(key: string): void;
}

export function createRunnerWorkerApi(): RunnerWorkerApi {
  reportClose();
  const modules = new Map<string, WebAssembly.Module>();
  const scripts = new Map<string, ScriptProgram>();
  // Imported on first use: a worker that only ever runs WASI modules never loads QuickJS.
  let quickjs: Promise<typeof import('../src/runtimes/quickjs/run-script.ts')> | undefined;
  const engine = () => (quickjs ??= import('../src/runtimes/quickjs/run-script.ts'));
  let engineModule: Awaited<ReturnType<typeof engine>> | undefined;
  // Pyodide likewise, only in workers that get a Python program.
  let pyodide: Promise<typeof import('../src/runtimes/pyodide/run-python.ts')> | undefined;
  const python = () => (pyodide ??= import('../src/runtimes/pyodide/run-python.ts'));
  let pythonModule: Awaited<ReturnType<typeof python>> | undefined;
  return {
    load(key, module) {
      modules.set(key, module);
    },
    async run(key, input) {
      const module = modules.get(key);
      if (!module) return { kind: 'invalid-module', message: `worker has no module ${key} (load it first)`, ms: 0 };
      // Out of WebAssembly memory at instantiation is the page's state, not the module's fault: memories other
      // workers dropped but have not collected yet count against one limit. Waiting lets them go; the time counts
      // against the run's own limit, as any slowness of the machine does.
      for (let attempt = 1; ; attempt++) {
        const result = runWasi(module, input);
        if (result.kind !== 'invalid-module' || !isOutOfWasmMemory(result.message) || attempt === 10)
          return moved(result);
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    },
    async loadScript(key, program) {
      try {
        if (program.engine === 'pyodide') {
          pythonModule = await python();
          await pythonModule.startPyodide();
        } else {
          engineModule = await engine();
          await engineModule.startQuickJS();
        }
      } catch (e) {
        return `cannot start the ${program.engine} engine: ${e instanceof Error ? e.message : String(e)}`;
      }
      scripts.set(key, program);
      return undefined;
    },
    async pythonReady() {
      if (!pythonModule) return undefined;
      try {
        await pythonModule.startPyodide();
        return undefined;
      } catch (e) {
        return `cannot start the pyodide engine: ${e instanceof Error ? e.message : String(e)}`;
      }
    },
    async runScript(key, input) {
      const program = scripts.get(key);
      if (program?.engine === 'pyodide' && pythonModule)
        return moved(await pythonModule.runPython(await pythonModule.startPyodide(), program, input));
      if (!program || !engineModule)
        return { kind: 'invalid-module', message: `worker has no script ${key} (load it first)`, ms: 0 };
      return moved(engineModule.runScript(await engineModule.startQuickJS(), program, input));
    },
    forget(key) {
      modules.delete(key);
      scripts.delete(key);
    },
  };
}

/**
 * A result's bytes are moved to the pool's thread, not copied: the run is over and nothing here keeps them. A
 * program that filled its file limit would otherwise cost that much twice, in both threads, until collected.
 */
function moved(result: RunResult): RunResult {
  if (!('stdout' in result)) return result;
  const buffers = new Set<ArrayBuffer>();
  for (const bytes of [result.stdout, result.stderr, ...Object.values(result.files)])
    // Only buffers the bytes own entirely: never a view into an engine's memory, which cannot be moved.
    if (bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
      buffers.add(bytes.buffer);
  return transfer(result, [...buffers]);
}

/**
 * In a browser worker, `close()` (an own property of the worker's global) is replaced, for good, by one that tells
 * the pool before it closes: otherwise a program that reaches the global and closes it leaves its run and the pool
 * waiting on calls that never settle. Node's worker threads need nothing: their end is an `exit` event.
 */
function reportClose(): void {
  const scope = globalThis as unknown as { close?: () => void; postMessage?: (message: unknown) => void };
  if (!('DedicatedWorkerGlobalScope' in globalThis) || typeof scope.close !== 'function' || !scope.postMessage) return;
  const original = scope.close;
  const post = scope.postMessage.bind(globalThis);
  Object.defineProperty(globalThis, 'close', {
    value: function close() {
      post({ signal: WORKER_CLOSING });
      original.call(globalThis);
    },
    writable: false,
    configurable: false,
    enumerable: true,
  });
}
