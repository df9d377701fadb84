// The entry of @wasmer/sdk's inner workers as this site runs them: the eval-free Function first, then the SDK's own
// worker unchanged. Module imports evaluate in order, so the SDK never sees the plain Function constructor.
// workers/terminal.worker.ts points the SDK here with setWorkerUrl; scripts/vite-wasmer-plugin.ts serves both files in
// the SDK's dist/ folder, where './browser-worker.js' resolves.
import './mirrorbox-no-eval-function.js';
import './browser-worker.js';
