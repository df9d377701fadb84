import { spawnSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodePool } from '../../src/node/node-pool.ts';
import { goldDigests, loadSuite } from '../../src/node/pack-builder.ts';
import { repoRoot } from '../../src/node/paths.ts';
import { loadBuiltTarget } from '../../src/node/target-store.ts';
import { selfChecks } from '../selfcheck/checks.ts';
import { launchChromium, startDevServer } from './chromium.ts';

type Harness = {
  selfCheck(): Promise<Record<string, string | null>>;
  oracleDigests(target: string): Promise<Record<string, string>>;
  oracleRun(
    target: string,
    argv: string[],
    stdin: string,
  ): Promise<{ stdout: number[]; stderr: number[]; code: number | null }>;
};

describe('in Debian Chromium: the browser worker pool', () => {
  let browser: Browser;
  let server: ViteDevServer;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    const dev = await startDevServer();
    server = dev.server;
    base = dev.url;
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${base}/tests/browser/harness.html`);
    await page.waitForFunction(() => document.querySelector('#state')?.textContent === 'ready');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('passes the runner self-check suite', async () => {
    const results = await page.evaluate(() => (window as unknown as { harness: Harness }).harness.selfCheck());
    expect(Object.keys(results)).toEqual(selfChecks.map((c) => c.name));
    expect(Object.entries(results).filter(([, failure]) => failure !== null)).toEqual([]);
  });

  it('runs every uuidparse case in Web Workers with the same bytes as the Node pool', async () => {
    const built = loadBuiltTarget('uuidparse');
    if (built.kind === 'error') throw new Error(built.message);
    const suite = await loadSuite('uuidparse');
    if (suite.kind === 'error') throw new Error(suite.message);
    const pool = createNodePool();
    const node = await goldDigests(pool, built.value.oracle, built.value.pack.target, suite.value);
    await pool.close();
    if (node.kind === 'error') throw new Error(node.message);
    const browserDigests = await page.evaluate(
      (t) => (window as unknown as { harness: Harness }).harness.oracleDigests(t),
      'uuidparse',
    );
    expect(Object.keys(browserDigests).length).toBe(Object.keys(node.value.digests).length);
    expect(browserDigests).toEqual(node.value.digests);
  });

  it('gives the same bytes as the CLI for an oracle run', async () => {
    const argv = ['-J', '8c6e3fbc-4f5a-11ee-be56-0242ac120002', 'not-a-uuid'];
    const inBrowser = await page.evaluate(
      ([a]) => (window as unknown as { harness: Harness }).harness.oracleRun('uuidparse', a as string[], ''),
      [argv],
    );
    const cli = spawnSync(process.execPath, [`${repoRoot}bin/mirrorbox.mjs`, 'oracle', 'uuidparse', '--', ...argv]);
    expect(inBrowser.code).toBe(cli.status);
    expect(Buffer.from(inBrowser.stdout).equals(cli.stdout)).toBe(true);
    expect(Buffer.from(inBrowser.stderr).equals(cli.stderr)).toBe(true);
    expect(cli.stdout.length).toBeGreaterThan(0);
  });
});
