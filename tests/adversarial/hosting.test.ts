/**
 * Red team of the hosting path: the production build on a static host that sends no headers at all, where the
 * service worker (src/sw/sw.ts) is what gives every worker script its CSP. Two attacks:
 *
 * - the build itself: every worker script the build starts by URL must be one the header table
 *   (src/sw/hosting-headers.ts) gives the worker CSP, or that worker would run without one on such a host;
 * - Wasmer's own workers: with the Wasmer runtime a candidate module runs in @wasmer/sdk's inner workers, started
 *   by the SDK from inside the Wasmer worker. Only the Wasmer worker checks its CSP at start; every worker the page
 *   has after a Wasmer run (inner ones included) must refuse a request to the loopback probe, and the probe must log
 *   nothing.
 *
 * - with service workers blocked on such a host no same-origin worker has its CSP: every worker that runs candidate
 *   code must refuse to (the interactive terminal runs "your program" on Wasmer too).
 *
 * Code is run in a worker with Playwright's `worker.evaluate`: what a guest that escaped its engine would have.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWorkerScript } from '../../src/sw/hosting-headers.ts';
import { launchChromium } from '../browser/chromium.ts';
import { setEditorText } from '../app/editor.ts';
import { sharedAppBuild } from '../app/preview.ts';
import { startBareStaticServer } from '../app/static-host-server.ts';
import { startProbeServer, type ProbeServer } from './probe-server.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** `new Worker(new URL("…", import.meta.url))` and `new SharedWorker(…)` in built JavaScript: the URL's text. */
const WORKER_URL = /new (?:Shared)?Worker\(\s*new URL\(\s*[`'"]([^`'"]+)[`'"]/g;

/** A request from inside a worker, as source text; a worker without `fetch` at all refuses too. */
const workerFetch = (url: string): string =>
  `typeof fetch !== 'function' ? 'refused: no fetch' : fetch(${JSON.stringify(url)}).then(() => 'ran', (e) => 'refused: ' + e.name)`;

describe('the hosting path under attack (production build, a static host without headers)', () => {
  let root: string;

  beforeAll(async () => {
    root = await sharedAppBuild();
  }, 600_000);

  it('gives every worker script the build starts by URL the worker CSP', () => {
    const started = new Map<string, string>();
    for (const file of filesUnder(root).filter((f) => /\.m?js$/.test(f)))
      for (const [, url] of readFileSync(file, 'utf8').matchAll(WORKER_URL))
        if (url !== undefined) started.set(url, relative(root, file));
    // The app's own workers, at least: runner, terminal, Wasmer, C compiler, CSP probe.
    expect(started.size).toBeGreaterThanOrEqual(5);
    const uncovered = [...started].filter(([url]) => !isWorkerScript(url.replace(/^\.?\//, '')));
    expect(uncovered).toEqual([]);
  });

  describe('in Debian Chromium, with the service worker', () => {
    let server: { url: string; close(): Promise<void> };
    let probe: ProbeServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      server = await startBareStaticServer(root);
      probe = await startProbeServer();
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
    });

    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await server?.close();
      await probe?.close();
    });

    it('keeps every worker of a Wasmer run, the SDK’s own included, off the network', async () => {
      await page.goto(`${server.url}/?target=uuidparse&tab=oracle`);
      await expect
        .poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 60_000 })
        .toBe(true);
      await page.getByTestId('runtime-setting').selectOption('wasmer');
      await page.locator('#oracle-args').fill('-J 8c6e3fbc-4f5a-11ee-be56-0242ac120002');
      await page.getByTestId('oracle-run').click();
      await expect
        .poll(() => page.locator('pre[data-stream="stdout"]').textContent(), { timeout: 120_000 })
        .toContain('8c6e3fbc-4f5a-11ee-be56-0242ac120002');
      const workers = page.workers();
      const urls = workers.map((w) => w.url());
      console.log(`workers after a Wasmer run: ${JSON.stringify(urls)}`);
      expect(urls.some((u) => u.includes('/wasmer.worker-'))).toBe(true);
      const results: Record<string, string> = {};
      for (const [i, worker] of workers.entries())
        results[`${i} ${worker.url()}`] = String(
          await worker.evaluate(workerFetch(`${probe.origin}/from-worker-${i}`)).catch((e: unknown) => `gone: ${e}`),
        );
      console.log(JSON.stringify(results, null, 1));
      expect(Object.values(results).filter((r) => r === 'ran')).toEqual([]);
      expect(probe.hits()).toEqual([]);
    }, 300_000);

    it('leaves code in the SDK’s inner workers, where guests run, none of the origin’s storage or requests', async () => {
      // Before workers/wasmer-sdk/mirrorbox-no-origin-reach.js every one of these reached: the precache and the
      // toolchain cache (writable, so served to every later load), the app's IndexedDB, and the packs by URL.
      const inner = page.workers().filter((w) => w.url().includes('/mirrorbox-worker-entry.js'));
      expect(inner.length).toBeGreaterThan(0);
      for (const worker of inner)
        expect(await reach(worker, probe.origin)).toEqual({
          'caches.keys': 'refused ReferenceError',
          'indexedDB.open': 'refused ReferenceError',
          'fetch /sw.js': 'refused ReferenceError',
          'fetch pack index': 'refused ReferenceError',
          'fetch probe': 'refused ReferenceError',
          'XMLHttpRequest pack index': 'refused ReferenceError',
          'navigator.storage': 'undefined',
          BroadcastChannel: 'undefined',
        });
      expect(probe.hits()).toEqual([]);
    });

    it('keeps the candidate realm’s workers off the page’s storage, service worker and network', async () => {
      await page.getByRole('tab', { name: 'Workspace' }).click();
      await page.locator('#toolchain').selectOption('python');
      await page.getByRole('button', { name: /^main\.py/ }).waitFor();
      await setEditorText(page, 'print("hi")\n');
      await page.getByRole('tab', { name: 'Tests' }).click();
      await page.getByTestId('test-filter').fill('nil');
      await page.getByTestId('run-tests').click();
      await page.locator('tr[data-case="nil"]:not([data-verdict="none"])').waitFor({ timeout: 120_000 });
      const realm = page.workers().filter((w) => w.url().startsWith('blob:null/'));
      expect(realm.length).toBeGreaterThan(0);
      for (const w of realm)
        expect(await reach(w, probe.origin)).toEqual({
          'caches.keys': 'refused ReferenceError',
          'indexedDB.open': 'refused SecurityError',
          'fetch /sw.js': 'refused TypeError',
          'fetch pack index': 'refused TypeError',
          'fetch probe': 'refused TypeError',
          'XMLHttpRequest pack index': expect.stringMatching(/^refused /),
          'navigator.storage': expect.any(String),
          BroadcastChannel: expect.any(String),
        });
      expect(probe.hits()).toEqual([]);
    }, 300_000);
  });

  describe('in Debian Chromium, with service workers blocked (so no worker gets its CSP)', () => {
    let server: { url: string; close(): Promise<void> };
    let probe: ProbeServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      server = await startBareStaticServer(root);
      probe = await startProbeServer();
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
      page = await context.newPage();
    });

    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await server?.close();
      await probe?.close();
    });

    it('the terminal, which runs candidates’ programs too, refuses to start one', async () => {
      // Before the terminal worker checked its CSP, the program started and ran (status "exited with status 0").
      await page.goto(`${server.url}/?target=uuidparse&tab=oracle`);
      await expect
        .poll(() => page.getByTestId('hosting-checks').getAttribute('data-worker-csp'), { timeout: 30_000 })
        .toBe('missing');
      await page.locator('#oracle-args').fill('-J 8c6e3fbc-4f5a-11ee-be56-0242ac120002');
      await page.getByRole('radio', { name: 'Terminal' }).click();
      await page.getByTestId('terminal-start').click();
      await expect
        .poll(() => page.getByTestId('terminal-status').innerText(), { timeout: 60_000 })
        .toMatch(/could not start: refusing to run candidate code: the terminal worker runs without its/);
      expect(probe.hits()).toEqual([]);
    }, 120_000);
  });
});

