/**
 * Issue 16, point 6: the Submit tab explains itself and keeps each submission's code. A JavaScript candidate is
 * submitted (production build, Debian Chromium), then edited; the tab badge says what its figure is, the chart's
 * legend names both lines, and the submission's code can be viewed, diffed against the code now, and restored into
 * the workspace after a confirmation, the replaced code staying one "Undo import" away.
 */
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser/chromium.ts';
import { setEditorText } from './editor.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';

const SUBMITTED = "console.log('the submitted version, line 1');\n";
const EDITED = "console.log('the edited version, line 1');\n";

describe('the Submit tab (Chromium, production build)', () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'explains the badge, names both lines, and views, diffs and restores past code',
    { timeout: 180_000 },
    async () => {
      await page.goto(`${base}/?target=uuidparse&tab=workspace`);
      await page.locator('#toolchain').selectOption('js');
      await page.getByRole('button', { name: /^main\.js/ }).waitFor();
      await setEditorText(page, SUBMITTED);
      await page.getByRole('tab', { name: 'Submit' }).click();
      await page.getByTestId('submit').click();
      await page.getByTestId('submission-result').waitFor({ timeout: 150_000 });

      expect(await page.getByTestId('badge-submit').getAttribute('title')).toBe(
        'Your best submission: tests passed, visible and hidden together',
      );
      const legend = page.getByTestId('pass-rate-chart').locator('.u-legend');
      await legend.waitFor();
      expect(await legend.innerText()).toMatch(/hidden \(dashed\)[\s\S]*visible \(solid\)/);

      await page.getByRole('tab', { name: 'Workspace' }).click();
      await setEditorText(page, EDITED);
      await page.getByRole('tab', { name: 'Submit' }).click();
      await page.getByTestId('view-submission-1').click();
      const code = page.getByTestId('submission-code');
      expect(await code.getByTestId('code-main.js').innerText()).toBe(SUBMITTED);
      await code.getByTestId('show-diff').click();
      const diff = await code.getByTestId('code-diff').innerText();
      expect(diff).toContain("-console.log('the submitted version, line 1');");
      expect(diff).toContain("+console.log('the edited version, line 1');");

      let asked = '';
      page.once('dialog', (d) => {
        asked = d.message();
        void d.accept();
      });
      await code.getByTestId('restore-submission').click();
      await page.getByText('Undo import').waitFor();
      expect(asked).toMatch(/^Put the code of submission 1 into your workspace\?/);
      await expect.poll(() => page.locator('.cm-content').innerText()).toContain('the submitted version');
      await page.getByText('Undo import').click();
      await expect.poll(() => page.locator('.cm-content').innerText()).toContain('the edited version');
      expect(pageErrors).toEqual([]);
    },
  );
});
