/**
 * The JavaScript and TypeScript candidate kinds end to end in Debian Chromium (production build): the kinds are in
 * the workspace selector, the program builds on the page (sucrase), its runs go to the runner workers, which load
 * QuickJS only then, and the visible tests get their verdicts. Syntax errors land at file:line.
 */
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser/chromium.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';
import { setEditorText } from './editor.ts';

/** Passes uuidparse's `nil` case (and not the JSON or raw ones): enough to see both verdicts. */
const NIL_PRINTER = `// prints every argument as a nil UUID
const rows = process.argv.slice(1);
console.log('UUID                                  VARIANT TYPE TIME');
for (const uuid of rows) console.log(\`\${uuid}  NCS     nil  \`);
`;

describe('JavaScript and TypeScript candidates in Debian Chromium (production build)', () => {
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
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const runTests = async (filter: string): Promise<number> => {
    await page.getByRole('tab', { name: 'Tests' }).click();
    await page.getByTestId('test-filter').fill(filter);
    const started = Date.now();
    await page.getByTestId('run-tests').click();
    await page.locator('tr[data-case="nil"]:not([data-verdict="none"])').waitFor({ timeout: 30_000 });
    return Date.now() - started;
  };

  it('offers JavaScript and TypeScript, runs a JS program on the visible tests in QuickJS workers', async () => {
    await page.goto(`${base}/?target=uuidparse&tab=workspace`);
    await page.locator('#toolchain').waitFor();
    const options = await page
      .locator('#toolchain option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(expect.arrayContaining(['js', 'ts']));
    await page.locator('#toolchain').selectOption('js');
    await page.getByRole('button', { name: /^main\.js/ }).waitFor();
    await setEditorText(page, NIL_PRINTER);
    const ms = await runTests('nil');
    expect(await page.locator('tr[data-case="nil"]').getAttribute('data-verdict')).toBe('pass');
    await expect.poll(() => page.locator('tr[data-case="nil-json"]').getAttribute('data-verdict')).toBe('fail');
    console.log(`JS in Chromium: build + QuickJS start + first verdict ${ms} ms`);
    expect(pageErrors).toEqual([]);
  });

  it('runs TypeScript too, and shows a syntax error at its file and line', async () => {
    await page.getByRole('tab', { name: 'Workspace' }).click();
    await page.locator('#toolchain').selectOption('ts');
    await page.getByRole('button', { name: /^main\.ts/ }).waitFor();
    await page.getByRole('button', { name: /^main\.ts/ }).click();
    await setEditorText(page, NIL_PRINTER.replace('const rows =', 'const rows: string[] ='));
    await runTests('nil');
    expect(await page.locator('tr[data-case="nil"]').getAttribute('data-verdict')).toBe('pass');

    await page.getByRole('tab', { name: 'Workspace' }).click();
    await setEditorText(page, '// broken\nconst x: number = (;\n');
    await page.getByRole('tab', { name: 'Tests' }).click();
    await page.getByTestId('run-tests').click();
    const list = page.getByRole('alert').getByTestId('diagnostics');
    await list.waitFor({ timeout: 30_000 });
    expect(await list.locator('li[data-severity="error"]').first().innerText()).toMatch(
      /main\.ts:2:\d+\s+error:\s+Unexpected token/,
    );
    expect(pageErrors).toEqual([]);
  });
});
