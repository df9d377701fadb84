/**
 * Offline after one visit (production build, Debian Chromium, a host that sends no headers): the first visit stores
 * everything with "Make available offline"; then the network is cut (the context goes offline and the server is
 * stopped) and a reload still opens the app, runs the oracle, and builds and scores a JavaScript, a Python and a C
 * candidate, every file coming from the service worker's caches.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser/chromium.ts';
import { setEditorText } from './editor.ts';
import { sharedAppBuild } from './preview.ts';
import { startBareStaticServer } from './static-host-server.ts';

const UUID = '8c6e3fbc-4f5a-11ee-be56-0242ac120002';

/** Each passes uuidparse's `nil` case: what is checked is that it builds and scores, not how well. */
const NIL_PRINTERS: Record<'js' | 'python' | 'c', { file: string; source: string }> = {
  js: {
    file: 'main.js',
    source: `const rows = process.argv.slice(1);
console.log('UUID                                  VARIANT TYPE TIME');
for (const uuid of rows) console.log(\`\${uuid}  NCS     nil  \`);
`,
  },
  python: {
    file: 'main.py',
    source: `import sys

print("UUID                                  VARIANT TYPE TIME")
for uuid in sys.argv[1:]:
    print(f"{uuid}  NCS     nil  ")
`,
  },
  c: {
    file: 'main.c',
    source: `#include <stdio.h>

int main(int argc, char **argv) {
  printf("UUID                                  VARIANT TYPE TIME\\n");
  for (int i = 1; i < argc; i++) printf("%s  NCS     nil  \\n", argv[i]);
  return 0;
}
`,
  },
};

describe('offline after one visit (production build)', () => {
  let server: { url: string; close(): Promise<void> };
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  /** Requests for the app's files that failed after the network was cut: each would be a file the caches lacked. */
  const failedOffline: string[] = [];
  let offline = false;

  beforeAll(async () => {
    server = await startBareStaticServer(await sharedAppBuild());
    base = server.url;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Only the app's own files: a blob: URL the candidate realm made and revoked can fail too, and is no file.
    context.on('requestfailed', (r) => {
      if (offline && r.url().startsWith(`${base}/`)) failedOffline.push(r.url());
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    if (!offline) await server?.close();
  });

  const isolated = () => page.evaluate(() => crossOriginIsolated).catch(() => false);

  it('stores the app, every pack and every toolchain with "Make available offline"', async () => {
    await page.goto(`${base}/?target=uuidparse&tab=oracle`);
    await expect.poll(isolated, { timeout: 60_000 }).toBe(true);
    await page.getByTestId('offline-toggle').click();
    const panel = page.getByTestId('offline-panel');
    await panel.locator('tr[data-part]').first().waitFor();
    const before = await panel
      .locator('tr[data-part]')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-part'), r.getAttribute('data-stored')]));
    // Nothing of the toolchains yet: this visit used none.
    expect(before.filter(([part]) => part !== 'App and target packs').map(([, stored]) => stored)).toEqual([
      'none',
      'none',
      'none',
    ]);
    await page.getByTestId('make-offline').click();
    await page.getByTestId('offline-complete').waitFor({ timeout: 300_000 });
    const after = await panel
      .locator('tr[data-part]')
      .evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-part'), r.getAttribute('data-stored'), r.textContent]),
      );
    console.log(`offline panel after the download: ${JSON.stringify(after)}`);
    expect(after.map(([, stored]) => stored)).toEqual(['all', 'all', 'all', 'all']);
    expect(await panel.getByRole('alert').count()).toBe(0);
  }, 360_000);

  it('opens with the network cut, runs the oracle and scores a JS, a Python and a C candidate', async () => {
    offline = true;
    await context.setOffline(true);
    await server.close();
    await page.reload();
    await expect.poll(isolated, { timeout: 30_000 }).toBe(true);

    await page.locator('#oracle-args').fill(`-J ${UUID}`);
    await page.getByTestId('oracle-run').click();
    await expect
      .poll(() => page.locator('pre[data-stream="stdout"]').textContent(), { timeout: 60_000 })
      .toContain(UUID);

    for (const [kind, { file, source }] of Object.entries(NIL_PRINTERS)) {
      await page.getByRole('tab', { name: 'Workspace' }).click();
      await page.locator('#toolchain').selectOption(kind);
      await page.getByRole('button', { name: new RegExp(`^${file.replace('.', '\\.')}`) }).waitFor();
      await setEditorText(page, source);
      await page.getByRole('tab', { name: 'Tests' }).click();
      await page.getByTestId('test-filter').fill('nil');
      await page.getByTestId('run-tests').click();
      await expect
        .poll(() => page.locator('tr[data-case="nil"]').getAttribute('data-verdict'), { timeout: 120_000 })
        .toBe('pass');
      await expect.poll(() => page.getByTestId('run-tests').isEnabled(), { timeout: 120_000 }).toBe(true);
    }
    expect(failedOffline).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 360_000);
});
