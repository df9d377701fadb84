/**
 * The JavaScript functions Pyodide's WebAssembly module imports that would act outside the interpreter: Emscripten's
 * `system()` (under Node it runs a shell through child_process), evaluating or loading JavaScript, loading a side
 * module (which may carry JavaScript of its own), and the socket system calls. The prelude already closes every
 * Python route to them; this is the wall behind it, for code that reaches the C level another way. They are replaced
 * in the import object before the module is instantiated, so the module never holds the originals. (Emscripten's
 * wget, web socket and worker functions cannot be replaced this way: its dynamic linker then finds them undefined.
 * In a browser the candidate realm's CSP refuses what they would fetch.)
 */

/** Counts what Python did with JavaScript: a proxy of a JavaScript object is made through `JsProxy_compute_typeflags`. */
export interface ImportWatch {
  jsProxies: number;
}

/** Emscripten's errno values (WASI numbering). */
const ENOSYS = 52;
const ENOTSUP = 138;

type Fn = (...args: unknown[]) => unknown;

function refusing(name: string): Fn {
  return () => {
    throw new Error(`${name} is refused in the runner`);
  };
}

/** What replaces each refused import: a system call answers with its errno, anything else throws. */
const REFUSED: Record<string, (name: string) => Fn> = {
  // system(NULL) asks whether there is a shell: there is none.
  _emscripten_system: () => (command: unknown) => (command ? -ENOSYS : 0),
  __syscall_socket: () => () => -ENOTSUP,
  __syscall_socketpair: () => () => -ENOTSUP,
  __syscall_connect: () => () => -ENOTSUP,
  __syscall_bind: () => () => -ENOTSUP,
  __syscall_listen: () => () => -ENOTSUP,
  __syscall_accept4: () => () => -ENOTSUP,
  __syscall_sendto: () => () => -ENOTSUP,
  __syscall_sendmsg: () => () => -ENOTSUP,
  __syscall_recvfrom: () => () => -ENOTSUP,
  __syscall_recvmsg: () => () => -ENOTSUP,
  _maybe_connect_async: refusing,
  _maybe_sendto_async: refusing,
  _maybe_recvfrom_async: refusing,
  emscripten_run_script: refusing,
  emscripten_run_script_int: refusing,
  emscripten_run_script_string: refusing,
  emscripten_async_run_script: refusing,
  emscripten_async_load_script: refusing,
  _dlopen_js: refusing,
  _emscripten_dlopen_js: refusing,
};

/** The names replaced, for tests. */
export const REFUSED_IMPORTS: readonly string[] = Object.keys(REFUSED);

type Imports = Record<string, Record<string, unknown>>;

/** Rewrites Pyodide's import object in place (Emscripten keeps using the same object for side modules). */
function rewrite(imports: Imports, watch: ImportWatch): void {
  for (const space of new Set(Object.values(imports))) {
    if (typeof space !== 'object' || space === null) continue;
    for (const [name, replacement] of Object.entries(REFUSED)) {
      const original = space[name];
      if (typeof original !== 'function') continue;
      const refused = replacement(name);
      // Emscripten reads `sig` of imports when it builds wrappers for its function table.
      Object.assign(refused, { sig: (original as { sig?: unknown }).sig });
      space[name] = refused;
    }
    const typeflags = space['JsProxy_compute_typeflags'];
    if (typeof typeflags === 'function') {
      const counted = (...args: unknown[]) => {
        watch.jsProxies++;
        return (typeflags as Fn)(...args);
      };
      Object.assign(counted, { sig: (typeflags as { sig?: unknown }).sig });
      space['JsProxy_compute_typeflags'] = counted;
    }
  }
}

function isPyodideImports(imports: unknown): imports is Imports {
  const env = (imports as { env?: Record<string, unknown> } | undefined)?.env;
  return typeof env === 'object' && env !== null && typeof env['_emscripten_system'] === 'function';
}

/**
 * Runs `start` (Pyodide's loadPyodide) with WebAssembly's instantiation watched: the import object of Pyodide's
 * main module is rewritten before the module sees it. Anything else instantiated meanwhile is left alone.
 */
export async function refuseNativeImports<T>(watch: ImportWatch, start: () => Promise<T>): Promise<T> {
  const wasm = WebAssembly as unknown as Record<'instantiate' | 'instantiateStreaming', Fn>;
  const instantiate = wasm.instantiate;
  const instantiateStreaming = wasm.instantiateStreaming;
  let seen = false;
  const watchImports = (imports: unknown) => {
    if (isPyodideImports(imports)) {
      rewrite(imports, watch);
      seen = true;
    }
  };
  wasm.instantiate = function (this: unknown, source: unknown, imports: unknown, ...rest: unknown[]) {
    watchImports(imports);
    return instantiate.call(this, source, imports, ...rest);
  };
  if (typeof instantiateStreaming === 'function')
    wasm.instantiateStreaming = function (this: unknown, source: unknown, imports: unknown, ...rest: unknown[]) {
      watchImports(imports);
      return instantiateStreaming.call(this, source, imports, ...rest);
    };
  try {
    const result = await start();
    // A Pyodide that instantiated its module some other way would run with the originals: refuse to use it.
    if (!seen) throw new Error("Pyodide's WebAssembly module was not instantiated through WebAssembly.instantiate");
    return result;
  } finally {
    wasm.instantiate = instantiate;
    if (typeof instantiateStreaming === 'function') wasm.instantiateStreaming = instantiateStreaming;
  }
}
