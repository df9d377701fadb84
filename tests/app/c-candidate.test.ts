/**
 * The C candidate kind end to end in Debian Chromium (production build): clang downloads once into Cache Storage with a
 * progress bar, compiles in its worker, the visible tests run, and compiler errors land in the editor at their line.
 * One browser profile throughout, so the reload step sees the cached compiler. Screenshot: build/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDir } from '../../src/node/paths.ts';
import { launchChromium } from '../browser/chromium.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';
import { setEditorText } from './editor.ts';

const SCREENSHOTS = join(buildDir, 'screenshots');

/** Passes uuidparse's `nil` case (and not the JSON or raw ones): enough to see both verdicts. */
const NIL_PRINTER = `#include <stdio.h>

int main(int argc, char **argv) {
  printf("UUID                                  VARIANT TYPE TIME\\n");
  for (int i = 1; i < argc; i++) printf("%s  NCS     nil  \\n", argv[i]);
  return 0;
}
`;

/** A missing semicolon on line 5. */
const BROKEN = `#include <stdio.h>

int main(void) {
  int lines = 0;
  printf("%d\\n", lines)
  return 0;
}
`;

describe('C candidates in Debian Chromium (production build)', () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  /** Network requests for clang's main module, over the whole profile's life (Cache Storage hits make none). */
  let clangRequests = 0;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.on('request', (r) => {
      if (/\/llvm\.core-[\w-]+\.wasm$/.test(r.url())) clangRequests++;
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const tab = (name: string) => page.getByRole('tab', { name });

  /** Records every text the build-state line shows, so short states (Compiling…) are not missed by polling. */
  const recordBuildStates = (): Promise<void> =>
    page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { buildStates: string[] }).buildStates = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="build-state"]')?.textContent?.trim();
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  const buildStates = (): Promise<string[]> =>
    page.evaluate(() => (window as unknown as { buildStates: string[] }).buildStates);

  /** Runs the visible tests matching `filter`; resolves with the seconds until the first verdict showed. */
  const runTests = async (filter: string): Promise<number> => {
    await tab('Tests').click();
    await page.getByTestId('test-filter').fill(filter);
    await recordBuildStates();
    const started = Date.now();
    await page.getByTestId('run-tests').click();
    await page.locator('tr[data-case="nil"]:not([data-verdict="none"])').waitFor({ timeout: 30_000 });
    return (Date.now() - started) / 1000;
  };

  it('downloads clang once with a progress bar, compiles C in its worker and runs the visible tests', async () => {
    await page.goto(`${base}/?target=uuidparse&tab=workspace`);
    await page.locator('#toolchain').selectOption('c');
    // Choosing C opens its starter main.c.
    await page.getByRole('button', { name: /^main\.c/ }).waitFor();
    await expect.poll(() => page.locator('.cm-content').getAttribute('aria-label')).toBe('Contents of main.c');
    await setEditorText(page, NIL_PRINTER);

    const cold = await runTests('nil');
    const states = await buildStates();
    expect(states.some((s) => /^Downloading the compiler.*: \d+\.\d \/ 105\.2 MB$/.test(s))).toBe(true);
    expect(states).toContain('Compiling…');
    expect(await page.locator('tr[data-case="nil"]').getAttribute('data-verdict')).toBe('pass');
    await expect.poll(() => page.locator('tr[data-case="nil-json"]').getAttribute('data-verdict')).toBe('fail');
    expect(clangRequests).toBe(1);

    // A reload starts a new worker; clang comes from Cache Storage, not the network.
    await page.reload();
    await page.getByTestId('run-tests').waitFor();
    const warm = await runTests('nil');
    expect(await page.locator('tr[data-case="nil"]').getAttribute('data-verdict')).toBe('pass');
    expect(clangRequests).toBe(1);

    // Same worker, clang already loaded: only the compile.
    await page
      .getByTestId('run-progress')
      .getByText(/\d+ \/ \d+ run/)
      .waitFor();
    await expect.poll(() => page.getByTestId('run-tests').isEnabled()).toBe(true);
    const hot = await runTests('nil');
    console.log(
      `C in Chromium: cold (download + compile + first verdict) ${cold.toFixed(1)} s, after a reload ${warm.toFixed(1)} s, again ${hot.toFixed(1)} s`,
    );
    expect(pageErrors).toEqual([]);
  });

  it('shows a compile error in the list and in the editor at its line, and the list opens that line', async () => {
    await tab('Workspace').click();
    await setEditorText(page, BROKEN);
    await tab('Tests').click();
    await page.getByTestId('test-filter').fill('nil');
    await page.getByTestId('run-tests').click();
    const list = page.getByRole('alert').getByTestId('diagnostics');
    await list.waitFor({ timeout: 30_000 });
    const error = list.locator('li[data-severity="error"]').first();
    expect(await error.innerText()).toMatch(/main\.c:5:\d+\s+error:\s+expected ';' after expression/);

    await error.getByRole('button', { name: /^main\.c:5/ }).click();
    await expect.poll(() => page.url()).toContain('tab=workspace');
    const marked = page.locator('.cm-diag-line-error');
    await marked.waitFor();
    expect(await marked.count()).toBe(1);
    expect(await marked.innerText()).toContain('printf("%d\\n", lines)');
    expect(await marked.innerText()).toContain("expected ';' after expression");
    expect(await page.locator('.cm-diag-gutter .cm-diag-dot.cm-diag-error').count()).toBe(1);
    // The cursor is on line 5, in a focused editor.
    expect(await page.locator('.cm-activeLine').innerText()).toContain('printf("%d\\n", lines)');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
    const below = page.locator('[aria-label="Compiler messages"]').getByTestId('diagnostics');
    expect(await below.innerText()).toContain('main.c:5:');
    await page.screenshot({ path: join(SCREENSHOTS, 'c-diagnostics.png') });

    // Fixing the line and building again clears the marks.
    await setEditorText(page, BROKEN.replace('lines)\n', 'lines);\n'));
    await tab('Tests').click();
    await page.getByTestId('run-tests').click();
    await page.locator('tr[data-case="nil"]:not([data-verdict="none"])').waitFor({ timeout: 30_000 });
    await tab('Workspace').click();
    await page.locator('.cm-content').waitFor();
    expect(await page.locator('.cm-diag-line').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
