/**
 * The Agent tab's Report view in Debian Chromium (production build): run folders made by the real
 * `mirrorbox replicate` (against the scripted Anthropic server) are imported as a picked folder and give the same
 * model row as `mirrorbox report` on the same folder, a run folder with its result deleted is listed as such, and a
 * run made in the tab joins the report from IndexedDB.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byModel, KEY, runCli, turnOf, type Call } from '../agent/cli-harness.ts';
import { startAnthropicServer } from '../agent/servers/anthropic-server.ts';
import type { ScriptedServer } from '../agent/servers/scripted-server.ts';
import { buildDir } from '../../src/node/paths.ts';
import { launchChromium } from '../browser/chromium.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';

const SCRIPT: Call[][] = [[['docs', {}]], [['oracle', { args: ['-h'] }]]];
/** The first run to start (epoch 1, with --jobs 1) writes a wrong program and scores it, so the chart has a point. */
const SCORED: Call[][] = [[['write_file', { path: 'main.py', content: 'print(1)\n' }]], [['run_tests', {}]]];
let conversations = 0;
const root = mkdtempSync(join(tmpdir(), 'mirrorbox-app-report-'));
const out = join(root, 'runs');
const SCREENSHOTS = join(buildDir, 'screenshots');

describe('the Agent tab Report view (production build)', { timeout: 300_000 }, () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  let api: ScriptedServer;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    api = await startAnthropicServer(
      byModel({
        walker: (request, n) => {
          // Known by what the model answered first: only the scored conversation has the program in it.
          const scored = n === 0 ? conversations++ === 0 : request.rawBody.includes('print(1)');
          const list = scored ? SCORED : SCRIPT;
          return turnOf(list[Math.min(n, list.length - 1)] ?? [], n);
        },
      }),
      { apiKey: KEY },
    );
    const [built] = await Promise.all([
      sharedAppBuild(),
      runCli(
        [
          'replicate',
          '--targets',
          'uuidparse',
          '--lang',
          'python',
          '--models',
          'anthropic:walker',
          '--epochs',
          '2',
          '--base-url',
          api.url,
          '--max-tool-calls',
          '2',
          '--price',
          '3,15,0.3,3.75',
          '--out',
          out,
        ],
        { ANTHROPIC_API_KEY: KEY },
      ).then((r) => {
        if (r.code !== 0) throw new Error(`replicate failed: ${r.err}`);
      }),
    ]);
    // A lost result: the report must list the run, not skip it.
    rmSync(join(out, 'uuidparse-python-anthropic_walker-e2', 'result.json'));
    ({ server, url: base } = await startPreviewServer(built));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await api?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const cells = (row: string): string[] =>
    row
      .trim()
      .replace(/^\||\|$/g, '')
      .split(' | ')
      .map((c) => c.trim());

  it('imports run folders and shows the same table as mirrorbox report; a browser run joins it', async () => {
    const cli = await runCli(['report', out]);
    expect(cli.code, cli.err).toBe(0);
    const cliRow = cli.out.split('\n').find((l) => l.startsWith('| anthropic:walker'));
    expect(cliRow).toBeDefined();

    await page.goto(`${base}/?target=uuidparse&tab=agent`);
    await page.getByRole('button', { name: 'Report', exact: true }).click();
    await page.getByTestId('agent-report').waitFor();
    await page.locator('.summary').first().waitFor();
    expect(await page.getByTestId('agent-report').textContent()).toContain('No counted runs.');

    await page.getByTestId('report-import').setInputFiles(out);
    await expect
      .poll(() => page.getByTestId('report-note').textContent())
      .toMatch(/^Imported 2 run folders and a matrix of 2 planned runs\./);
    const appRow = await page.getByTestId('report-models').locator('tbody tr').first().locator('td').allTextContents();
    expect(appRow).toEqual(cells(cliRow as string));
    expect(appRow.slice(0, 4)).toEqual(['anthropic:walker', 'python', '1', 'scripted']);
    expect(appRow[7]).toBe('0.0% (1)');
    await page.getByTestId('report-chart').locator('canvas').waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'agent-report.png'), fullPage: true });
    const problems = await page.getByTestId('report-problems').locator('tbody tr').allTextContents();
    expect(problems).toEqual([expect.stringMatching(/^uuidparse-python-anthropic_walker-e2\s*result missing/)]);

    // A run in the tab (its own scripted server, another origin): it stops on its tool-call budget.
    const tabApi = await startAnthropicServer(
      Array.from({ length: 10 }, () => ({ toolCalls: [{ name: 'list_files', arguments: '{}' }] })),
      { apiKey: KEY },
    );
    try {
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByTestId('agent-status').waitFor({ timeout: 60_000 });
      await page.getByLabel('Provider').selectOption('anthropic');
      await page.getByLabel('Model', { exact: true }).fill('tab-model');
      await page.getByLabel('Base URL').fill(tabApi.url);
      await page.getByTestId('agent-key').fill(KEY);
      await page.getByLabel('Language').selectOption('python');
      await page.getByTestId('budget-tool-calls').fill('2');
      await page.getByRole('button', { name: 'Start' }).click();
      await page.locator('[data-testid="agent-status"]:text-is("ended")').waitFor({ timeout: 120_000 });
    } finally {
      await tabApi.close();
    }
    await page.getByRole('button', { name: 'Report', exact: true }).click();
    // The imported folders are still there, beside the tab's run (rows sort by model).
    const rows = page.getByTestId('report-models').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(1).locator('td').allTextContents()).toEqual(cells(cliRow as string));
    const tabRow = await rows.first().locator('td').allTextContents();
    expect(tabRow.slice(0, 5)).toEqual(['anthropic:tab-model', 'python', '1', 'scripted', '0 / 1']);
    expect(tabRow.at(-1)).toBe('budget (tool-calls) 1');
    // The tab's run was never scored: the chart keeps only the imported row's curve.
    const legend = await page.getByTestId('report-chart').locator('.u-legend').innerText();
    expect(legend).toContain('anthropic:walker · python · scripted (1 runs)');
    expect(legend).not.toContain('tab-model');
    expect(pageErrors).toEqual([]);
  });
});
