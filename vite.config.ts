import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { packsPlugin } from './scripts/vite-packs-plugin.ts';

const builtTargets = fileURLToPath(new URL('./build/targets', import.meta.url));

/**
 * Cross-origin isolation (SharedArrayBuffer for interrupts and @wasmer/sdk) needs these on every response; the same
 * headers are documented for static hosts in docs/hosting.md.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  plugins: [packsPlugin(builtTargets)],
  server: { headers: isolationHeaders, host: '127.0.0.1' },
  preview: { headers: isolationHeaders, host: '127.0.0.1' },
  worker: { format: 'es' },
  // Packages that fetch their own .wasm relative to their URL break when Vite pre-bundles them.
  optimizeDeps: { exclude: ['@bjorn3/browser_wasi_shim'] },
  build: { target: 'es2022' },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'targets-wasm/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
