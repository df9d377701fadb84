// Runs the wasmer backend's suites, which the default run leaves out while they fail on SDK limits
// (docs/runtimes-wasmer.md): npx vitest run --config tests/selfcheck/wasmer.vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/**/*.wasmer.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
