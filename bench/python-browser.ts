/**
 * `npx tsx bench/python-browser.ts`: Python (Pyodide) costs in the web app, on the production build in Debian
 * Chromium — the browser side of bench/python.ts. Not a test: nothing here fails on a number. Median of 3 fresh
 * browsers (each its own profile, so "cold" includes the download from the preview server):
 *
 * - cold: Run on the `nil` tests in a fresh profile: the build (Pyodide's start in a runner worker + the syntax
 *   check), then the first verdict;
 * - after a reload: new workers, Pyodide's files from the HTTP cache;
 * - again: interpreters up; only the check and the runs;
 * - per test: all 400 visible cases with warm workers, from the build's end to the last verdict;
 * - the uuidparse reference solution submitted (607 cases) with warm workers.
 *
 * Times are taken in the page (performance.now() in a MutationObserver), not by polling from the test driver.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { workspaceToJson } from '../src/core/workspace-export.ts';
import { buildDir, repoRoot } from '../src/node/paths.ts';
import { launchChromium } from '../tests/browser/chromium.ts';
import { buildApp, startPreviewServer } from '../tests/app/preview.ts';

const OUT = join(buildDir, 'bench', 'python-app-dist');
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const NIL_PRINTER = `import sys

print("UUID                                  VARIANT TYPE TIME")
for uuid in sys.argv[1:]:
    print(f"{uuid}  NCS     nil  ")
`;
const SOLUTION = join(repoRoot, 'tests/fixtures/solutions/uuidparse-py');

interface Timing {
  built: number;
  first: number;
  done: number;
  /** Set when the run did not finish within 3 minutes: what the progress line said then. */
  stuck?: string;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Imports a one-toolchain workspace through the Workspace tab's Import… button. */
async function importWorkspace(page: Page, files: { name: string; content: string }[]): Promise<void> {
  await page.getByRole('tab', { name: 'Workspace' }).click();
  const json = workspaceToJson({ target: 'uuidparse', toolchain: 'python', files, scratchTests: [] }, new Date());
  await page.getByTestId('import-input').setInputFiles({
    name: 'bench.json',
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  });
  await page.getByText('Workspace imported.').waitFor();
}

/**
 * Presses `button` in the page and times, from the press: the end of the build (the progress line first counts
 * runs), the first verdict of `firstCase` (or the first count for a submission), and the last of `total` results.
 */
function timeRun(page: Page, button: string, firstCase: string | null, total: number): Promise<Timing> {
  // A string, not a function: tsx's transform names functions with a helper that does not exist in the page.
  return page.evaluate(`(${IN_PAGE_TIMER})(${JSON.stringify({ button, firstCase, total })})`) as Promise<Timing>;
}

const IN_PAGE_TIMER = `({ button, firstCase, total }) =>
  new Promise((resolve) => {
    const t0 = performance.now();
    let building = false;
    let built;
    let first;
    const observer = new MutationObserver(() => {
      const now = performance.now();
      const state = document.querySelector('[data-testid="build-state"]')?.textContent ?? '';
      if (/Compiling|Building/.test(state)) building = true;
      const counts = /(\\d+) \\/ (\\d+) run/.exec(state);
      if (building && built === undefined && counts) built = now - t0;
      const row = firstCase ? document.querySelector('tr[data-case="' + firstCase + '"]') : null;
      if (first === undefined && built !== undefined) {
        if (row ? row.getAttribute('data-verdict') !== 'none' : counts && Number(counts[1]) > 0) first = now - t0;
      }
      // The Submit tab drops its progress line when the submission is recorded and shows the result instead.
      const finished = (counts && Number(counts[1]) === total) || document.querySelector('[data-testid="submission-result"]');
      if (built !== undefined && first !== undefined && finished) {
        observer.disconnect();
        resolve({ built, first, done: now - t0 });
      }
    });
    // A run that never reaches its count (a bench bug or a stuck run) reports where it stood instead of hanging.
    setTimeout(() => {
      observer.disconnect();
      const state = document.querySelector('[data-testid="build-state"]')?.textContent ?? '(no progress line)';
      resolve({ built, first, done: NaN, stuck: state.trim() });
    }, 180000);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    document.querySelector('[data-testid="' + button + '"]').click();
  })`;

/** Runs the visible tests matching `filter` (as many as the table then lists). */
async function runTests(page: Page, filter: string, firstCase: string): Promise<Timing> {
  await page.getByRole('tab', { name: 'Tests' }).click();
  await page.getByTestId('test-filter').fill(filter);
  await page.locator(`tr[data-case="${firstCase}"]`).waitFor();
  const total = await page.locator('tr[data-case]').count();
  const timing = await timeRun(page, 'run-tests', firstCase, total);
  if (timing.stuck !== undefined) throw new Error(`run of ${total} "${filter}" tests stuck at: ${timing.stuck}`);
  await page.getByTestId('cancel-run').waitFor({ state: 'detached' });
  return timing;
}

await buildApp(OUT);
const { server, url } = await startPreviewServer(OUT);
const pack = JSON.parse(readFileSync(join(repoRoot, 'build/targets/uuidparse/pack.json'), 'utf8')) as {
  visible: unknown[];
  hidden: unknown[];
};
const rounds: { cold: Timing; reload: Timing; again: Timing; visible: Timing; submit: Timing }[] = [];
try {
  for (let i = 0; i < ROUNDS; i++) {
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      await page.goto(`${url}/?target=uuidparse&tab=workspace`);
      await importWorkspace(page, [{ name: 'main.py', content: NIL_PRINTER }]);
      const cold = await runTests(page, 'nil', 'nil');
      await page.reload();
      const reload = await runTests(page, 'nil', 'nil');
      const again = await runTests(page, 'nil', 'nil');
      const visible = await runTests(page, '', 'nil');
      const files = readdirSync(SOLUTION)
        .filter((n) => n !== 'README.md')
        .map((name) => ({ name, content: readFileSync(join(SOLUTION, name), 'utf8') }));
      await importWorkspace(page, files);
      await page.getByRole('tab', { name: 'Submit' }).click();
      const submit = await timeRun(page, 'submit', null, pack.visible.length + pack.hidden.length);
      if (submit.stuck !== undefined) throw new Error(`the submission stuck at: ${submit.stuck}`);
      rounds.push({ cold, reload, again, visible, submit });
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}

const med = (pick: (r: (typeof rounds)[number]) => number): string =>
  `${(median(rounds.map(pick)) / 1000).toFixed(2)} s`;
console.log(`python in the app — production build, Debian Chromium, median of ${ROUNDS} fresh browsers`);
console.log(
  `  cold: build (Pyodide start in a worker + syntax check) ${med((r) => r.cold.built)}, first verdict ${med((r) => r.cold.first)}`,
);
console.log(`  after a reload: build ${med((r) => r.reload.built)}, first verdict ${med((r) => r.reload.first)}`);
console.log(`  again (warm): build ${med((r) => r.again.built)}, first verdict ${med((r) => r.again.first)}`);
const perTest = median(rounds.map((r) => (r.visible.done - r.visible.built) / pack.visible.length));
console.log(
  `  ${pack.visible.length} visible cases, warm workers: ${med((r) => r.visible.done - r.visible.built)} after the build, ${perTest.toFixed(1)} ms per case`,
);
console.log(
  `  reference solution submitted (${pack.visible.length + pack.hidden.length} cases), warm: ${med((r) => r.submit.done)}`,
);
