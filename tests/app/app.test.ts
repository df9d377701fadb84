/**
 * The web app end to end: the production build (vite build + vite preview) driven in Debian's Chromium, the way a
 * person uses it — one browser profile through the whole journey, so the reload step sees everything saved before.
 * Screenshots go to build/screenshots/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkspaceJson } from '../../src/core/workspace-export.ts';
import { buildDir, repoRoot } from '../../src/node/paths.ts';
import { WORKER_ASSET_DIR, WORKER_CSP } from '../../scripts/vite-worker-csp-plugin.ts';
import { launchChromium } from '../browser/chromium.ts';
import { APP_BUILD_DIR, sharedAppBuild, startPreviewServer } from './preview.ts';

const SCREENSHOTS = join(buildDir, 'screenshots');
const ORACLE_WASM = join(repoRoot, 'build/targets/uuidparse/oracle.wasm');
const SILENT_WASM = join(repoRoot, 'build/fixtures/silent.wasm');
const SPIN_WASM = join(repoRoot, 'build/fixtures/spin.wasm');
const UUID = '8c6e3fbc-4f5a-11ee-be56-0242ac120002';
/** Files the tests upload (large inputs are written here, not kept in the repository). */
const INPUTS = join(buildDir, 'app-test-inputs');

function headersOf(url: string): Promise<Record<string, string | string[] | undefined>> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      resolve(res.headers);
    })
      .on('error', reject)
      .end();
  });
}

