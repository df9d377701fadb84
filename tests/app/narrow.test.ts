/**
 * The app on a phone-sized screen (390×844, Debian Chromium, production build): no page scrolls sideways, and the
 * parts a person needs — the Runtime menu, the test list, the editor — are on screen in a stacked layout.
 * Screenshots: build/screenshots/narrow-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDir } from '../../src/node/paths.ts';
import { launchChromium } from '../browser/chromium.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';

const SCREENSHOTS = join(buildDir, 'screenshots');
const WIDTH = 390;

describe('narrow screens (390×844)', () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: WIDTH, height: 844 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** How far the page can scroll sideways: 0 when nothing sticks out. */
  const sideways = (): Promise<number> =>
    page.evaluate(() => (document.scrollingElement as Element).scrollWidth - window.innerWidth);

  /** True when the element is laid out inside the screen's width, not beside it. */
  const withinWidth = async (locator: Locator): Promise<boolean> => {
    const box = await locator.boundingBox();
    return box !== null && box.width > 0 && box.x >= 0 && box.x + box.width <= WIDTH + 0.5;
  };
  /** True when the element is inside the screen and takes most of its width: stacked, not squeezed beside another. */
  const stacked = async (locator: Locator): Promise<boolean> =>
    (await withinWidth(locator)) && ((await locator.boundingBox())?.width ?? 0) >= WIDTH * 0.8;

  it('does not scroll sideways on any page and stacks what each tab needs', async () => {
    await page.goto(`${base}/`);
    await page.locator('tr[data-target="uuidparse"]').waitFor();
    expect(await sideways()).toBeLessThanOrEqual(0);
    expect(await withinWidth(page.getByTestId('runtime-setting'))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'narrow-catalog.png'), fullPage: true });

    for (const tab of ['docs', 'oracle', 'workspace', 'tests', 'submit']) {
      await page.goto(`${base}/?target=uuidparse&tab=${tab}`);
      await page.locator(`#tab-${tab}[aria-selected="true"]`).waitFor();
      await page.locator('#panel > *').first().waitFor();
      if (tab === 'docs') await page.getByRole('heading', { name: 'Manual page' }).waitFor();
      if (tab === 'workspace') await page.locator('.cm-content').waitFor();
      if (tab === 'tests') await page.locator('tr[data-case="nil"]').waitFor();
      expect({ tab, sideways: await sideways() }).toEqual({ tab, sideways: 0 });
      expect(await withinWidth(page.getByTestId('runtime-setting')), tab).toBe(true);
      if (tab === 'workspace') {
        expect(await stacked(page.locator('.cm-editor'))).toBe(true);
        expect(await withinWidth(page.locator('#toolchain'))).toBe(true);
      }
      if (tab === 'tests') {
        expect(await stacked(page.getByTestId('verdict-table'))).toBe(true);
        expect(await withinWidth(page.getByTestId('run-tests'))).toBe(true);
      }
      await page.screenshot({ path: join(SCREENSHOTS, `narrow-${tab}.png`) });
    }
    expect(pageErrors).toEqual([]);
  });
});
