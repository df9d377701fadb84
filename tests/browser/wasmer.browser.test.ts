// The runner self-checks on the @wasmer/sdk backend in Debian Chromium (docs/runtimes-wasmer.md).
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTargetIds } from '../../src/node/target-store.ts';
import { selfChecks } from '../selfcheck/checks.ts';
import { launchChromium, startDevServer } from './chromium.ts';

type WasmerHarness = {
  selfCheck(): Promise<Record<string, string | null>>;
  parity(
    target: string,
  ): Promise<{ cases: number; shim: string[]; wasmer: string[]; ms: { shim: number; wasmer: number } }>;
};

describe('in Debian Chromium: the @wasmer/sdk backend', () => {
  let browser: Browser;
  let server: ViteDevServer;
  let page: Page;
  let harnessUrl: string;

  beforeAll(async () => {
    const dev = await startDevServer();
    server = dev.server;
    browser = await launchChromium();
    page = await browser.newPage();
    harnessUrl = `${dev.url}/tests/browser/wasmer-harness.html`;
    await page.goto(harnessUrl);
    await page.waitForFunction(() => document.querySelector('#state')?.textContent === 'ready');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Generous: the first run loads binaryen (14.8 MB of JS) into the worker, which the dev server serves untransformed
  // only after a multi-second transform, on a shared 2-core machine.
  it('passes the runner self-check suite', { timeout: 240_000 }, async () => {
    const results = await page.evaluate(() =>
      (window as unknown as { wasmerHarness: WasmerHarness }).wasmerHarness.selfCheck(),
    );
    expect(Object.keys(results)).toEqual(selfChecks.map((c) => c.name));
    expect(Object.entries(results).filter(([, failure]) => failure !== null)).toEqual([]);
  });

  // Parity in the browser: every case of every built target through both backends in this page, against the pack.
  // Parity in the browser: every case of every built target through both backends, against the pack. Opt-in
  // (MIRRORBOX_CHROMIUM_PARITY=1): the SDK's workers keep thousands of finished WebAssembly instances alive past what
  // Chromium allows a renderer ("Cannot allocate Wasm memory for new instance"), sometimes within one target, so the
  // run is not reliable yet (docs/runtimes-wasmer.md). Node's parity (tests/parity/) is in the default run.
  for (const id of listTargetIds()) {
    it.runIf(process.env.MIRRORBOX_CHROMIUM_PARITY === '1')(
      `gives the pack's outcome for every case of ${id} on both backends`,
      { timeout: 300_000 },
      async () => {
        // A page of its own (a context of its own, so a renderer of its own): Chromium counts the WebAssembly memories
        // of all of a page's workers against one limit, and the SDK's workers do not collect thousands of finished
        // instances soon enough — one page for every target once ran out ("Cannot allocate Wasm memory").
        const context = await browser.newContext();
        let r: Awaited<ReturnType<WasmerHarness['parity']>>;
        try {
          const own = await context.newPage();
          await own.goto(harnessUrl);
          await own.waitForFunction(() => document.querySelector('#state')?.textContent === 'ready');
          r = await own.evaluate(
            (target) => (window as unknown as { wasmerHarness: WasmerHarness }).wasmerHarness.parity(target),
            id,
          );
        } finally {
          await context.close();
        }
        console.log(
          `parity in Chromium, ${id}: ${r.cases} cases, shim ${r.ms.shim.toFixed(0)} ms, wasmer ${r.ms.wasmer.toFixed(0)} ms`,
        );
        expect(r.cases).toBeGreaterThan(0);
        expect({ shim: r.shim, wasmer: r.wasmer }).toEqual({ shim: [], wasmer: [] });
      },
    );
  }
});
