/**
 * Chromium's words when a page has no room left for another WebAssembly memory. Every memory reserves a large range
 * of address space, and the memories of all of a page's workers count against one per-renderer limit; ones a worker
 * has dropped but not yet collected still count. So this is the state of the page, never the fault of the module
 * being instantiated: the shim's workers wait and retry (workers/runner-api.ts), the wasmer backend starts a fresh
 * worker and runs again (src/browser/wasmer-browser.ts).
 */
export function isOutOfWasmMemory(message: string): boolean {
  return /Out of memory: Cannot allocate Wasm memory/.test(message);
}
