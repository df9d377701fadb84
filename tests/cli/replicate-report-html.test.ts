/**
 * The HTML report opens on its own: loaded from a file in Debian's Chromium with every network request refused, it
 * draws uPlot's chart of the curves (one series per model row) and shows the tables, with no page error.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/agent/report/html.ts';
import { buildReport, type RunInput } from '../../src/agent/report/report.ts';
import { repoRoot } from '../../src/node/paths.ts';
import { launchChromium } from '../browser/chromium.ts';

const dir = mkdtempSync(join(tmpdir(), 'mirrorbox-report-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(id: string, model: string, costs: number[], rates: number[]): RunInput {
  return {
    id,
    source: id,
    target: 'cal',
    lang: 'python',
    provider: 'anthropic',
    model,
    bucket: 'S',
    provenance: 'scripted',
    result: {
      kind: 'ok',
      value: {
        target: 'cal',
        lang: 'python',
        model,
        solved: false,
        visible: { passed: 1, total: 2 },
        hidden: { passed: 0, total: 0 },
        stop: 'budget',
        budget: 'cost',
        usage: { inputTokens: 10, outputTokens: 1, costUsd: costs.at(-1) ?? 0 },
        toolCalls: 3,
        turns: 3,
        ms: 1000,
      },
    },
    trajectory: {
      kind: 'ok',
      value: costs.map((c, i) => ({ tokens: i * 100, costUsd: c, rate: rates[i] ?? 0 })),
    },
  };
}

describe('the HTML report', { timeout: 60_000 }, () => {
  it('draws its curves with the inlined uPlot in Chromium, offline', async () => {
    const report = buildReport({
      runs: [
        run('cal-python-anthropic_a-e1', 'a', [0.1, 0.3], [0.2, 0.5]),
        run('cal-python-anthropic_b-e1', 'b', [0.2], [0.9]),
      ],
      planned: [],
    });
    const dist = join(repoRoot, 'node_modules/uplot/dist');
    const file = join(dir, 'report.html');
    writeFileSync(
      file,
      reportHtml(report, {
        js: readFileSync(join(dist, 'uPlot.iife.min.js'), 'utf8'),
        css: readFileSync(join(dist, 'uPlot.min.css'), 'utf8'),
      }),
    );
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${file}`);
      await page.waitForSelector('#curves .uplot canvas');
      const legend = await page.locator('#curves .u-legend').innerText();
      expect(legend).toContain('anthropic:a · python · scripted (1 runs)');
      expect(legend).toContain('anthropic:b · python · scripted (1 runs)');
      expect(await page.locator('table').first().innerText()).toContain('anthropic:a');
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
