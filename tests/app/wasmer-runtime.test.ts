/**
 * The runtime setting end to end in Debian Chromium (production build): with "Wasmer" chosen, the oracle console's
 * Batch runs and a submission of uuidparse's own reference module run on @wasmer/sdk (the SDK and binaryen loaded by
 * the batch worker under the worker CSP), with the same bytes and verdicts as the shim; the choice survives a reload;
 * switching back to the shim works. Timings are printed for docs/runtimes-wasmer.md, never asserted.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WASMER_SDK_PATH } from '../../src/browser/wasmer-sdk-path.ts';
import { buildDir, repoRoot } from '../../src/node/paths.ts';
import { launchChromium } from '../browser/chromium.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';

const SCREENSHOTS = join(buildDir, 'screenshots');
const ORACLE_WASM = join(repoRoot, 'build/targets/uuidparse/oracle.wasm');
const UUID = '8c6e3fbc-4f5a-11ee-be56-0242ac120002';

describe('the runtime setting in Debian Chromium (production build)', () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  /** The page's console, printed only when a wait fails (what the app was doing then). */
  const consoleLines: string[] = [];
  /** Paths the page and its workers fetched, to tell which runtime actually ran. */
  const fetched: string[] = [];
  /** Milliseconds, printed at the end: measured, never asserted. */
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    // Requests from the page's workers are reported on the page too.
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  });

  afterAll(async () => {
    console.log(`wasmer runtime in the app: ${JSON.stringify(timings)} (ms)`);
    await browser?.close();
    await server?.close();
  });

  const setting = () => page.getByTestId('runtime-setting');
  const stdout = () => page.locator('pre[data-stream="stdout"]');
  const history = () => page.getByTestId('oracle-history').locator('li');
  const wasmerLoaded = () => fetched.some((p) => p.includes(`/${WASMER_SDK_PATH}/`));
  const binaryenLoaded = () => fetched.some((p) => /\/binaryen-[^/]*\.js$/.test(p));

  /** One Batch run of `uuidparse -J <uuid>` in the oracle console; resolves to its stdout and exit line, timed. */
  async function consoleRun(label: string): Promise<{ stdout: string; exit: string }> {
    const before = await history().count();
    await page.locator('#oracle-args').fill(`-J ${UUID}`);
    const began = performance.now();
    await page.getByTestId('oracle-run').click();
    await expect.poll(() => history().count(), { timeout: 120_000 }).toBe(before + 1);
    timings[label] = Math.round(performance.now() - began);
    return {
      stdout: (await stdout().textContent()) ?? '',
      exit: (await page.getByTestId('exit-code').textContent()) ?? '',
    };
  }

  async function submit(label: string, expected: number): Promise<void> {
    await page.getByRole('tab', { name: 'Submit' }).click();
    const began = performance.now();
    await page.getByTestId('submit').click();
    try {
      await expect
        .poll(() => page.getByTestId('submission-history').locator('tbody tr').count(), { timeout: 240_000 })
        .toBe(expected);
    } catch (e) {
      await page.screenshot({ path: join(SCREENSHOTS, `runtime-stuck-${expected}.png`) });
      console.log(
        `${label} did not finish. Page:\n${await page.locator('body').innerText()}\nConsole:\n${consoleLines.join('\n')}`,
      );
      throw e;
    }
    timings[label] = Math.round(performance.now() - began);
    await page.getByTestId('solved').waitFor();
    expect(await page.getByTestId('visible-score').textContent()).toBe('100%');
    expect(await page.getByTestId('hidden-score').textContent()).toBe('100%');
  }

  it('defaults to the shim and loads nothing of wasmer', async () => {
    await page.goto(`${base}/?target=uuidparse&tab=oracle`);
    await expect.poll(() => setting().inputValue()).toBe('shim');
    await consoleRun('shim console run');
    expect(wasmerLoaded()).toBe(false);
    expect(binaryenLoaded()).toBe(false);
  });

  it('runs the oracle console on wasmer with the same bytes as the shim', async () => {
    const shim = await consoleRun('shim console run (warm)');
    expect(shim.exit).toBe('exit 0');
    expect(shim.stdout).toContain(UUID);

    await setting().selectOption('wasmer');
    await expect.poll(() => page.getByTestId('runtime-note').textContent()).toContain('Only for WebAssembly programs');
    const first = await consoleRun('wasmer console run, first (SDK + binaryen load + rewrite)');
    expect(wasmerLoaded()).toBe(true);
    expect(binaryenLoaded()).toBe(true);
    expect(first).toEqual(shim);
    expect(await consoleRun('wasmer console run, second')).toEqual(shim);
    await page.screenshot({ path: join(SCREENSHOTS, 'runtime-wasmer.png') });
  }, 180_000);

  it("keeps the choice across a reload and scores uuidparse's own .wasm 100%/100% on wasmer", async () => {
    await page.goto(`${base}/?target=uuidparse&tab=workspace`);
    await expect.poll(() => setting().inputValue()).toBe('wasmer');
    await page.getByTestId('upload-input').setInputFiles(ORACLE_WASM);
    await page.getByText('oracle.wasm added.').waitFor();
    fetched.length = 0;
    await submit('wasmer submit, 607 cases (cold page)', 1);
    // The reload started a fresh page: the runs went through wasmer, which the page had to load again.
    expect(wasmerLoaded()).toBe(true);
    expect(binaryenLoaded()).toBe(true);
    await submit('wasmer submit, 607 cases (warm)', 2);
  }, 600_000);

  it('switches back to the shim, which still scores and runs the same', async () => {
    await setting().selectOption('shim');
    await submit('shim submit, 607 cases', 3);
    await page.getByRole('tab', { name: 'Oracle console' }).click();
    const run = await consoleRun('shim console run after switching back');
    expect(run.exit).toBe('exit 0');
    expect(run.stdout).toContain(UUID);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
