import variant from '@jitl/quickjs-singlefile-mjs-release-sync';
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';

/**
 * Emscripten prints its own aborts (e.g. a runtime freed after running out of memory) with console.error, which in
 * Node is the CLI's stderr; the runner reports those failures as results instead.
 */
const quiet = newVariant(variant, {
  emscriptenModule: { print: () => undefined, printErr: () => undefined } as Record<string, unknown>,
});

let started: Promise<QuickJSWASMModule> | undefined;

/**
 * The QuickJS engine of this worker, compiled once and shared by every run (each run still gets its own runtime and
 * context). The single-file release-sync variant carries its WebAssembly inline: no second fetch (the worker CSP
 * allows only its own origin), and it bundles into the Node worker like any module.
 */
export function startQuickJS(): Promise<QuickJSWASMModule> {
  started ??= newQuickJSWASMModuleFromVariant(quiet);
  return started;
}

/**
 * Drops the engine and starts a fresh one. Called after a run that used up its memory: WebAssembly memory never
 * shrinks, so a worker would otherwise keep the gigabyte that run grew it to.
 */
export function restartQuickJS(): void {
  started = undefined;
  void startQuickJS();
}
