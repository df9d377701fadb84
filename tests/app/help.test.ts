/**
 * Help and looks (Debian Chromium, production build): `?` outside an editor, or the header's button, opens the list
 * of keyboard shortcuts and Escape closes it; `?` typed in the editor stays text. A manual light/dark choice beside
 * the system's default is applied at once and remembered across a reload.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDir } from '../../src/node/paths.ts';
import { launchChromium } from '../browser/chromium.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';

describe('help overlay and theme (production build, Debian Chromium)', () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(join(buildDir, 'screenshots'), { recursive: true });
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const help = () => page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  /** The page's background luminance, 0 (black) to 255 (white). */
  const background = (): Promise<number> =>
    page.evaluate(() => {
      const [r, g, b] = (getComputedStyle(document.documentElement).backgroundColor.match(/\d+/g) ?? []).map(Number);
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    });

  it('opens the shortcut list with ? or the button and closes it with Escape; ? in the editor is text', async () => {
    await page.goto(`${base}/?target=uuidparse&tab=workspace`);
    await page.locator('.cm-content').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    await help().waitFor();
    const text = await help().innerText();
    expect(text).toMatch(/Ctrl\s*\+\s*Enter/);
    expect(text).toContain('Escape');
    await page.keyboard.press('Escape');
    await help().waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await help().waitFor();
    await page.keyboard.press('Escape');
    await help().waitFor({ state: 'hidden' });

    await page.locator('.cm-content').click();
    await page.keyboard.press('End');
    await page.keyboard.type('?');
    expect(await help().isVisible()).toBe(false);
    await expect.poll(() => page.locator('.cm-content').innerText()).toContain('?');
    expect(pageErrors).toEqual([]);
  });

  it('switches to dark and back to the system default, and remembers the choice', async () => {
    await page.goto(`${base}/`);
    const theme = page.getByTestId('theme-setting');
    await theme.waitFor();
    expect(await theme.inputValue()).toBe('system');
    expect(await background()).toBeGreaterThan(128);
    await theme.selectOption('dark');
    await expect.poll(background).toBeLessThan(128);
    await page.reload();
    await page.getByTestId('theme-setting').waitFor();
    expect(await page.getByTestId('theme-setting').inputValue()).toBe('dark');
    expect(await background()).toBeLessThan(128);
    await page.locator('tr[data-target="uuidparse"]').waitFor();
    await page.screenshot({ path: join(buildDir, 'screenshots', 'theme-dark.png') });
    await page.getByTestId('theme-setting').selectOption('system');
    await expect.poll(background).toBeGreaterThan(128);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(background).toBeLessThan(128);
    expect(pageErrors).toEqual([]);
  });
});
