/**
 * Issue 16, point 5: the Tests tab survives a reload. After a run of a candidate that prints nothing (every visible
 * case fails), with a filter and "failing only" set and a case open, a reload of the page (production build, Debian
 * Chromium) shows the same filter, "failing only", the last run's verdicts (kept in IndexedDB) and the same case,
 * which is in the address bar (`&case=…`); Back and Forward move between the cases opened.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDir } from '../../src/node/paths.ts';
import { launchChromium } from '../browser/chromium.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';

describe('the Tests tab after a reload (Chromium, production build)', () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const detailTitle = () => page.getByTestId('case-detail').locator('h3').innerText();

  it('keeps the verdicts, the filter, "failing only" and the open case', { timeout: 120_000 }, async () => {
    await page.goto(`${base}/?target=uuidparse&tab=workspace`);
    await page.locator('#toolchain').selectOption('wasm');
    await page.getByTestId('upload-input').setInputFiles(join(buildDir, 'fixtures', 'silent.wasm'));
    await page.getByText(/silent\.wasm added/).waitFor();
    await page.getByRole('tab', { name: 'Tests' }).click();
    await page.getByTestId('test-filter').fill('json');
    await page.getByTestId('run-tests').click();
    await expect.poll(() => page.getByTestId('run-tests').isEnabled(), { timeout: 60_000 }).toBe(true);
    await page.getByLabel('failing only').check();
    const rows = page.locator('tbody tr[data-case]');
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case') as string));
    expect(ids.length).toBeGreaterThan(2);
    expect(await page.locator('tr[data-verdict="fail"]').count()).toBe(ids.length);
    const [first, second] = ids as [string, string];
    await page.locator(`tr[data-case="${second}"] button.case-link`).click();
    expect(new URL(page.url()).searchParams.get('case')).toBe(second);
    expect(await detailTitle()).toBe(second);

    await page.reload();
    await page.getByTestId('restored-run').waitFor();
    expect(await page.getByTestId('test-filter').inputValue()).toBe('json');
    expect(await page.getByLabel('failing only').isChecked()).toBe(true);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')))).toEqual(ids);
    expect(await page.locator('tr[data-verdict="fail"]').count()).toBe(ids.length);
    expect(await detailTitle()).toBe(second);
    // The restored case still shows what differs: the oracle's output against the nothing the candidate wrote.
    expect(await page.getByTestId('case-detail').getByTestId('diff-stdout').innerText()).toMatch(/^-/m);

    await page.locator(`tr[data-case="${first}"] button.case-link`).click();
    expect(await detailTitle()).toBe(first);
    await page.goBack();
    await expect.poll(detailTitle).toBe(second);
    expect(new URL(page.url()).searchParams.get('case')).toBe(second);
    await page.goForward();
    await expect.poll(detailTitle).toBe(first);
    expect(pageErrors).toEqual([]);
  });
});
