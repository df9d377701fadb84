/**
 * A newcomer's first minutes in Debian Chromium (production build, a fresh profile per test): a new workspace starts
 * in Python with a starter that runs, the Workspace runs the program beside the oracle and runs the tests, the words
 * a newcomer reads are plain, and the whole path — pick uuidparse, write Python, compare, test, submit — needs no
 * detour. Screenshots of the first-run flow (1400×900): build/screenshots/first-run-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildDir } from '../../src/node/paths.ts';
import { launchChromium } from '../browser/chromium.ts';
import { setEditorText } from './editor.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';

const SCREENSHOTS = join(buildDir, 'screenshots');
const NIL = '00000000-0000-0000-0000-000000000000';

/** Right for uuidparse's plain `nil` case, wrong (no JSON) for `-J`: enough for both verdicts and a diff. */
const NIL_PRINTER = `import sys

print("UUID                                  VARIANT TYPE TIME")
for uuid in sys.argv[1:]:
    if not uuid.startswith("-"):
        print(f"{uuid}  NCS     nil  ")
`;

describe("a newcomer's first run (production build, Debian Chromium)", () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterEach(async () => {
    await context?.close();
  });

  const tab = (name: string) => page.getByRole('tab', { name });

  /** Every text the run's status line shows, recorded as it changes, so a state shown briefly is not missed. */
  const recordBuildStates = (): Promise<void> =>
    page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { buildStates: string[] }).buildStates = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="build-state"]')?.textContent?.replace(/\s+/g, ' ').trim();
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  const buildStates = (): Promise<string[]> =>
    page.evaluate(() => (window as unknown as { buildStates: string[] }).buildStates);

  const runFinished = () =>
    expect.poll(() => page.getByTestId('run-tests').isEnabled(), { timeout: 120_000 }).toBe(true);

  it('starts a new workspace in Python with a starter that runs; a .wasm workspace points at the kind', async () => {
    await page.goto(`${base}/?target=uuidparse&tab=workspace`);
    await page.locator('#toolchain').waitFor();
    expect(await page.locator('#toolchain').inputValue()).toBe('python');
    await expect.poll(() => page.locator('.cm-content').getAttribute('aria-label')).toBe('Contents of main.py');
    const starter = await page.locator('.cm-content').innerText();
    expect(starter).toContain('sys.argv');
    expect(starter).toContain('sys.stdin');
    await page.screenshot({ path: join(SCREENSHOTS, 'first-run-workspace.png') });

    // The starter builds and runs: every nil case gets a verdict, and no build problem is shown.
    await tab('Tests').click();
    await page.getByTestId('test-filter').fill('nil');
    await page.getByTestId('run-tests').click();
    await page.locator('tr[data-case="nil"]:not([data-verdict="none"])').waitFor({ timeout: 120_000 });
    await runFinished();
    expect(await page.locator('tr[data-case="nil"]').getAttribute('data-verdict')).toBe('fail');
    expect(await page.getByTestId('diagnostics').count()).toBe(0);

    // The prebuilt-module kind: its notes name no path of this repository, and its empty build says where to go.
    await tab('Workspace').click();
    await page.locator('#toolchain').selectOption('wasm');
    await page.getByRole('button', { name: /^NOTES\.md/ }).click();
    await expect.poll(() => page.locator('.cm-content').getAttribute('aria-label')).toBe('Contents of NOTES.md');
    const notes = await page.locator('.cm-content').innerText();
    expect(notes).not.toMatch(/toolchains\/|wasi-cc|npm run/);
    await tab('Tests').click();
    await page.getByTestId('run-tests').click();
    const problem = page.getByTestId('diagnostics').locator('li').first();
    await problem.waitFor();
    const text = (await problem.textContent()) ?? '';
    expect(text).toMatch(/^error: there is no \.wasm/);
    expect(text).toMatch(/candidate kind/i);
    expect(pageErrors).toEqual([]);
  });

  it('runs my program beside the oracle with the same argv and stdin, and shows the diff', async () => {
    await page.goto(`${base}/?target=uuidparse&tab=workspace`);
    await expect.poll(() => page.locator('.cm-content').getAttribute('aria-label')).toBe('Contents of main.py');
    await setEditorText(page, NIL_PRINTER);
    // The button runs at once, with the arguments the oracle console holds (a visible case's to begin with).
    await page.getByRole('button', { name: 'Run my program' }).click();
    const compare = page.getByRole('region', { name: 'Run beside the oracle' });
    const result = compare.getByTestId('compare-result');
    await result.waitFor({ timeout: 120_000 });
    expect(await compare.locator('#compare-args').inputValue()).not.toBe('');

    await compare.locator('#compare-args').fill(`-J ${NIL}`);
    await compare.getByTestId('compare-run').click();
    await result.getByText('stdout differs').waitFor({ timeout: 60_000 });
    expect(await result.getByTestId('compare-same').count()).toBe(0);
    // Both sides ran with the same argv: the oracle wrote JSON, the candidate its table.
    expect(await result.getByTestId('compare-oracle').innerText()).toContain('"uuids"');
    expect(await result.getByTestId('compare-candidate').innerText()).toContain('NCS     nil');
    expect(await result.getByTestId('diff-stdout').innerText()).toContain('"uuids"');
    expect(await result.getByTestId('compare-exit').innerText()).toMatch(/oracle 0.*yours 0/s);

    // Ctrl+Enter in the panel runs the panel (not the tests); a match says so.
    await compare.locator('#compare-args').fill(NIL);
    await page.keyboard.press('Control+Enter');
    await result.getByText('stdout matches').waitFor({ timeout: 60_000 });
    expect(await result.getByTestId('compare-same').innerText()).toContain('would pass');
    expect(page.url()).toContain('tab=workspace');
    // The oracle console has the same inputs: they are one set.
    await tab('Oracle console').click();
    expect(await page.locator('#oracle-args').inputValue()).toBe(NIL);
    await tab('Workspace').click();
    await compare.getByTestId('compare-result').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'first-run-compare.png') });

    // "Run tests" in the Workspace runs the visible tests and shows them.
    await page.getByRole('button', { name: 'Run tests' }).click();
    await expect.poll(() => page.url()).toContain('tab=tests');
    await page.locator('tr[data-case="nil"]:not([data-verdict="none"])').waitFor({ timeout: 120_000 });
    expect(await page.locator('tr[data-case="nil"]').getAttribute('data-verdict')).toBe('pass');
    expect(pageErrors).toEqual([]);
  });

  it('uses plain words: one term per limit, no 0.00 ms or Compiling… for Python, a plain runtime label', async () => {
    await page.goto(`${base}/?target=uuidparse&tab=workspace`);
    await expect.poll(() => page.locator('.cm-content').getAttribute('aria-label')).toBe('Contents of main.py');
    await setEditorText(page, 'while True:\n    pass\n');
    await tab('Tests').click();
    await page.getByTestId('time-limit').fill('0.5');
    await page.getByTestId('time-limit').press('Tab');
    await page.getByTestId('test-filter').fill('nil-json');
    await recordBuildStates();
    await page.getByTestId('run-tests').click();
    await page.locator('tr[data-case="nil-json"]:not([data-verdict="none"])').waitFor({ timeout: 120_000 });
    await runFinished();
    const states = await buildStates();
    expect(states.some((s) => /Python/.test(s))).toBe(true);
    expect(states.filter((s) => /Compiling|0\.00 ms/.test(s))).toEqual([]);
    const row = page.locator('tr[data-case="nil-json"]');
    expect(await row.getAttribute('data-verdict')).toBe('timeout');
    expect(await row.innerText()).toContain('time limit');
    await row.getByRole('button').click();
    const detail = await page.getByTestId('case-detail').locator('header').innerText();
    expect(detail).toContain('time limit');
    expect(detail).not.toContain('timeout');

    // The runtime menu in plain words, with the engine's name for those who know it.
    const options = await page.getByTestId('runtime-setting').locator('option').allInnerTexts();
    expect(options[0]).toMatch(/^Fast \(browser_wasi_shim\)$/);
    expect(options.join(' ')).not.toContain('default, fast');
    expect(await page.getByTestId('runtime-note').innerText()).not.toBe('');

    // The catalog explains the size badges.
    await page.goto(`${base}/`);
    const badge = page.locator('tr[data-target="uuidparse"] .badge').first();
    await badge.waitFor();
    expect(await badge.getAttribute('title')).toMatch(/size/i);
    expect(await page.getByTestId('size-legend').innerText()).toMatch(/S.*M.*L/s);

    // An unknown target: a friendly page with the catalog, no word for developers.
    await page.goto(`${base}/?target=nope`);
    await page.locator('tr[data-target="uuidparse"]').waitFor();
    const body = await page.locator('body').innerText();
    expect(body).toContain('There is no target called nope');
    expect(body).not.toMatch(/npm run|HTTP 404/);
    expect(pageErrors).toEqual([]);
  });

  it("names the program as written when the terminal's run ends", async () => {
    await page.goto(`${base}/?target=uuidparse&tab=oracle`);
    await page.getByRole('radio', { name: 'Terminal' }).click();
    await page.locator('#oracle-args').fill(NIL);
    await page.getByTestId('terminal-start').click();
    const status = page.getByTestId('terminal-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 120_000 }).toBe('ended');
    expect(await status.innerText()).toBe('uuidparse exited with status 0.');
    expect(pageErrors).toEqual([]);
  });

  it('goes the newcomer path with no detour: uuidparse, Python, beside the oracle, tests, submit', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Start with uuidparse' }).click();
    await page.getByRole('heading', { name: 'Manual page' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'first-run-docs.png') });
    await tab('Workspace').click();
    await expect.poll(() => page.locator('.cm-content').getAttribute('aria-label')).toBe('Contents of main.py');
    await setEditorText(page, NIL_PRINTER);

    await page.getByRole('button', { name: 'Run my program' }).click();
    const compare = page.getByRole('region', { name: 'Run beside the oracle' });
    await compare.locator('#compare-args').fill(NIL);
    await compare.getByTestId('compare-run').click();
    await compare.getByTestId('compare-result').getByText('stdout matches').waitFor({ timeout: 120_000 });

    await page.getByRole('button', { name: 'Run tests' }).click();
    await runFinished();
    expect(await page.locator('tr[data-case="nil"]').getAttribute('data-verdict')).toBe('pass');
    await page.screenshot({ path: join(SCREENSHOTS, 'first-run-tests.png') });

    await tab('Submit').click();
    await page.getByTestId('submit').click();
    await page.getByTestId('submission-result').waitFor({ timeout: 300_000 });
    expect(await page.getByTestId('visible-score').innerText()).toMatch(/%$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'first-run-submit.png') });
    expect(pageErrors).toEqual([]);
  }, 600_000);
});
