// Not in the default run: the wasmer backend fails some checks on @wasmer/sdk limits (docs/runtimes-wasmer.md).
// Run it with: npx vitest run --config tests/selfcheck/wasmer.vitest.config.ts
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfChecks } from '../selfcheck/checks.ts';
import { launchChromium, startDevServer } from './chromium.ts';

type WasmerHarness = { selfCheck(): Promise<Record<string, string | null>> };

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

  it('passes the runner self-check suite', async () => {
    const results = await page.evaluate(() =>
      (window as unknown as { wasmerHarness: WasmerHarness }).wasmerHarness.selfCheck(),
    );
    expect(Object.keys(results)).toEqual(selfChecks.map((c) => c.name));
    expect(Object.entries(results).filter(([, failure]) => failure !== null)).toEqual([]);
  });
});
