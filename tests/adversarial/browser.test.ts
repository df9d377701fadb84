/**
 * Hostile code in the app's runner workers, in Debian Chromium against the production build (`vite build` +
 * `vite preview`, which serves the worker scripts with their CSP). From inside a real runner worker, every way to
 * reach another origin — fetch, XHR, import(), importScripts, WebSocket, EventSource — is blocked and the probe server
 * logs nothing, while the same browser's page does reach it (so the attempts were real). Then the hostile C program,
 * uploaded as a prebuilt .wasm, floods and spins through the Tests tab while the page keeps answering.
 */
import type { Browser, Page, Worker } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser/chromium.ts';
import { sharedAppBuild, startPreviewServer } from '../app/preview.ts';
import { hostileC } from './fixtures.ts';
import { startProbeServer, type ProbeServer } from './probe-server.ts';

/** What one attempt from inside the worker got, and the CSP violations the worker reported meanwhile. */
type Escapes = { results: Record<string, string>; violations: string[] };

describe('hostile code in the app’s runner workers (Chromium, production build)', { timeout: 120_000 }, () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  let probe: ProbeServer;
  let hostileWasm: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    probe = await startProbeServer();
    hostileWasm = (await hostileC('hostile')).path;
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await probe?.close();
  });

  const tab = (name: string) => page.getByRole('tab', { name });
  const runOracle = async (args: string): Promise<void> => {
    await page.locator('#oracle-args').fill(args);
    await page.getByTestId('oracle-run').click();
    await page.getByTestId('exit-code').waitFor();
  };
  const runnerWorker = (): Worker | undefined =>
    page.workers().find((w) => /\/assets\/workers\/runner\.worker/.test(w.url()));

  it('blocks fetch, XHR, import(), importScripts, WebSocket and EventSource to another origin from a runner worker', async () => {
    await page.goto(`${base}/?target=uuidparse&tab=oracle`);
    // An oracle run starts the app's runner workers.
    await runOracle('-V');
    await expect.poll(() => runnerWorker() !== undefined).toBe(true);
    const worker = runnerWorker() as Worker;

    const escapes: Escapes = await worker.evaluate(
      async ({ origin, ws }) => {
        const violations: string[] = [];
        (self as unknown as { violations: string[] }).violations = violations;
        self.addEventListener('securitypolicyviolation', (e) =>
          violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
        );
        const results: Record<string, string> = {};
        const failure = (name: string) => Object.assign(new Error(name), { name });
        const attempt = async (name: string, f: () => Promise<unknown>) => {
          try {
            results[name] = `reached: ${String(await f())}`;
          } catch (e) {
            results[name] = `blocked: ${(e as Error).name}`;
          }
        };
        await attempt('fetch', async () => (await fetch(`${origin}/w-fetch`)).status);
        await attempt(
          'fetch no-cors',
          async () => (await fetch(`${origin}/w-fetch-no-cors`, { mode: 'no-cors' })).type,
        );
        await attempt(
          'XMLHttpRequest',
          () =>
            new Promise((resolve, reject) => {
              const x = new XMLHttpRequest();
              x.open('GET', `${origin}/w-xhr`);
              x.onload = () => resolve(x.status);
              x.onerror = () => reject(failure('XHRError'));
              x.send();
            }),
        );
        await attempt('importScripts', async () =>
          (self as unknown as { importScripts(url: string): void }).importScripts(`${origin}/w-import-scripts.js`),
        );
        await attempt(
          'WebSocket',
          () =>
            new Promise((resolve, reject) => {
              const socket = new WebSocket(`${ws}/w-websocket`);
              socket.onopen = () => resolve('open');
              socket.onerror = () => reject(failure('WebSocketError'));
            }),
        );
        await attempt(
          'EventSource',
          () =>
            new Promise((resolve, reject) => {
              const source = new EventSource(`${origin}/w-event-source`);
              source.onopen = () => resolve('open');
              source.onerror = () => {
                source.close();
                reject(failure('EventSourceError'));
              };
            }),
        );
        // Violation reports are delivered as tasks after the attempt failed.
        await new Promise((resolve) => setTimeout(resolve, 300));
        return { results, violations };
      },
      { origin: probe.origin, ws: `ws://${probe.host}:${probe.port}` },
    );
    // import() is evaluated from source text: in a function it would be rewritten by vitest's own module loader.
    escapes.results['import()'] = await worker.evaluate(
      `import(${JSON.stringify(`${probe.origin}/w-import.js`)}).then(() => 'reached', (e) => 'blocked: ' + e.name)`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    escapes.violations = await worker.evaluate(() => (self as unknown as { violations: string[] }).violations);
    console.log('escapes from a runner worker:', JSON.stringify(escapes));

    expect(Object.entries(escapes.results).filter(([, r]) => !r.startsWith('blocked'))).toEqual([]);
    expect(Object.keys(escapes.results)).toHaveLength(7);
    // The worker's CSP is what stopped them (not a missing server): each network attempt is a reported violation.
    for (const path of ['w-fetch', 'w-fetch-no-cors', 'w-xhr', 'w-websocket', 'w-event-source'])
      expect(escapes.violations.some((v) => v.startsWith('connect-src') && v.endsWith(path))).toBe(true);
    expect(escapes.violations.some((v) => /^script-src/.test(v) && v.endsWith('w-import.js'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(probe.hits()).toEqual([]);

    // Control: the page itself (no CSP of its own) reaches the probe, so the worker's attempts were real ones.
    const control = await page.evaluate((origin) => fetch(`${origin}/from-page`).then((r) => r.text()), probe.origin);
    expect(control).toBe('probe reached\n');
    expect(probe.hits().map((h) => h.firstBytes.split('\r\n')[0])).toEqual(['GET /from-page HTTP/1.1']);
    // And the worker still runs programs.
    await runOracle('-V');
    // The previous run's output stays on screen until this one's arrives: wait for it rather than read at once.
    await expect
      .poll(() => page.locator('pre[data-stream="stdout"]').textContent(), { timeout: 15_000 })
      .toContain('uuidparse from util-linux');
  });

  it('runs the hostile C program’s flood and endless loop to their verdicts while the page keeps answering', async () => {
    const hitsBefore = probe.hits().length;
    if (!page.url().startsWith(base)) await page.goto(`${base}/?target=uuidparse&tab=oracle`);
    // Two scratch tests from the oracle console carry the program's modes as arguments.
    await tab('Oracle console').click();
    await runOracle('flood');
    await page.getByRole('button', { name: 'Copy to scratch tests' }).click();
    await page.getByText('Added as scratch-1').waitFor();
    await runOracle('spin');
    await page.getByRole('button', { name: 'Copy to scratch tests' }).click();
    await page.getByText('Added as scratch-2').waitFor();

    await tab('Workspace').click();
    await page.getByTestId('upload-input').setInputFiles(hostileWasm);
    await page.getByText(/hostile-\w+\.wasm added/).waitFor();
    await tab('Tests').click();
    await page.getByTestId('time-limit').fill('1');
    await page.getByTestId('time-limit').press('Tab');
    await page.getByTestId('test-filter').fill('scratch');
    await page.getByTestId('run-tests').click();
    // While a worker spins and another floods, the page answers: another tab opens and its search works.
    await tab('Docs').click();
    await page.getByLabel('Search the docs').fill('json');
    await page.getByText(/1 of \d+/).waitFor({ timeout: 2000 });
    await tab('Tests').click();
    await page.locator('tr[data-case="scratch-2"]:not([data-verdict="none"])').waitFor({ timeout: 30_000 });
    await page.locator('tr[data-case="scratch-1"]:not([data-verdict="none"])').waitFor({ timeout: 30_000 });
    expect(await page.locator('tr[data-case="scratch-1"]').getAttribute('data-verdict')).toBe('output-limit');
    expect(await page.locator('tr[data-case="scratch-2"]').getAttribute('data-verdict')).toBe('timeout');

    // Afterwards the app still runs programs with the right bytes.
    await tab('Oracle console').click();
    await runOracle('-V');
    await expect
      .poll(() => page.locator('pre[data-stream="stdout"]').textContent(), { timeout: 15_000 })
      .toContain('uuidparse from util-linux');
    expect(probe.hits().length).toBe(hitsBefore);
    expect(pageErrors).toEqual([]);
  });
});
