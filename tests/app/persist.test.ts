/**
 * Issue 16, point 5: the Tests tab survives a reload. After a run of a candidate that prints nothing (every visible
 * case fails), with a filter and "failing only" set and a case open, a reload of the page (production build, Debian
 * Chromium) shows the same filter, "failing only", the last run's verdicts (kept in IndexedDB) and the same case,
 * which is in the address bar (`&case=…`); Back and Forward move between the cases opened.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDir } from '../../src/node/paths.ts';
import { usePreviewPage } from './preview-page.ts';

describe('the Tests tab after a reload (Chromium, production build)', () => {
  const app = usePreviewPage({ width: 1280, height: 800 });

  const detailTitle = () => app.page.getByTestId('case-detail').locator('h3').innerText();

  it('keeps the verdicts, the filter, "failing only" and the open case', { timeout: 120_000 }, async () => {
    await app.page.goto(`${app.base}/?target=uuidparse&tab=workspace`);
    await app.page.locator('#toolchain').selectOption('wasm');
    await app.page.getByTestId('upload-input').setInputFiles(join(buildDir, 'fixtures', 'silent.wasm'));
    await app.page.getByText(/silent\.wasm added/).waitFor();
    await app.page.getByRole('tab', { name: 'Tests' }).click();
    await app.page.getByTestId('test-filter').fill('json');
    await app.page.getByTestId('run-tests').click();
    await expect.poll(() => app.page.getByTestId('run-tests').isEnabled(), { timeout: 60_000 }).toBe(true);
    await app.page.getByLabel('failing only').check();
    const rows = app.page.locator('tbody tr[data-case]');
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case') as string));
    expect(ids.length).toBeGreaterThan(2);
    expect(await app.page.locator('tr[data-verdict="fail"]').count()).toBe(ids.length);
    const [first, second] = ids as [string, string];
    await app.page.locator(`tr[data-case="${second}"] button.case-link`).click();
    expect(new URL(app.page.url()).searchParams.get('case')).toBe(second);
    expect(await detailTitle()).toBe(second);

    await app.page.reload();
    await app.page.getByTestId('restored-run').waitFor();
    expect(await app.page.getByTestId('test-filter').inputValue()).toBe('json');
    expect(await app.page.getByLabel('failing only').isChecked()).toBe(true);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')))).toEqual(ids);
    expect(await app.page.locator('tr[data-verdict="fail"]').count()).toBe(ids.length);
    expect(await detailTitle()).toBe(second);
    // The restored case still shows what differs: the oracle's output against the nothing the candidate wrote.
    expect(await app.page.getByTestId('case-detail').getByTestId('diff-stdout').innerText()).toMatch(/^-/m);

    await app.page.locator(`tr[data-case="${first}"] button.case-link`).click();
    expect(await detailTitle()).toBe(first);
    await app.page.goBack();
    await expect.poll(detailTitle).toBe(second);
    expect(new URL(app.page.url()).searchParams.get('case')).toBe(second);
    await app.page.goForward();
    await expect.poll(detailTitle).toBe(first);
    expect(app.pageErrors).toEqual([]);
  });
});
