/**
 * Where the site serves @wasmer/sdk's own files (its dist/ and pkg/ folders, unchanged), relative to the site's base.
 * Inside the worker asset folder, so the static-host rule that gives worker scripts their CSP covers the SDK's inner
 * workers too. The version is part of the path so a cached old copy is never mixed with a new one;
 * scripts/vite-wasmer-plugin.ts fails the build if it differs from the installed package.
 */
export const WASMER_SDK_VERSION = '0.16.0';
export const WASMER_SDK_PATH = `assets/workers/wasmer-sdk-${WASMER_SDK_VERSION}`;

/**
 * The entry this site gives the SDK's inner workers instead of its dist/browser-worker.js: the same worker, preceded
 * by an eval-free Function constructor (workers/wasmer-sdk/, served into the SDK's dist/ folder by the plugin).
 */
export const WASMER_SDK_WORKER_ENTRY = 'dist/mirrorbox-worker-entry.js';
