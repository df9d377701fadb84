// Test-only worker: takes WebAssembly memories until Chromium refuses one, and holds them until it is terminated.
// The page is then out of WebAssembly memory exactly as after thousands of runs whose memories were not collected
// yet; terminating this worker frees them at once. Large memories first, then one-page ones for what is left: once
// the full reservations no longer fit, V8 still places smaller memories.
const held: WebAssembly.Memory[] = [];
let refused = '';
for (const maximum of [undefined, 16384, 1024, 1]) {
  try {
    for (;;) held.push(new WebAssembly.Memory(maximum === undefined ? { initial: 1 } : { initial: 1, maximum }));
  } catch (e) {
    refused = e instanceof Error ? e.message : String(e);
  }
}
postMessage({ held: held.length, refused });