/** What code in `worker` reaches: the origin's storage, its service worker's files, the probe. */
async function reach(worker: Worker, probeOrigin: string): Promise<Record<string, string>> {
  return worker.evaluate(async (probe) => {
    const out: Record<string, string> = {};
    const attempt = async (label: string, action: () => Promise<unknown>): Promise<void> => {
      try {
        out[label] = `reached ${String(await action()).slice(0, 80)}`;
      } catch (e) {
        out[label] = `refused ${(e as Error).name}`;
      }
    };
    await attempt('caches.keys', () => caches.keys().then((k) => k.join(',')));
    await attempt(
      'indexedDB.open',
      () =>
        new Promise((resolve, reject) => {
          const r = indexedDB.open('mirrorbox');
          r.onsuccess = () => resolve(r.result.objectStoreNames.length);
          r.onerror = () => reject(r.error ?? new Error('idb'));
        }),
    );
    await attempt('fetch /sw.js', () => fetch('/sw.js').then((r) => r.status));
    await attempt('fetch pack index', () => fetch('/packs/index.json').then((r) => r.status));
    await attempt('fetch probe', () => fetch(`${probe}/from-reach`).then((r) => r.status));
    await attempt('XMLHttpRequest pack index', () => {
      const x = new XMLHttpRequest();
      x.open('GET', '/packs/index.json', false);
      x.send();
      return Promise.resolve(x.status);
    });
    out['navigator.storage'] = typeof (navigator as { storage?: unknown }).storage;
    out.BroadcastChannel = typeof (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel;
    return out;
  }, probeOrigin);
}
