import type { PyodideAPI } from 'pyodide';
import { PYTHON_PRELUDE } from './prelude.ts';

/**
 * One Pyodide interpreter per worker, with the bytes of its WebAssembly memory taken right after start-up (the
 * prelude defined, the modules a run needs imported). Restoring those bytes before every run gives each run the
 * interpreter exactly as it was then: globals, builtins, sys, module attributes, recursion limit, everything that
 * lives in the interpreter's memory. Pyodide's own snapshot API (makeMemorySnapshot) is private and needs a second
 * interpreter load; copying the memory back costs ~2.5 ms for the 30 MiB heap.
 */
export interface PythonEngine {
  pyodide: PyodideAPI;
  /** The prelude's `_mirrorbox_run`, a proxy made before the snapshot and therefore valid after every restore. */
  run: (...args: unknown[]) => unknown;
  /** The prelude's `_mirrorbox_syntax(source, name)`: None, or `(line, column, message)` of a syntax error. */
  syntax: (source: string, name: string) => unknown;
  /** The prelude's `_mirrorbox_collect`: flushes the run's streams and returns their bytes. */
  collect: () => unknown;
  snapshot: Uint8Array;
  /**
   * Pyodide polls `interruptBuffer[0]` from the interpreter's eval loop and raises KeyboardInterrupt on 2 (SIGINT).
   * Ours is a getter reading the clock: it does what a SharedArrayBuffer written by another thread would, with no
   * second thread and without cross-origin isolation. Each run sets `deadline` and `memoryCap` (Infinity disarms them); `fired` / `overMemory` tell why it came.
   */
  interrupt: { deadline: number; fired: boolean; memoryCap: number; overMemory: boolean };
  /** Directories of the emscripten file system that exist at start (the file system is JS state, not memory). */
  restore(): void;
}

let started: Promise<PythonEngine> | undefined;

/**
 * Pyodide's files, resolved from the repository's node_modules (the pinned package). Imported by a computed file URL so
 * that neither bundle carries Pyodide: the Node worker's esbuild bundle runs from a data: URL (where a bare
 * `pyodide` would not resolve) and the browser build must not pull in Pyodide's Node-only code. Browsers are not
 * supported yet: Pyodide's files would have to be served from the app's origin, and `indexURL` pointed there.
 */
async function locatePyodide(): Promise<{ indexURL: string; module: string }> {
  const host = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (!host?.versions?.node)
    throw new Error('Python runs only in the Node CLI for now (the app does not serve Pyodide yet)');
  const nodeModule = 'node:module';
  const nodeUrl = 'node:url';
  const { createRequire } = (await import(/* @vite-ignore */ nodeModule)) as typeof import('node:module');
  const { pathToFileURL } = (await import(/* @vite-ignore */ nodeUrl)) as typeof import('node:url');
  const pkg = createRequire(import.meta.url).resolve('pyodide/package.json');
  const dir = pkg.slice(0, pkg.length - 'package.json'.length);
  return { indexURL: dir, module: pathToFileURL(`${dir}pyodide.mjs`).href };
}

export function startPyodide(): Promise<PythonEngine> {
  started ??= (async () => {
    const where = await locatePyodide();
    const { loadPyodide } = (await import(/* @vite-ignore */ where.module)) as typeof import('pyodide');
    const pyodide = await loadPyodide({
      indexURL: where.indexURL,
      stdout: () => undefined,
      stderr: () => undefined,
      env: { HOME: '/', LANG: 'C', LC_ALL: 'C', PATH: '/usr/local/bin:/usr/bin:/bin', TZ: 'UTC' },
      fullStdLib: false,
    });
    const interrupt = { deadline: Infinity, fired: false, memoryCap: Infinity, overMemory: false };
    const module = (pyodide as unknown as { _module: { HEAPU8: Uint8Array } })._module;
    // Set before the snapshot: it also switches on the interpreter's signal checks, a flag in its memory.
    pyodide.setInterruptBuffer({
      get 0(): number {
        // The same poll enforces the memory limit: the interpreter's memory may grow to 4 GiB (wasm32), so a run
        // whose memory passes its start-up size plus the limit is interrupted like a timeout.
        if (module.HEAPU8.buffer.byteLength > interrupt.memoryCap) {
          interrupt.overMemory = true;
          return 2;
        }
        if (performance.now() <= interrupt.deadline) return 0;
        interrupt.fired = true;
        return 2;
      },
      set 0(_: number) {
        /* the interpreter clears it after each read; the deadline decides */
      },
    } as unknown as Int32Array);
    pyodide.runPython(PYTHON_PRELUDE);
    const run = pyodide.globals.get('_mirrorbox_run') as (...args: unknown[]) => unknown;
    const collect = pyodide.globals.get('_mirrorbox_collect') as () => unknown;
    const syntax = pyodide.globals.get('_mirrorbox_syntax') as (source: string, name: string) => unknown;
    const memory = () => new Uint8Array(module.HEAPU8.buffer);
    const snapshot = memory().slice();
    return {
      pyodide,
      run,
      collect,
      syntax,
      snapshot,
      interrupt,
      restore() {
        memory().set(snapshot);
      },
    };
  })();
  return started;
}

/** Drops the interpreter (after a run that grew the memory far): the next run starts a fresh one. */
export function restartPyodide(): void {
  started = undefined;
}
