/**
 * The Agent tab end to end in Debian Chromium (production build): the page is served from one loopback origin and
 * the scripted provider servers from others, so every model call crosses origins as a real tab's would. A scripted
 * model plays the agent; the tab's own environment builds and scores its Python in the page's runners.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser/chromium.ts';
import { anthropicFailures, startAnthropicServer } from '../agent/servers/anthropic-server.ts';
import { startOpenAIServer } from '../agent/servers/openai-server.ts';
import { split, type ScriptedServer, type ScriptedTurn, type ScriptStep } from '../agent/servers/scripted-server.ts';
import { buildDir } from '../../src/node/paths.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';

const KEY = 'test-key-not-real-0003';
const WRONG_KEY = 'test-key-not-real-0004';
const SCREENSHOTS = join(buildDir, 'screenshots');
const SOLUTION = readFileSync(new URL('../fixtures/solutions/uuidparse-py/main.py', import.meta.url), 'utf8');

const call = (name: string, args: object): ScriptedTurn => ({
  toolCalls: [{ name, arguments: split(JSON.stringify(args), 3) }],
});
const solvingScript = (): ScriptStep[] => [
  { text: ['Reading', ' the docs.'], toolCalls: [{ name: 'docs', arguments: '{}' }] },
  call('write_file', { path: 'main.py', content: SOLUTION }),
  call('run_tests', {}),
  call('submit', {}),
];
const forever = (turn: () => ScriptedTurn, n = 40): ScriptStep[] => Array.from({ length: n }, turn);

// Each solved run scores 607 cases with Pyodide in the page after its first load: over a minute on a loaded 2-core machine.
describe('the Agent tab in Debian Chromium (production build)', { timeout: 300_000 }, () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let apis: ScriptedServer[] = [];
  const pageErrors: string[] = [];
  /** The verdict line of the uninterrupted solving run, which the resumed one must repeat. */
  let uninterrupted = '';

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterEach(async () => {
    await Promise.all(apis.map((s) => s.close()));
    apis = [];
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (): Promise<void> => {
    await page.goto(`${base}/?target=uuidparse&tab=agent`);
    await page.getByTestId('agent-status').waitFor({ timeout: 60_000 });
  };
  const configure = async (
    api: ScriptedServer,
    options: { provider?: 'anthropic' | 'openai-compatible'; key?: string; toolCalls?: string; spin?: string } = {},
  ): Promise<void> => {
    const provider = options.provider ?? 'anthropic';
    await page.getByLabel('Provider').selectOption(provider);
    await page.getByLabel('Model', { exact: true }).fill('scripted-model');
    await page.getByLabel('Base URL').fill(provider === 'anthropic' ? api.url : `${api.url}/v1`);
    await page.getByTestId('agent-key').fill(options.key ?? KEY);
    await page.getByLabel('Language').selectOption('python');
    await page.getByTestId('budget-tool-calls').fill(options.toolCalls ?? '50');
    await page.getByLabel('Repeats').fill(options.spin ?? '');
  };
  /** Clicks Start and waits until the new run is the one shown (the tab shows the latest run before it). */
  const start = async (): Promise<void> => {
    const before = await page.getByTestId('agent-status').getAttribute('data-run');
    await page.getByRole('button', { name: 'Start' }).click();
    await page
      .locator(`[data-testid="agent-status"]:not([data-run="${before ?? ''}"]):not([data-run=""])`)
      .waitFor({ timeout: 60_000 });
  };
  const waitStatus = (s: string) =>
    page.locator(`[data-testid="agent-status"]:text-is("${s}")`).waitFor({ timeout: 120_000 });

  /** Every record of every object store of the app's database, as JSON text. */
  const databaseText = (): Promise<string> =>
    page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const req = indexedDB.open('mirrorbox');
          req.onerror = () => reject(new Error('open failed'));
          req.onsuccess = () => {
            const db = req.result;
            const names = Array.from(db.objectStoreNames);
            const tx = db.transaction(names, 'readonly');
            const out: Record<string, unknown[]> = {};
            for (const name of names) {
              const all = tx.objectStore(name).getAll();
              all.onsuccess = () => (out[name] = all.result);
            }
            tx.oncomplete = () => {
              db.close();
              resolve(JSON.stringify(out));
            };
          };
        }),
    );

  it('a scripted run that writes the reference solution and submits ends solved; the key is stored nowhere', async () => {
    const api = await startAnthropicServer(solvingScript(), { apiKey: KEY });
    apis.push(api);
    await open();
    await configure(api);
    await start();
    await waitStatus('ended');
    const result = page.getByTestId('agent-result');
    expect(await result.getAttribute('data-solved')).toBe('true');
    uninterrupted = (await result.textContent()) ?? '';
    expect(uninterrupted).toMatch(/Solved[\s\S]*visible (\d+)\/\1[\s\S]*hidden (\d+)\/\2[\s\S]*4 tool calls, 4 turns/);
    expect(await page.getByTestId('agent-transcript').textContent()).toContain('Reading the docs.');
    expect(await page.getByTestId('agent-visible').textContent()).toMatch(/^(\d+)\/\1 /);
    await page.getByTestId('agent-chart').waitFor();

    const stored = await databaseText();
    expect(stored).toContain('agent-runs');
    expect(stored).toContain('"kind\\":\\"stop\\"');
    expect(stored).not.toContain(KEY);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export trajectory' }).click(),
    ]);
    const exported = readFileSync((await download.path()) as string, 'utf8');
    expect(exported.split('\n')[0]).toContain('"kind":"start"');
    expect(exported).toContain('"kind":"stop","stop":"submitted"');
    expect(exported).not.toContain(KEY);
    expect(page.url()).not.toContain(KEY);
    for (const r of api.requests) expect(r.url).not.toContain(KEY);
    await page.screenshot({ path: join(SCREENSHOTS, 'agent-solved.png'), fullPage: true });

    // The person's workspace was not touched by the run; one click copies the agent's files into it.
    const workspaces = (): Promise<{ files: { name: string; content: string }[]; toolchain: string }[]> =>
      databaseText().then((t) => (JSON.parse(t) as { workspaces: never[] }).workspaces);
    expect(await workspaces()).toEqual([]);
    await page.getByRole('button', { name: "Copy the agent's files to my workspace" }).click();
    await expect
      .poll(async () => (await workspaces())[0]?.files.find((f) => f.name === 'main.py')?.content)
      .toBe(SOLUTION);
    expect((await workspaces())[0]?.toolchain).toBe('python');

    // An exported trajectory imports for viewing.
    await page.getByLabel('Import trajectory').setInputFiles({
      name: 'run.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(exported),
    });
    await waitStatus('viewing');
    expect(await page.getByTestId('agent-transcript').textContent()).toContain('Stopped: submitted');

    // Remembered on this device: then, and only then, the key is in IndexedDB (in settings, not in a run).
    await page.getByLabel('remember on this device').check();
    const again = await startAnthropicServer(solvingScript(), { apiKey: KEY });
    apis.push(again);
    await page.getByLabel('Base URL').fill(again.url);
    await start();
    await waitStatus('ended');
    const remembered = JSON.parse(await databaseText()) as Record<string, { name?: string; value?: string }[]>;
    expect(remembered.settings?.find((s) => s.name === 'agent-key:anthropic')?.value).toBe(KEY);
    expect(JSON.stringify(remembered['agent-runs'])).not.toContain(KEY);
    expect(JSON.stringify(remembered['agent-events'])).not.toContain(KEY);
    // Forgetting happens at the next start; an invalid key's run does that and pauses with a clear message.
    const refusing = await startAnthropicServer([anthropicFailures.invalidKey()], { apiKey: KEY });
    apis.push(refusing);
    await configure(refusing, { key: WRONG_KEY });
    await page.getByLabel('remember on this device').uncheck();
    await start();
    await waitStatus('paused');
    expect(await page.getByTestId('agent-message').textContent()).toMatch(/API key was refused.*resume/);
    expect(await page.getByRole('button', { name: 'Resume' }).isEnabled()).toBe(true);
    const after = await databaseText();
    expect(after).not.toContain(KEY);
    expect(after).not.toContain(WRONG_KEY);
    expect(pageErrors).toEqual([]);
  });

  it('a 429 with Retry-After is retried and shown; the tool-call budget stops the run with its reason', async () => {
    const api = await startAnthropicServer(
      [anthropicFailures.rateLimited(1), ...forever(() => call('list_files', {}))],
      { apiKey: KEY },
    );
    apis.push(api);
    await open();
    await configure(api, { toolCalls: '3' });
    await start();
    await waitStatus('ended');
    const transcript = (await page.getByTestId('agent-transcript').textContent()) ?? '';
    expect(transcript).toMatch(/Retrying in 1 s \(attempt 1\)/);
    expect(transcript).toContain('Stopped: budget (tool-calls)');
    expect(await page.getByTestId('agent-result').textContent()).toContain('budget (tool-calls)');
    expect(await page.getByTestId('agent-tool-calls').textContent()).toBe('3');
    // The target's earlier runs stay listed; the oldest is the first test's solved one.
    const runs = page.getByTestId('agent-runs');
    await runs.selectOption({ index: (await runs.locator('option').count()) - 1 });
    await page.locator('[data-testid="agent-result"][data-solved="true"]').waitFor();
  });

  it('a spinning script (OpenAI-compatible, the same call and result repeated) is nudged, then stopped', async () => {
    const api = await startOpenAIServer(
      forever(() => call('list_files', {})),
      { apiKey: KEY },
    );
    apis.push(api);
    await open();
    await configure(api, { provider: 'openai-compatible', spin: '2' });
    await start();
    await waitStatus('ended');
    const transcript = (await page.getByTestId('agent-transcript').textContent()) ?? '';
    expect(transcript).toContain('Nudge (');
    expect(await page.getByTestId('agent-result').textContent()).toContain('Stopped: spinning');
  });

  it('a reload mid-run shows the run paused; Resume continues from the checkpoint and ends solved', async () => {
    const [docs, write, tests, submit] = solvingScript() as ScriptedTurn[];
    const api = await startAnthropicServer([docs!, write!, tests!, { stallAfter: 1 }, submit!], { apiKey: KEY });
    apis.push(api);
    await open();
    await configure(api);
    await page.getByRole('button', { name: 'Start' }).click();
    await api.whenStalled(1);
    await page.reload();
    await waitStatus('paused');
    expect(await page.getByTestId('agent-message').textContent()).toContain('Resume continues from its checkpoint');
    // The key was only in memory: it has to be given again.
    await page.getByTestId('agent-key').fill(KEY);
    await page.getByRole('button', { name: 'Resume' }).click();
    await waitStatus('ended');
    expect(await page.getByTestId('agent-result').getAttribute('data-solved')).toBe('true');
    expect(await page.getByTestId('agent-result').textContent()).toBe(uninterrupted);
    expect(await page.getByTestId('agent-transcript').textContent()).toContain('Resumed from the checkpoint');
    expect(await databaseText()).not.toContain(KEY);
  });
});
