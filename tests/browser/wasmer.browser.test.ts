// The runner self-checks on the @wasmer/sdk backend in Debian Chromium (docs/runtimes-wasmer.md).
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTargetIds } from '../../src/node/target-store.ts';
import { parityLimit } from '../parity/sample.ts';
import { selfChecks } from '../selfcheck/checks.ts';
import { launchChromium, startDevServer } from './chromium.ts';
import { callHarness, openHarness } from './wasmer-harness-client.ts';
import type { WasmerHarness } from './wasmer-harness.ts';

describe('in Debian Chromium: the @wasmer/sdk backend', () => {
  let browser: Browser;
  let server: ViteDevServer;
  let page: Page;
  let devUrl: string;

  beforeAll(async () => {
    const dev = await startDevServer();
    server = dev.server;
    browser = await launchChromium();
    page = await browser.newPage();
    devUrl = dev.url;
    await openHarness(page, devUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Generous: the first run loads binaryen (14.8 MB of JS) into the worker, which the dev server serves untransformed
  // only after a multi-second transform, on a shared 2-core machine.
  it('passes the runner self-check suite', { timeout: 240_000 }, async () => {
    const results = await callHarness(page, 'selfCheck');
    expect(Object.keys(results)).toEqual(selfChecks.map((c) => c.name));
    expect(Object.entries(results).filter(([, failure]) => failure !== null)).toEqual([]);
  });

  // The SDK marks a timed-out process as ended, but cannot stop a thread that makes no system call: without the
  // restart, a core stays busy until the page closes (docs/runtimes-wasmer.md).
  it(
    'replaces its worker after a guest that spins past its limit, and the next run works',
    { timeout: 240_000 },
    async () => {
      const r = await callHarness(page, 'endlessLoop');
      expect(r).toEqual({ first: 'timeout', restarts: [expect.stringMatching(/ended by timeout/)], next: 'exited 3' });
    },
  );

  // What made the Chromium parity flaky: after thousands of runs the SDK's workers hold so many uncollected
  // WebAssembly memories that a new instance does not fit, and the SDK gives up its whole pool. Made to happen at
  // once here by a worker that takes every memory Chromium gives.
  it(
    'replaces its worker and runs again when the page is out of WebAssembly memory',
    { timeout: 240_000 },
    async () => {
      const r = await callHarness(page, 'outOfWasmMemory');
      console.log(
        `out of Wasm memory after ${r.held} memories held by one worker: ${r.refused}; restarts: ${r.restarts.join(' | ')}`,
      );
      expect(r.refused).toMatch(/could not allocate memory|Out of memory/);
      expect(r.restarts.length).toBeGreaterThanOrEqual(1);
      expect(r.restarts[0]).toMatch(/Cannot allocate Wasm memory/);
      // The page pool's idle runner workers (all of them: it had finished its runs) went with the first restart.
      expect(r.poolSize).toBeGreaterThan(0);
      expect(r.released[0]).toBe(r.poolSize);
      expect(r.cases).toBe(8);
      expect(r.differing).toEqual([]);
    },
  );

  // Parity in the browser: every built target's cases (a spread sample of 200, every case with MIRRORBOX_PARITY=full)
  // through both backends, against the pack. Each target in
  // a page of its own (a context of its own, so a renderer of its own), so one target's trouble stays its own. Should
  // the page run out of WebAssembly memory on the way (test above), the backend's worker restarts and the runs it held
  // run again: the outcomes must still be the pack's.
  for (const id of listTargetIds()) {
    it(`gives the pack's outcome for the cases of ${id} on both backends`, { timeout: 300_000 }, async () => {
      const context = await browser.newContext();
      let r: Awaited<ReturnType<WasmerHarness['parity']>>;
      try {
        const own = await context.newPage();
        await openHarness(own, devUrl);
        r = await callHarness(own, 'parity', id, parityLimit(process.env));
      } finally {
        await context.close();
      }
      console.log(
        `parity in Chromium, ${id}: ${r.cases} cases, shim ${r.ms.shim.toFixed(0)} ms, wasmer ${r.ms.wasmer.toFixed(0)} ms, wasmer worker restarts ${r.restarts}`,
      );
      expect(r.cases).toBeGreaterThan(0);
      expect({ shim: r.shim, wasmer: r.wasmer }).toEqual({ shim: [], wasmer: [] });
    });
  }
});
