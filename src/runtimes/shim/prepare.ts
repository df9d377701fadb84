import { capMemory, PAGE_BYTES } from '../../core/wasm-binary.ts';

export type Prepared =
  | { kind: 'ready'; module: WebAssembly.Module }
  | { kind: 'invalid-module'; message: string }
  | { kind: 'memory-limit'; message: string };

const WASI_MODULES = new Set(['wasi_snapshot_preview1', 'wasi_unstable']);

/**
 * Turns program bytes into a compiled module that can only grow to the memory limit, and checks up front that it
 * is a WASI preview 1 command, so a wrong upload gets a precise message instead of a link error.
 */
export async function prepareModule(bytes: Uint8Array, memoryBytes: number): Promise<Prepared> {
  const maxPages = Math.max(1, Math.floor(memoryBytes / PAGE_BYTES));
  const capped = capMemory(bytes, maxPages);
  if (capped.kind === 'error') return { kind: 'invalid-module', message: capped.message };
  if (capped.initialPages !== undefined && capped.initialPages > maxPages) {
    return {
      kind: 'memory-limit',
      message: `the module starts with ${capped.initialPages * PAGE_BYTES} bytes of memory, above the limit of ${maxPages * PAGE_BYTES}`,
    };
  }
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(capped.bytes as Uint8Array<ArrayBuffer>);
  } catch (e) {
    return { kind: 'invalid-module', message: `does not compile: ${(e as Error).message}` };
  }
  const exports = WebAssembly.Module.exports(module);
  if (!exports.some((e) => e.name === '_start' && e.kind === 'function')) {
    const hint = exports.some((e) => e.name === '_initialize')
      ? ' (it is a WASI reactor/library; build an executable with a main function)'
      : ' (build it as a WASI command with a main function)';
    return { kind: 'invalid-module', message: `the module has no _start export${hint}` };
  }
  if (!exports.some((e) => e.name === 'memory' && e.kind === 'memory')) {
    return { kind: 'invalid-module', message: 'the module exports no memory named "memory"' };
  }
  const foreign = WebAssembly.Module.imports(module).filter((i) => !WASI_MODULES.has(i.module));
  if (foreign.length > 0) {
    const names = foreign.slice(0, 3).map((i) => `${i.module}.${i.name}`);
    return {
      kind: 'invalid-module',
      message: `imports outside WASI preview 1: ${names.join(', ')}${foreign.length > 3 ? ', …' : ''} (WASIX and browser-JS modules need another runtime)`,
    };
  }
  return { kind: 'ready', module };
}
