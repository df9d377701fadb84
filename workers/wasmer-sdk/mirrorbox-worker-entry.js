// The entry of @wasmer/sdk's inner workers as this site runs them: the origin's storage and requests taken away, the
// eval-free Function, then the SDK's own worker unchanged. Module imports evaluate in order, so the SDK never sees the
// plain Function constructor, and nothing of the SDK's runs while those are still there.
// workers/terminal.worker.ts points the SDK here with setWorkerUrl; scripts/vite-wasmer-plugin.ts serves these files in
// the SDK's dist/ folder, where './browser-worker.js' resolves.
import './mirrorbox-no-origin-reach.js';
import './mirrorbox-no-eval-function.js';
import './browser-worker.js';
