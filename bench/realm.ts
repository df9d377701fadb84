/**
 * `npx tsx bench/realm.ts`: the cost per test of the candidate realm (src/browser/candidate-realm.ts) against the
 * page's same-origin pool that ran candidates before, side by side in one Chromium page (the dev server's realm
 * harness, tests/browser/realm-harness.ts; two workers per pool). Not a test: nothing fails on a number. For each
 * candidate — uuidparse's oracle as a WASI candidate, and the Python reference solution — the full suite (607
 * cases) is run ROUNDS times per pool, alternating pools so machine noise falls on both; the first round of each
 * pool (engine start, Pyodide's bytes) is reported apart and the rest give the median.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../src/node/paths.ts';
import { launchChromium, startDevServer } from '../tests/browser/chromium.ts';
import type { PoolName, RealmHarness } from '../tests/browser/realm-harness.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const PYTHON = readFileSync(join(repoRoot, 'tests/fixtures/solutions/uuidparse-py/main.py'), 'utf8');

type Candidate = 'oracle' | { engine: 'pyodide'; source: string };
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const { server, url } = await startDevServer();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${url}/tests/browser/realm-harness.html`);
  await page.waitForFunction(() => document.querySelector('#state')?.textContent === 'ready');
  const suite = (pool: PoolName, candidate: Candidate) =>
    page.evaluate(
      ([p, c]) => (window as unknown as { realmHarness: RealmHarness }).realmHarness.suite(p, 'uuidparse', c),
      [pool, candidate] as const,
    );
  for (const [name, candidate] of [
    ['uuidparse oracle (WASI on the shim)', 'oracle'],
    ['Python reference solution', { engine: 'pyodide', source: PYTHON }],
  ] as const) {
    const perTest: Record<PoolName, number[]> = { page: [], realm: [] };
    const first: Partial<Record<PoolName, number>> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const pool of round % 2 === 0 ? (['page', 'realm'] as const) : (['realm', 'page'] as const)) {
        const r = await suite(pool, candidate);
        const passed = Object.keys(r.kinds).join(',');
        if (passed !== 'exited') throw new Error(`${name} in ${pool}: ${JSON.stringify(r)}`);
        const ms = r.ms / r.cases;
        if (first[pool] === undefined) first[pool] = ms;
        else perTest[pool].push(ms);
      }
    }
    const page = median(perTest.page);
    const realm = median(perTest.realm);
    console.log(
      `${name}: per test ${page.toFixed(2)} ms in the page's pool, ${realm.toFixed(2)} ms in the realm ` +
        `(×${(realm / page).toFixed(2)}, +${(realm - page).toFixed(2)} ms); first round ${first.page?.toFixed(2)} / ` +
        `${first.realm?.toFixed(2)} ms per test; ${ROUNDS - 1} warm rounds of 607 cases each, 2 workers per pool`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
