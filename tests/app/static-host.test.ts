/**
 * The production build on a static host that sends no headers at all (a tiny file server here, as GitHub Pages or
 * `python3 -m http.server` would): the service worker installs, the page reloads once under it and is then
 * cross-origin isolated, its own workers run under the worker CSP (checked from inside one), and a candidate's
 * request to the loopback probe never arrives. With service workers blocked, the page says what is missing and how to
 * host the app. Debian Chromium, as the other app tests.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKER_CSP } from '../../src/sw/hosting-headers.ts';
import { HOSTING_HELP } from '../../workers/csp-self-check.ts';
import { startProbeServer, type ProbeServer } from '../adversarial/probe-server.ts';
import { launchChromium } from '../browser/chromium.ts';
import { setEditorText } from './editor.ts';
import { sharedAppBuild } from './preview.ts';
import { startBareStaticServer } from './static-host-server.ts';

/**
 * A request from inside a worker, as source text. (String evaluation is not probed this way: the DevTools protocol
 * lets an evaluated expression eval whatever the CSP says; the worker's own self-check covers it.)
 */
const workerFetch = (url: string): string =>
  `fetch(${JSON.stringify(url)}).then(() => 'ran', (e) => 'refused: ' + e.name)`;

/** A Python candidate that tries to reach `url` through the engine's JavaScript bridge and prints what happened. */
const reachOut = (url: string): string =>
  [
    'import sys',
    '',
    'try:',
    '    import js',
    '    xhr = js.XMLHttpRequest.new()',
    `    xhr.open("GET", "${url}", False)`,
    '    xhr.send()',
    '    print("xhr ran", file=sys.stderr)',
    'except BaseException as e:',
    '    print("xhr refused:", type(e).__name__, file=sys.stderr)',
    '',
  ].join('\n');

describe('a static host that sends no headers (production build)', () => {
  let server: { url: string; close(): Promise<void> };
  let base: string;
  let probe: ProbeServer;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBareStaticServer(await sharedAppBuild());
    base = server.url;
    probe = await startProbeServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await probe?.close();
  });

  const checks = (page: Page) => page.getByTestId('hosting-checks');

  /** `crossOriginIsolated` of the page, or false while it is between documents (the one reload). */
  const isolated = (page: Page) => page.evaluate(() => crossOriginIsolated).catch(() => false);

  /** Runs the visible tests matching `filter` and opens the first case's detail; resolves to its stderr. */
  async function caseStderr(page: Page, filter: string): Promise<string> {
    await page.getByRole('tab', { name: 'Tests' }).click();
    await page.getByTestId('test-filter').fill(filter);
    await page.getByTestId('run-tests').click();
    await page.locator(`tr[data-case="${filter}"]:not([data-verdict="none"])`).waitFor({ timeout: 90_000 });
    await expect.poll(() => page.getByTestId('run-tests').isEnabled(), { timeout: 90_000 }).toBe(true);
    await page.locator(`tr[data-case="${filter}"] button.case-link`).click();
    return page.getByTestId('case-detail').getByTestId('diff-stderr').innerText();
  }

  async function pythonCandidate(page: Page, source: string): Promise<void> {
    await page.getByRole('tab', { name: 'Workspace' }).click();
    await page.locator('#toolchain').selectOption('python');
    await page.getByRole('button', { name: /^main\.py/ }).waitFor();
    await setEditorText(page, source);
  }

  it('the server itself sends no isolation header and no CSP', async () => {
    const response = await fetch(`${base}/`);
    expect(response.headers.get('cross-origin-embedder-policy')).toBeNull();
    const html = await response.text();
    expect(html).toContain('<div id="app">');
    const sw = await fetch(`${base}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-security-policy')).toBeNull();
  });

  describe('with the service worker', () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
    });

    afterAll(async () => {
      await context?.close();
    });

    it('installs, says so, reloads once and is then cross-origin isolated', async () => {
      const navigations: string[] = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations.push(frame.url());
      });
      await page.goto(`${base}/?target=uuidparse&tab=oracle`);
      // The first document says what it is doing before the reload takes it away (or the reload came first).
      const said = await page
        .getByTestId('hosting-reload')
        .innerText({ timeout: 10_000 })
        .catch(() => '');
      await expect.poll(() => isolated(page), { timeout: 60_000 }).toBe(true);
      if (said) expect(said).toContain('reloading once');
      await expect.poll(() => checks(page).getAttribute('data-worker-csp'), { timeout: 30_000 }).toBe('in-force');
      expect(await page.getByTestId('hosting-warning').count()).toBe(0);
      // The first load and the one reload: no loop.
      expect(navigations.length).toBe(2);
    });

    it('runs the oracle in a same-origin worker that its CSP keeps off the network', async () => {
      await page.locator('#oracle-args').fill('-J 8c6e3fbc-4f5a-11ee-be56-0242ac120002');
      await page.getByTestId('oracle-run').click();
      await expect
        .poll(() => page.locator('pre[data-stream="stdout"]').textContent(), { timeout: 60_000 })
        .toContain('8c6e3fbc-4f5a-11ee-be56-0242ac120002');
      const runner = page.workers().find((w) => /\/assets\/workers\/runner\.worker-[^/]*\.js$/.test(w.url()));
      if (!runner)
        throw new Error(
          `no runner worker among ${page
            .workers()
            .map((w) => w.url())
            .join(', ')}`,
        );
      expect(await runner.evaluate(workerFetch(`${probe.origin}/from-runner-worker`))).toBe('refused: TypeError');
      expect(probe.hits()).toEqual([]);
      // That CSP is the service worker's doing: the server sends the script without one.
      const seenByPage = await page.evaluate(
        async (url) => (await fetch(url)).headers.get('content-security-policy'),
        runner.url(),
      );
      expect(seenByPage).toBe(WORKER_CSP);
      expect((await fetch(runner.url())).headers.get('content-security-policy')).toBeNull();
    });

    it('runs a candidate whose request to the loopback probe never arrives', async () => {
      await page.getByRole('tab', { name: 'Workspace' }).click();
      await pythonCandidate(page, reachOut(`${probe.origin}/from-candidate`));
      const stderr = await caseStderr(page, 'nil');
      expect(stderr).toMatch(/xhr refused: \w+/);
      expect(probe.hits()).toEqual([]);
      expect(pageErrors).toEqual([]);
    }, 180_000);
  });

  describe('with service workers blocked', () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
      page = await context.newPage();
    });

    afterAll(async () => {
      await context?.close();
    });

    it('says the page is not isolated, its workers lack their CSP, and how to host the app', async () => {
      await page.goto(`${base}/?target=uuidparse&tab=oracle`);
      const warning = page.getByTestId('hosting-warning');
      await expect.poll(() => checks(page).getAttribute('data-worker-csp'), { timeout: 30_000 }).toBe('missing');
      expect(await isolated(page)).toBe(false);
      const text = await warning.innerText();
      expect(text).toContain('not cross-origin isolated');
      expect(text).toContain('without their Content-Security-Policy');
      expect(text.replace(/\s+/g, ' ')).toContain(HOSTING_HELP);
    });

    it('still runs candidates in the candidate realm, whose own CSP keeps the probe silent', async () => {
      await pythonCandidate(page, reachOut(`${probe.origin}/from-candidate-unisolated`));
      const stderr = await caseStderr(page, 'nil');
      expect(stderr).toMatch(/xhr refused: \w+/);
      expect(probe.hits()).toEqual([]);
    }, 180_000);
  });
});
