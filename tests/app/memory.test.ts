/**
 * Issue 16, point 3: a flood of output in every test must not fill the page. A prebuilt WASI module that prints
 * 4 MiB to stdout and exits runs through all 400 of uuidparse's visible tests in the Tests tab (production build,
 * Debian Chromium). 4 MiB, under the 16 MiB output limit, so that each run ends on its own and is judged on all its
 * bytes (a fail), and the run stays near a minute on two cores. Afterwards, after a garbage collection, the page's
 * JavaScript heap and the array buffers it holds (CDP `Runtime.getHeapUsage`: `usedSize` + `backingStorageSize`)
 * stay under HEAP_BOUND_BYTES (before: 1.6 GB of buffers here; 6.8 GB with 50 MiB floods). The case shown says how
 * much of its output the page kept.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/digest.ts';
import { buildDir } from '../../src/node/paths.ts';
import { compileC } from '../../toolchains/c/compile.ts';
import { launchChromium } from '../browser/chromium.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';

/** Prints 4 MiB of `x` whatever its arguments, in 1 MiB writes. */
const FLOOD_C = `#include <string.h>
#include <unistd.h>
static char chunk[1 << 20];
int main(void) {
  memset(chunk, 'x', sizeof chunk);
  for (int i = 0; i < 4; i++) write(1, chunk, sizeof chunk);
  return 0;
}
`;

/** The page's heap after the run: 400 cases × 64 KiB kept is 25 MiB; the pack, the editor and the app a few more. */
const HEAP_BOUND_BYTES = 100 * 1024 * 1024;

/** Compiles the flood once per source version into build/app-fixtures/ and returns the .wasm's path. */
async function floodWasm(): Promise<string> {
  const dir = join(buildDir, 'app-fixtures');
  const path = join(dir, `flood-${sha256Hex(new TextEncoder().encode(FLOOD_C)).slice(0, 16)}.wasm`);
  if (existsSync(path)) return path;
  const built = await compileC([{ name: 'main.c', content: FLOOD_C }]);
  if (built.kind !== 'ok' || built.program.kind === 'script') throw new Error('the flood program does not build');
  mkdirSync(dir, { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, built.program.bytes);
  renameSync(partial, path);
  return path;
}

async function heapBytes(cdp: CDPSession): Promise<{ used: number; backing: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  return { used: usage.usedSize, backing: usage.backingStorageSize ?? 0 };
}

const mib = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MiB`;

describe('a flood of output in 400 tests leaves the page’s memory bounded (Chromium, production build)', () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  let flood: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    flood = await floodWasm();
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps a bounded prefix of each case’s output and says so in the detail', { timeout: 240_000 }, async () => {
    await page.goto(`${base}/?target=uuidparse&tab=workspace`);
    await page.locator('#toolchain').selectOption('wasm');
    await page.getByTestId('upload-input').setInputFiles(flood);
    await page.getByText(/flood-\w+\.wasm added/).waitFor();
    const cdp = await page.context().newCDPSession(page);
    const before = await heapBytes(cdp);

    await page.getByRole('tab', { name: 'Tests' }).click();
    const started = Date.now();
    await page.getByTestId('run-tests').click();
    // While it runs, the progress line estimates the time left.
    expect(await page.getByTestId('time-left').innerText({ timeout: 60_000 })).toMatch(/^about [\d.]+ (ms|s) left$/);
    await expect.poll(() => page.getByTestId('run-tests').isEnabled(), { timeout: 200_000, interval: 500 }).toBe(true);
    const seconds = (Date.now() - started) / 1000;
    expect(await page.locator('tr[data-verdict="fail"]').count()).toBe(400);

    const after = await heapBytes(cdp);
    console.log(
      `400 flooding tests in ${seconds.toFixed(1)} s; page heap ${mib(before.used)} + ${mib(before.backing)} buffers before, ` +
        `${mib(after.used)} + ${mib(after.backing)} buffers after (bound ${mib(HEAP_BOUND_BYTES)})`,
    );
    expect(after.used + after.backing).toBeLessThan(HEAP_BOUND_BYTES);

    await page.locator('tr[data-case="nil"] button.case-link').click();
    expect(await page.getByTestId('case-detail').getByTestId('kept-stdout').innerText()).toMatch(
      /showing the first 64 KiB of 4\.0 MiB/,
    );
    expect(pageErrors).toEqual([]);
  });
});
