import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { WORKER_ASSET_DIR } from '../src/sw/hosting-headers.ts';

/**
 * Files of the toolchains (clang, Pyodide, the Wasmer SDK and binaryen): large, and only needed by a language or
 * runtime someone picks, so the service worker caches them at first use (or on "Make available offline") instead of
 * at install. Globs relative to the build's folder.
 */
export const TOOLCHAIN_GLOBS = [
  'assets/*.wasm',
  'assets/*.tar',
  'assets/pyodide-*/**',
  `${WORKER_ASSET_DIR}/wasmer-sdk-*/**`,
  `${WORKER_ASSET_DIR}/binaryen*`,
];

/** Precached at install: the app shell (page, scripts, styles, workers) and every target pack. */
const SHELL_GLOBS = ['index.html', '*.svg', 'assets/**/*.{js,css,svg}', 'packs/**/*'];

/** The largest file the precache takes: a pack's oracle is a few MB; toolchains are excluded by name above. */
const MAX_PRECACHED_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The service worker (src/sw/sw.ts), built by vite-plugin-pwa from that file with Workbox's precache manifest
 * injected. Registered by the app itself (src/app/offline/service-worker.ts), not by the plugin, so that it can
 * reload the page once into isolation on hosts that send no headers.
 */
export function serviceWorkerPlugin(): Plugin[] {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/sw',
    filename: 'sw.ts',
    injectRegister: false,
    registerType: 'prompt',
    manifest: false,
    injectManifest: {
      globPatterns: SHELL_GLOBS,
      globIgnores: TOOLCHAIN_GLOBS,
      maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE_BYTES,
      rollupFormat: 'iife',
    },
  });
}