describe('the web app in Debian Chromium (production build)', () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    mkdirSync(INPUTS, { recursive: true });
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(INPUTS, { recursive: true, force: true });
  });

  const open = async (query: string): Promise<void> => {
    await page.goto(`${base}/${query}`);
  };
  const tab = (name: string) => page.getByRole('tab', { name });
  const args = () => page.locator('#oracle-args');
  const upload = async (path: string): Promise<void> => {
    await tab('Workspace').click();
    await page.getByTestId('upload-input').setInputFiles(path);
  };

  it('serves pages cross-origin isolated and worker scripts with their CSP', async () => {
    const index = await headersOf(`${base}/`);
    expect(index['cross-origin-opener-policy']).toBe('same-origin');
    expect(index['cross-origin-embedder-policy']).toBe('require-corp');
    expect(index['content-security-policy']).toBeUndefined();
    const worker = readdirSync(join(APP_BUILD_DIR, WORKER_ASSET_DIR)).find((f) => f.startsWith('runner.worker'));
    expect(worker).toBeDefined();
    const headers = await headersOf(`${base}/${WORKER_ASSET_DIR}/${worker}`);
    expect(headers['content-security-policy']).toBe(WORKER_CSP);
    expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
  });

  it('lists uuidparse in the catalog', async () => {
    await open('');
    const row = page.locator('tr[data-target="uuidparse"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('util-linux 2.38.1');
    expect(await row.textContent()).toMatch(/400\s*207/);
    await page.screenshot({ path: join(SCREENSHOTS, 'catalog.png') });
    await page.getByRole('link', { name: 'Start with uuidparse' }).click();
    await expect.poll(() => page.url()).toContain('target=uuidparse');
    await page.getByRole('heading', { name: 'Manual page' }).waitFor();
    // The tabs follow the WAI-ARIA keyboard pattern, and the URL follows the tabs.
    await tab('Docs').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.url()).toContain('tab=oracle');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Oracle console');
  });

  it('runs uuidparse -J <uuid> in the oracle console with the same bytes as the CLI', async () => {
    await tab('Oracle console').click();
    expect(page.url()).toContain('tab=oracle');
    await args().fill(`-J ${UUID}`);
    await page.getByTestId('oracle-run').click();
    const stdout = page.locator('pre[data-stream="stdout"]');
    await stdout.waitFor();
    const cli = spawnSync(process.execPath, [
      join(repoRoot, 'bin/mirrorbox.mjs'),
      'oracle',
      'uuidparse',
      '--',
      '-J',
      UUID,
    ]);
    expect(cli.status).toBe(0);
    expect(await stdout.textContent()).toBe(cli.stdout.toString('utf8'));
    expect(await page.getByTestId('exit-code').textContent()).toBe(`exit ${cli.status}`);
    expect(cli.stderr.length).toBe(0);
    await expect.poll(() => page.getByTestId('oracle-history').locator('li').count()).toBe(1);

    // A second run with stdin and a quoted, failing argument, kept as a scratch test.
    await args().fill(`-o 'NAME,NOPE'`);
    await page.locator('#oracle-stdin').fill(`${UUID}\n`);
    await page.getByTestId('oracle-run').click();
    await page.getByTestId('exit-code').filter({ hasText: 'exit 1' }).waitFor();
    await page.getByRole('button', { name: 'Copy to scratch tests' }).click();
    await page.getByText('Added as scratch-1').waitFor();
    await args().fill(`-J ${UUID}`);
    await page.getByTestId('oracle-history').locator('li').last().getByRole('button').click();
    await expect.poll(() => stdout.textContent()).toBe(cli.stdout.toString('utf8'));
    await page.screenshot({ path: join(SCREENSHOTS, 'oracle-console.png') });
  });

  it("scores the oracle's own .wasm as a candidate: 100% visible, 100% hidden, solved", async () => {
    await upload(ORACLE_WASM);
    await page.getByText('oracle.wasm added.').waitFor();
    await tab('Submit').click();
    await page.getByTestId('submit').click();
    await page.getByTestId('solved').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('visible-score').textContent()).toBe('100%');
    expect(await page.getByTestId('hidden-score').textContent()).toBe('100%');
    expect(await page.getByTestId('submission-history').locator('tbody tr').count()).toBe(1);
  });

  it('shows failing visible cases of a broken candidate with a diff', async () => {
    await upload(SILENT_WASM);
    await page.getByText('silent.wasm replaced oracle.wasm.').waitFor();
    await tab('Tests').click();
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('case-detail').waitFor({ timeout: 60_000 });
    const failing = page.locator('tr[data-verdict="fail"]');
    expect(await failing.count()).toBeGreaterThan(300);
    // The scratch test made from the oracle console runs too (first in the list).
    expect(await page.locator('tr[data-case="scratch-1"]').getAttribute('data-verdict')).toBe('fail');
    await page.locator('tr[data-case="version-1"] button').click();
    const stdoutDiff = page.getByTestId('diff-stdout');
    await stdoutDiff.waitFor();
    expect(await stdoutDiff.locator('span.del').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('exit-codes').textContent()).toMatch(/expected \d+, got \d+/);
    await page.screenshot({ path: join(SCREENSHOTS, 'failing-diff.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SCREENSHOTS, 'failing-diff-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // "Open in oracle console" puts the case's arguments in the console.
    const id = await page.locator('[data-testid="case-detail"] h3').textContent();
    const argv = await page.locator(`tr[data-case="${id}"] td.args`).textContent();
    await page.getByRole('button', { name: 'Open in oracle console' }).click();
    expect(page.url()).toContain('tab=oracle');
    expect(await args().inputValue()).toBe(argv);

    // Its submission goes into the history and the chart.
    await tab('Submit').click();
    await page.getByTestId('submit').click();
    await page.getByText('Not solved yet.').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('submission-history').locator('tbody tr').count()).toBe(2);
    await page.getByTestId('pass-rate-chart').locator('canvas').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'submission-history.png'), fullPage: true });
  });

  it('stops an endless loop at its time limit while the page stays responsive', async () => {
    await upload(SPIN_WASM);
    await tab('Tests').click();
    await page.getByTestId('time-limit').fill('0.3');
    await page.getByTestId('time-limit').press('Tab');
    await page.getByTestId('test-filter').fill('nil/max');
    // Every loop to its limit: no stop after a few timeouts in a row (tests/app/timeouts.test.ts has that).
    await page.getByTestId('stop-after-timeouts').fill('0');
    await page.getByTestId('stop-after-timeouts').press('Tab');
    const n = await page.locator('tbody tr[data-case]').count();
    expect(n).toBeGreaterThan(3);
    const started = Date.now();
    await page.getByTestId('run-tests').click();
    await page.getByTestId('cancel-run').waitFor();
    // While workers spin, the page answers: another tab opens and its search works.
    await tab('Docs').click();
    await page.getByLabel('Search the docs').fill('json');
    await page.getByText(/1 of \d+/).waitFor({ timeout: 2000 });
    expect(await tab('Tests').getAttribute('aria-busy')).toBe('true');
    await tab('Tests').click();
    await page
      .locator('tr[data-verdict="timeout"]')
      .nth(n - 1)
      .waitFor({ timeout: 30_000 });
    expect(await page.locator('tr[data-verdict="timeout"]').count()).toBe(n);
    console.log(`${n} endless loops stopped in ${Date.now() - started} ms`);

    // Cancel stops a run at once.
    await page.getByTestId('time-limit').fill('10');
    await page.getByTestId('time-limit').press('Tab');
    await page.getByTestId('run-tests').click();
    await page.getByTestId('cancel-run').click();
    await page.getByTestId('run-progress').getByText('cancelled', { exact: true }).waitFor({ timeout: 3000 });
  });

  it('refuses a malformed upload and keeps the current candidate', async () => {
    const bogus = join(INPUTS, 'not-wasm.wasm');
    writeFileSync(bogus, '#!/bin/sh\necho hi\n');
    await upload(bogus);
    await page.getByText(/not-wasm.wasm was not added: not a WebAssembly module/).waitFor();
    expect(await page.locator('nav[aria-label="Workspace files"]').textContent()).toContain('spin.wasm');
    const notWorkspace = join(INPUTS, 'not-a-workspace.json');
    writeFileSync(notWorkspace, '{"hello": 1}');
    await page.getByTestId('import-input').setInputFiles(notWorkspace);
    await page.getByText(/is not a mirrorbox workspace file.*Your workspace is unchanged/).waitFor();
  });

  it('restores the workspace, the oracle history and the submissions after a reload', async () => {
    await page
      .locator('nav[aria-label="Workspace files"]')
      .getByRole('button', { name: /^main\.py/ })
      .click();
    const editor = page.locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nremember me 42\n');
    await page.getByTestId('save-state').filter({ hasText: 'Saved in this browser' }).waitFor();
    await page.reload();
    await page.locator('.cm-content').filter({ hasText: 'remember me 42' }).waitFor();
    expect(await page.locator('nav[aria-label="Workspace files"]').textContent()).toContain('spin.wasm');
    await tab('Oracle console').click();
    expect(await page.getByTestId('oracle-history').locator('li').count()).toBe(2);
    await tab('Submit').click();
    expect(await page.getByTestId('submission-history').locator('tbody tr').count()).toBe(2);
    await tab('Tests').click();
    // The filter came back with the reload (tests/app/persist.test.ts): clear it to see every test.
    expect(await page.getByTestId('test-filter').inputValue()).toBe('nil/max');
    await page.getByTestId('test-filter').fill('');
    await page.locator('tr[data-case="scratch-1"]').waitFor();
    await open('');
    await page.locator('tr[data-target="uuidparse"]').getByText('solved').waitFor();
  });

  it('takes a 100 MB stdin and stops an output flood at its limit, page responsive throughout', async () => {
    await open('?target=uuidparse&tab=oracle');
    // 300,000 UUIDs on stdin: uuidparse prints a table far beyond the 16 MiB output limit.
    const flood = join(INPUTS, 'flood.txt');
    writeFileSync(flood, `${UUID}\n`.repeat(300_000));
    await args().fill('');
    await page.getByTestId('stdin-upload').setInputFiles(flood);
    await page.getByText(/Using flood\.txt \(\d+\.?\d* MiB\) as stdin/).waitFor();
    await page.getByTestId('oracle-run').click();
    await tab('Docs').click();
    await page.getByRole('heading', { name: 'Manual page' }).waitFor({ timeout: 2000 });
    await tab('Oracle console').click();
    await page
      .getByTestId('run-stop')
      .filter({ hasText: 'output limit: stdout passed 16777216 bytes' })
      .waitFor({ timeout: 30_000 });
    await page.getByText('showing the first 64 KiB').waitFor();
    expect(await page.locator('pre[data-stream="stdout"]').textContent()).toMatch(/^UUID +VARIANT +TYPE +TIME\n/);

    // 100 MB of stdin reaches the program (-V answers without reading it); history keeps the run, not the input.
    const big = join(INPUTS, 'big.txt');
    writeFileSync(big, Buffer.alloc(100 * 1024 * 1024, 'x'));
    await args().fill('-V');
    await page.getByTestId('stdin-upload').setInputFiles(big);
    await page.getByText('Using big.txt (100 MiB) as stdin.').waitFor();
    await page.getByTestId('oracle-run').click();
    await page.getByText('stdin was 100 MiB').waitFor({ timeout: 30_000 });
    expect(await page.locator('pre[data-stream="stdout"]').textContent()).toContain('uuidparse from util-linux');
    expect(await page.getByTestId('exit-code').textContent()).toBe('exit 0');
    expect(pageErrors).toEqual([]);
  });

  it('says when browser storage is full, keeps the code in the tab and exports it', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    const p = await fresh.newPage();
    await p.goto(`${base}/?target=uuidparse&tab=workspace`);
    await p.getByTestId('save-state').waitFor();
    const cdp = await fresh.newCDPSession(p);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: base, quotaSize: 16 * 1024 });
    await p.getByTestId('upload-input').setInputFiles(ORACLE_WASM);
    const banner = p.getByTestId('storage-problem');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/storage for mirrorbox is full.*export your workspace/);
    expect(await p.getByTestId('save-state').textContent()).toBe('Not saved yet');
    expect(await p.locator('nav[aria-label="Workspace files"]').textContent()).toContain('oracle.wasm');
    await p.screenshot({ path: join(SCREENSHOTS, 'storage-full.png') });

    const downloading = p.waitForEvent('download');
    await banner.getByRole('button', { name: 'Export workspace' }).click();
    const exported = parseWorkspaceJson(readFileSync((await (await downloading).path()) as string, 'utf8'));
    expect(exported.kind === 'ok' && exported.snapshot.files.map((f) => f.name)).toEqual(['main.py', 'oracle.wasm']);

    await cdp.send('Storage.overrideQuotaForOrigin', { origin: base });
    await banner.getByRole('button', { name: 'Try saving again' }).click();
    await banner.waitFor({ state: 'detached' });
    await p.getByTestId('save-state').filter({ hasText: 'Saved in this browser' }).waitFor();
    await fresh.close();
  });
});
