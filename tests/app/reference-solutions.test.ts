/**
 * The team's reference uuidparse solutions (tests/fixtures/solutions/uuidparse-{c,ts,py}/) submitted through the web
 * app in Debian Chromium (production build), the way a person would: each is imported into the workspace with the
 * Workspace tab's "Import…" (a workspace export file made from the fixture's sources), then Submit runs it on every
 * visible and hidden test. The acceptance bar — 100% visible and 100% hidden, as the app shows it — is checked on
 * the page, so the browser's whole path counts: C compiled by clang in its worker, TypeScript transpiled on the page
 * and run in QuickJS, Python in Pyodide, all in the runner workers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourcesDigest, type SourceFile } from '../../src/core/source-file.ts';
import { workspaceToJson } from '../../src/core/workspace-export.ts';
import { repoRoot } from '../../src/node/paths.ts';
import { launchChromium } from '../browser/chromium.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';

const SOLUTIONS = join(repoRoot, 'tests/fixtures/solutions');
const PACK = JSON.parse(readFileSync(join(repoRoot, 'build/targets/uuidparse/pack.json'), 'utf8')) as {
  visible: unknown[];
  hidden: unknown[];
};

/** Fixture folder → the toolchain id its workspace is built with. */
const REFERENCES = [
  { folder: 'uuidparse-c', toolchain: 'c' },
  { folder: 'uuidparse-ts', toolchain: 'ts' },
  { folder: 'uuidparse-py', toolchain: 'python' },
] as const;

/** The fixture's source files (its README.md documents the fixture and is no part of the program). */
function solutionFiles(folder: string): SourceFile[] {
  const dir = join(SOLUTIONS, folder);
  return readdirSync(dir)
    .filter((name) => name !== 'README.md')
    .sort()
    .map((name) => ({ name, content: readFileSync(join(dir, name), 'utf8') }));
}

describe('the reference uuidparse solutions score 100% / 100% in the app (Debian Chromium, production build)', () => {
  let server: PreviewServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, url: base } = await startPreviewServer(await sharedAppBuild()));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${base}/?target=uuidparse&tab=workspace`);
    await page.getByTestId('import-input').waitFor({ state: 'attached' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the pack has the 400 visible and 207 hidden cases the bar is stated in', () => {
    expect([PACK.visible.length, PACK.hidden.length]).toEqual([400, 207]);
  });

  for (const { folder, toolchain } of REFERENCES) {
    it(`${folder}: imported into the workspace and submitted, it solves uuidparse`, async () => {
      const files = solutionFiles(folder);
      expect(files.length).toBeGreaterThan(0);
      const exported = workspaceToJson({ target: 'uuidparse', toolchain, files, scratchTests: [] }, new Date());
      await page.getByRole('tab', { name: 'Workspace' }).click();
      await page.getByTestId('import-input').setInputFiles({
        name: `${folder}.json`,
        mimeType: 'application/json',
        buffer: Buffer.from(exported),
      });
      await page.getByText('Workspace imported.').waitFor();
      expect(await page.locator('#toolchain').inputValue()).toBe(toolchain);
      const listed = await page.locator('nav[aria-label="Workspace files"]').innerText();
      for (const f of files) expect(listed).toContain(f.name);

      await page.getByRole('tab', { name: 'Submit' }).click();
      const started = Date.now();
      await page.getByTestId('submit').click();
      // The submission is recorded under the workspace's code hash: its row is this solution's, not an earlier one.
      const hash = sourcesDigest(files).slice(0, 10);
      await page.getByTestId('submission-history').locator('tr', { hasText: hash }).waitFor({ timeout: 300_000 });
      const seconds = (Date.now() - started) / 1000;
      const result = page.getByTestId('submission-result');
      const visible = await result.getByTestId('visible-score').locator('..').innerText();
      const hidden = await result.getByTestId('hidden-score').locator('..').innerText();
      console.log(
        `${folder} in Chromium: submitted in ${seconds.toFixed(1)} s (build included) — ${visible.replace(/\s+/g, ' ')}, ${hidden.replace(/\s+/g, ' ')}`,
      );
      expect(visible).toMatch(/100%\s+400 \/ 400/);
      expect(hidden).toMatch(/100%\s+207 \/ 207/);
      expect(await result.getByTestId('solved').innerText()).toContain('Solved');
      expect(pageErrors).toEqual([]);
    }, 400_000);
  }
});
