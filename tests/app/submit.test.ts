/**
 * Issue 16, point 6: the Submit tab explains itself and keeps each submission's code. A JavaScript candidate is
 * submitted (production build, Debian Chromium), then edited; the tab badge says what its figure is, the chart's
 * legend names both lines, and the submission's code can be viewed, diffed against the code now, and restored into
 * the workspace after a confirmation, the replaced code staying one "Undo import" away.
 */
import { describe, expect, it } from 'vitest';
import { setEditorText } from './editor.ts';
import { usePreviewPage } from './preview-page.ts';

const SUBMITTED = "console.log('the submitted version, line 1');\n";
const EDITED = "console.log('the edited version, line 1');\n";

describe('the Submit tab (Chromium, production build)', () => {
  const app = usePreviewPage({ width: 1400, height: 900 });

  it(
    'explains the badge, names both lines, and views, diffs and restores past code',
    { timeout: 180_000 },
    async () => {
      await app.page.goto(`${app.base}/?target=uuidparse&tab=workspace`);
      await app.page.locator('#toolchain').selectOption('js');
      await app.page.getByRole('button', { name: /^main\.js/ }).waitFor();
      await setEditorText(app.page, SUBMITTED);
      await app.page.getByRole('tab', { name: 'Submit' }).click();
      await app.page.getByTestId('submit').click();
      await app.page.getByTestId('submission-result').waitFor({ timeout: 150_000 });

      expect(await app.page.getByTestId('badge-submit').getAttribute('title')).toBe(
        'Your best submission: tests passed, visible and hidden together',
      );
      const legend = app.page.getByTestId('pass-rate-chart').locator('.u-legend');
      await legend.waitFor();
      expect(await legend.innerText()).toMatch(/hidden \(dashed\)[\s\S]*visible \(solid\)/);

      await app.page.getByRole('tab', { name: 'Workspace' }).click();
      await setEditorText(app.page, EDITED);
      await app.page.getByRole('tab', { name: 'Submit' }).click();
      await app.page.getByTestId('view-submission-1').click();
      const code = app.page.getByTestId('submission-code');
      expect(await code.getByTestId('code-main.js').innerText()).toBe(SUBMITTED);
      await code.getByTestId('show-diff').click();
      const diff = await code.getByTestId('code-diff').innerText();
      expect(diff).toContain("-console.log('the submitted version, line 1');");
      expect(diff).toContain("+console.log('the edited version, line 1');");

      let asked = '';
      app.page.once('dialog', (d) => {
        asked = d.message();
        void d.accept();
      });
      await code.getByTestId('restore-submission').click();
      await app.page.getByText('Undo import').waitFor();
      expect(asked).toMatch(/^Put the code of submission 1 into your workspace\?/);
      await expect.poll(() => app.page.locator('.cm-content').innerText()).toContain('the submitted version');
      await app.page.getByText('Undo import').click();
      await expect.poll(() => app.page.locator('.cm-content').innerText()).toContain('the edited version');
      expect(app.pageErrors).toEqual([]);
    },
  );
});
