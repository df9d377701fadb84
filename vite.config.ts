import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { candidateRealmPlugin } from './scripts/vite-candidate-realm-plugin.ts';
import { packsPlugin } from './scripts/vite-packs-plugin.ts';
import { pyodidePlugin } from './scripts/vite-pyodide-plugin.ts';
import { wasmerSdkPlugin } from './scripts/vite-wasmer-plugin.ts';
import { WORKER_ASSET_DIR, workerCspPlugin } from './scripts/vite-worker-csp-plugin.ts';
import { BUILD_ID, serviceWorkerPlugin } from './scripts/vite-service-worker-plugin.ts';
import { ISOLATION_HEADERS } from './src/sw/hosting-headers.ts';

const builtTargets = fileURLToPath(new URL('./build/targets', import.meta.url));

/**
 * Cross-origin isolation (SharedArrayBuffer for interrupts and @wasmer/sdk) needs these on every response: the one
 * table the service worker and the static hosts' `_headers` file read too (docs/hosting.md).
 */
const isolationHeaders = { ...ISOLATION_HEADERS };

export default defineConfig({
  plugins: [
    svelte(),
    packsPlugin(builtTargets),
    workerCspPlugin(),
    pyodidePlugin(),
    wasmerSdkPlugin(),
    candidateRealmPlugin(),
    ...serviceWorkerPlugin(),
  ],
  // The build's name, shown by the offline panel (src/app/offline/): a new deployment is visibly a new one.
  define: { 'import.meta.env.MIRRORBOX_BUILD_ID': JSON.stringify(BUILD_ID) },
  server: { headers: isolationHeaders, host: '127.0.0.1' },
  preview: { headers: isolationHeaders, host: '127.0.0.1' },
  worker: {
    format: 'es',
    // Worker bundles get their own folder so a static host can give them their CSP with one path rule.
    rolldownOptions: {
      output: {
        entryFileNames: `${WORKER_ASSET_DIR}/[name]-[hash].js`,
        chunkFileNames: `${WORKER_ASSET_DIR}/[name]-[hash].js`,
      },
    },
  },
  // Packages that fetch their own .wasm relative to their URL break when Vite pre-bundles them.
  optimizeDeps: { exclude: ['@bjorn3/browser_wasi_shim'] },
  build: {
    target: 'es2022',
    // Never inline clang's small .wasm modules as data: URLs: the worker CSP (connect-src 'self') forbids fetching them.
    assetsInlineLimit: (file) => (/\.(wasm|tar)$/.test(file) ? false : undefined),
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'targets-wasm/**/*.test.ts', 'toolchains/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
