/**
 * A new deployment reaches a browser that has the app stored: the site is built twice into one folder (the build's
 * name, MIRRORBOX_BUILD_ID, is the changed marker), served by a host that sends no headers. After the second build a
 * reload still runs the first build, whole, and shows the "new version — reload" prompt; only the prompt's Reload
 * brings the second build. Production builds, Debian Chromium.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDir } from '../../src/node/paths.ts';
import { launchChromium } from '../browser/chromium.ts';
import { buildApp } from './preview.ts';
import { startBareStaticServer } from './static-host-server.ts';

/** Its own folder: the shared build of the other app tests is never rebuilt under them. */
const SITE = join(buildDir, 'app-update-test');

async function buildNamed(name: string): Promise<void> {
  const before = process.env.MIRRORBOX_BUILD_ID;
  process.env.MIRRORBOX_BUILD_ID = name;
  try {
    await buildApp(SITE);
  } finally {
    if (before === undefined) delete process.env.MIRRORBOX_BUILD_ID;
    else process.env.MIRRORBOX_BUILD_ID = before;
  }
}

describe('a new deployment (production builds)', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildNamed('first-deployment');
    server = await startBareStaticServer(SITE);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const isolated = () => page.evaluate(() => crossOriginIsolated).catch(() => false);

  /** The build the page runs, as its offline panel names it. */
  async function runningBuild(): Promise<string> {
    const panel = page.getByTestId('offline-panel');
    if (!(await panel.isVisible())) await page.getByTestId('offline-toggle').click();
    return (await panel.getByTestId('build-id').textContent()) ?? '';
  }

  it('is offered on the next visit with a prompt, and runs only after the prompt’s Reload', async () => {
    await page.goto(`${server.url}/?target=uuidparse&tab=oracle`);
    // The first visit: installed, reloaded once under the service worker.
    await expect.poll(isolated, { timeout: 60_000 }).toBe(true);
    expect(await runningBuild()).toBe('first-deployment');
    expect(await page.getByTestId('update-ready').count()).toBe(0);

    await buildNamed('second-deployment');
    await page.reload();
    await page.getByTestId('update-ready').waitFor({ timeout: 120_000 });
    // Offered, not applied: the page is still the first build, every file of it.
    expect(await runningBuild()).toBe('first-deployment');
    const listed = await page.evaluate(
      async () => ((await (await fetch('offline-files.json')).json()) as { build: string }).build,
    );
    expect(listed).toBe('first-deployment');

    await page.getByTestId('update-reload').click();
    await expect.poll(() => runningBuild().catch(() => ''), { timeout: 60_000 }).toBe('second-deployment');
    expect(await page.getByTestId('update-ready').count()).toBe(0);
    const listedAfter = await page.evaluate(
      async () => ((await (await fetch('offline-files.json')).json()) as { build: string }).build,
    );
    expect(listedAfter).toBe('second-deployment');
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
