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

  beforeAll(async () => {
    const dev = await startDevServer();
    server = dev.server;
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${dev.url}/tests/browser/wasmer-harness.html`);
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
  for (const id of listTargetIds()) {
    it(`gives the pack's outcome for every case of ${id} on both backends`, { timeout: 300_000 }, async () => {
      const r = await page.evaluate(
        (target) => (window as unknown as { wasmerHarness: WasmerHarness }).wasmerHarness.parity(target),
        id,
      );
      console.log(
        `parity in Chromium, ${id}: ${r.cases} cases, shim ${r.ms.shim.toFixed(0)} ms, wasmer ${r.ms.wasmer.toFixed(0)} ms`,
      );
      expect(r.cases).toBeGreaterThan(0);
      expect({ shim: r.shim, wasmer: r.wasmer }).toEqual({ shim: [], wasmer: [] });
    });
  }
});
