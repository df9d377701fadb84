import type { PyodideAPI } from 'pyodide';
import { closeCodeGeneration } from './close-code-generation.ts';
import { PYTHON_PRELUDE } from './prelude.ts';
import { refuseNativeImports, type ImportWatch } from './refuse-imports.ts';

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
  /**
   * How many JavaScript objects Python has been handed a proxy of since start-up. After the snapshot, no run has a
   * way to any (the prelude drops them all): a run that moved this anyway touched the JavaScript side, which the
   * memory restore does not reset, and the engine is replaced after it (run-python.ts).
   */
  watch: ImportWatch;
  /** Puts the interpreter's memory back as it was after start-up. */
  restore(): void;
}

let started: Promise<PythonEngine> | undefined;
/**
 * Where Pyodide's files are. In Node: the repository's node_modules (the pinned package), imported by a computed file
 * URL so that neither bundle carries Pyodide: the Node worker's esbuild bundle runs from a data: URL (where a bare
 * `pyodide` would not resolve) and the browser build must not pull in Pyodide's Node-only code. In a browser worker:
 * the app's own origin, where scripts/vite-pyodide-plugin.ts serves the same files and names their folder in
 * `import.meta.env.MIRRORBOX_PYODIDE_DIR` (the worker's CSP allows nothing else).
 */
async function locatePyodide(): Promise<PyodideLocation> {
  const host = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (!host?.versions?.node) {
    // Read only here: esbuild's Node bundle has no import.meta.env. Absolute bases only (docs/hosting.md).
    const served = import.meta.env.MIRRORBOX_PYODIDE_DIR as string | undefined;
    if (served === undefined) throw new Error('this build does not serve Pyodide (scripts/vite-pyodide-plugin.ts)');
    const indexURL = new URL(`${import.meta.env.BASE_URL}${served}`, globalThis.location.origin).href;
    return { indexURL, module: `${indexURL}pyodide.mjs` };
  }
  const nodeModule = 'node:module';
  const { createRequire } = (await import(/* @vite-ignore */ nodeModule)) as typeof import('node:module');
  const pkg = createRequire(import.meta.url).resolve('pyodide/package.json');
  return nodeFolder(pkg.slice(0, pkg.length - 'package.json'.length));
}

/** Pyodide in a folder of this machine (Node), `dir` ending in '/'. */
async function nodeFolder(dir: string): Promise<PyodideLocation> {
  const nodeUrl = 'node:url';
  const { pathToFileURL } = (await import(/* @vite-ignore */ nodeUrl)) as typeof import('node:url');
  return { indexURL: dir, module: pathToFileURL(`${dir}pyodide.mjs`).href };
}

/** Where Pyodide comes from in a worker that can fetch nothing (the browser's candidate realm). */
export type PyodideLocation = { indexURL: string; module: string; options?: Record<string, unknown> };
let locate: () => Promise<PyodideLocation> = locatePyodide;

/** Replaces how this worker finds Pyodide; called once, before the first start (workers/candidate-realm.worker.ts). */
export function locatePyodideWith(locator: () => Promise<PyodideLocation>): void {
  locate = locator;
}

/**
 * Loads Pyodide from the folder `dir` (Node) instead of resolving the pinned package: a sandboxed child process is
 * handed the folder it may read, where module resolution may be denied. Call before the first startPyodide().
 */
export function usePyodideFrom(dir: string): void {
  const folder = dir.endsWith('/') ? dir : `${dir}/`;
  locatePyodideWith(() => nodeFolder(folder));
}

export function startPyodide(): Promise<PythonEngine> {
  started ??= (async () => {
    const where = await locate();
    const { loadPyodide } = (await import(/* @vite-ignore */ where.module)) as typeof import('pyodide');
    const watch: ImportWatch = { jsProxies: 0 };
    const pyodide = await refuseNativeImports(watch, () =>
      loadPyodide({
        ...where.options,
        indexURL: where.indexURL,
        stdout: () => undefined,
        stderr: () => undefined,
        // PYTHONHASHSEED: str hashes (so set order) must not differ between workers; it is read only at start-up, and
        // each run's os.environ is the request's.
        env: {
          HOME: '/',
          LANG: 'C',
          LC_ALL: 'C',
          PATH: '/usr/local/bin:/usr/bin:/bin',
          TZ: 'UTC',
          PYTHONHASHSEED: '0',
        },
        fullStdLib: false,
      }),
    );
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
    closeCodeGeneration();
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
      watch,
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
