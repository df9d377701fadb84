/**
 * The oracle console's Terminal mode end to end in Debian Chromium (production build): xterm.js on the page, the
 * oracle on @wasmer/sdk with a TTY in a worker, the SDK served as static files by scripts/vite-wasmer-plugin.ts.
 * Lines typed into a running sed and jq come back transformed one at a time; Ctrl-D ends input, Ctrl-C stops the
 * program; Batch mode works as before, and shows that the same program behaves differently without a terminal.
 */
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKER_CSP } from '../../scripts/vite-worker-csp-plugin.ts';
import { WASMER_SDK_PATH } from '../../src/browser/wasmer-sdk-path.ts';
import { buildDir, repoRoot } from '../../src/node/paths.ts';
import { launchChromium } from '../browser/chromium.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';

const SCREENSHOTS = join(buildDir, 'screenshots');
/** sed's reference module, uploaded as a candidate to check the candidate path. */
const SED_WASM = join(repoRoot, 'build/targets/sed/oracle.wasm');

function headersOf(url: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    })
      .on('error', reject)
      .end();
  });
}

describe('the interactive terminal in Debian Chromium (production build)', () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  /** Milliseconds, printed at the end for docs/terminal.md: measured, never asserted. */
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    console.log(`terminal: time to a running program ${JSON.stringify(timings)} (ms)`);
    await browser?.close();
    await server?.close();
  });

  const status = () => page.getByTestId('terminal-status');
  /** The terminal's visible rows as text, as xterm's DOM renderer shows them. */
  const screen = async (): Promise<string> =>
    (await page.locator('[data-testid="terminal-screen"] .xterm-rows').innerText())
      .replace(/\u00a0/g, ' ')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n');
  const typeLine = async (text: string): Promise<void> => {
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  };
  /** Starts the program; records the wall time from the click to a running process, and the worker's own count. */
  const startInTerminal = async (label: string, args: string): Promise<void> => {
    await page.locator('#oracle-args').fill(args);
    await page.getByRole('radio', { name: 'Terminal' }).click();
    await page.getByTestId('terminal-start').waitFor();
    await page.getByTestId('terminal-start').waitFor();
    const clicked = performance.now();
    await page.getByTestId('terminal-start').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="terminal-status"]')?.getAttribute('data-state') === 'running',
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    timings[`${label}: click to running`] = Math.round(performance.now() - clicked);
    timings[`${label}: in the worker`] = Number(await status().getAttribute('data-start-ms'));
    timings[`${label}: of which SDK load`] = Number(await status().getAttribute('data-sdk-ms'));
    await page.getByTestId('terminal-screen').click();
  };
  /** Types a line and waits for `answer` on screen; records the time from Enter to the answer. */
  const answer = async (label: string, line: string, expected: string): Promise<void> => {
    await page.keyboard.type(line);
    const entered = performance.now();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="terminal-screen"] .xterm-rows').getByText(expected).first().waitFor();
    timings[`${label}: Enter to answer`] = Math.round(performance.now() - entered);
  };

  it('serves the SDK as plain files with the worker CSP and cross-origin isolation', async () => {
    const sdk = `${base}/${WASMER_SDK_PATH}`;
    for (const file of [
      'dist/index.js',
      'dist/browser-worker.js',
      'dist/mirrorbox-worker-entry.js',
      'pkg/wasmer_sdk_js.js',
    ]) {
      const { status: code, headers } = await headersOf(`${sdk}/${file}`);
      expect(code, file).toBe(200);
      expect(headers['content-security-policy'], file).toBe(WORKER_CSP);
      expect(headers['cross-origin-embedder-policy'], file).toBe('require-corp');
    }
    const wasm = await headersOf(`${sdk}/pkg/wasmer_sdk_js_bg.wasm`);
    expect(wasm.status).toBe(200);
    expect(wasm.headers['content-type']).toBe('application/wasm');
  });

  it('types lines into a running sed and reads each answer back; Ctrl-D ends it with status 0', async () => {
    await page.goto(`${base}/?target=sed&tab=oracle`);
    await page.locator('#oracle-args').waitFor();
    expect(await page.getByRole('radio', { name: 'Batch' }).getAttribute('aria-checked')).toBe('true');
    await startInTerminal('sed cold', 's/a/X/');
    await expect(page.getByTestId('tty-note').innerText()).resolves.toMatch(/without.*a terminal/s);

    await answer('sed cold', 'banana', 'bXnana');
    // The terminal echoes the typed line, then sed answers it at once: on a terminal its stdout is line-buffered.
    await expect.poll(screen).toContain('banana\nbXnana');
    expect(await status().getAttribute('data-state')).toBe('running');
    await typeLine('apple');
    await expect.poll(screen).toContain('apple\nXpple');
    await page.keyboard.press('Control+d');
    await expect.poll(() => status().getAttribute('data-state'), { timeout: 10_000 }).toBe('ended');
    expect(await status().getAttribute('data-exit')).toBe('0');
    await expect.poll(screen).toContain('[sed exited with status 0]');

    // A second run reuses the worker and the SDK: the warm start. Ctrl-C stops it.
    await startInTerminal('sed warm', 's/o/0/g');
    await answer('sed warm', 'foo boo', 'f00 b00');
    await page.keyboard.press('Control+c');
    await expect.poll(() => status().getAttribute('data-state'), { timeout: 10_000 }).toBe('ended');
    expect(await status().innerText()).toMatch(/was stopped/);
    expect(pageErrors).toEqual([]);
  });

  it('leaves Batch mode working as before', async () => {
    await page.getByRole('radio', { name: 'Batch' }).click();
    await page.locator('#oracle-args').fill('s/a/X/');
    await page.locator('#oracle-stdin').fill('banana\napple\n');
    await page.getByTestId('oracle-run').click();
    await expect.poll(() => page.locator('pre[data-stream="stdout"]').textContent()).toBe('bXnana\nXpple\n');
    expect(await page.getByTestId('exit-code').textContent()).toBe('exit 0');
    expect(pageErrors).toEqual([]);
  });

  it("runs the user's own program in the terminal too, once it builds", async () => {
    await page.getByRole('radio', { name: 'Terminal' }).click();
    await page.getByTestId('terminal-subject').selectOption('candidate');
    await page.getByTestId('terminal-start').click();
    // A fresh workspace is a Python one: once built (Pyodide's syntax check, which starts it in a worker), the
    // terminal says it runs WebAssembly modules only.
    await expect.poll(() => status().getAttribute('data-state'), { timeout: 60_000 }).toBe('ended');
    expect(await status().innerText()).toMatch(/^Your program could not start: a Python .* WebAssembly modules only/);

    // The reference's own module, uploaded as the candidate, answers like the reference.
    await page.getByRole('tab', { name: 'Workspace' }).click();
    await page.getByTestId('upload-input').setInputFiles(SED_WASM);
    await page.getByText('oracle.wasm added.').waitFor();
    await page.getByRole('tab', { name: 'Oracle console' }).click();
    await page.getByRole('radio', { name: 'Terminal' }).click();
    await page.getByTestId('terminal-subject').selectOption('candidate');
    await startInTerminal('candidate', 's/a/X/');
    expect(await status().innerText()).toContain('(your program)');
    await answer('candidate', 'cabbage', 'cXbbage');
    await page.keyboard.press('Control+d');
    await expect.poll(() => status().getAttribute('data-exit'), { timeout: 10_000 }).toBe('0');
    await expect.poll(screen).toContain('[your program exited with status 0]');
    await page.screenshot({ path: join(SCREENSHOTS, 'terminal-candidate.png') });
    expect(pageErrors).toEqual([]);
  });

  it('shows jq colouring on the terminal, and not in Batch mode (pipes)', async () => {
    await page.goto(`${base}/?target=jq&tab=oracle`);
    await page.locator('#oracle-args').waitFor();
    await startInTerminal('jq after a reload', '.');
    await typeLine('{"a":[1,"x"]}');
    await expect.poll(screen).toMatch(/\{\n {2}"a": \[\n {4}1,\n {4}"x"\n {2}\]\n\}/);
    // jq saw a terminal: its output carries colours, which xterm renders as coloured spans.
    expect(
      await page.locator('[data-testid="terminal-screen"] .xterm-rows span[class*="xterm-fg-"]').count(),
    ).toBeGreaterThan(0);
    await typeLine('[1,2]');
    await expect.poll(screen).toMatch(/\[\n {2}1,\n {2}2\n\]/);
    await page.screenshot({ path: join(SCREENSHOTS, 'terminal.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SCREENSHOTS, 'terminal-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Control+d');
    await expect.poll(() => status().getAttribute('data-exit'), { timeout: 10_000 }).toBe('0');

    await page.getByRole('radio', { name: 'Batch' }).click();
    await page.locator('#oracle-stdin').fill('{"a":[1,"x"]}');
    await page.getByTestId('oracle-run').click();
    // Without a terminal jq writes no colour codes at all.
    await expect
      .poll(() => page.locator('pre[data-stream="stdout"]').textContent())
      .toBe('{\n  "a": [\n    1,\n    "x"\n  ]\n}\n');
    expect(pageErrors).toEqual([]);
  });
});
