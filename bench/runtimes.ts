/**
 * `npm run bench:runtimes` (part of `npm run bench`): both runner backends side by side, in Node, for every built
 * target — the oracle scored as a candidate over its full suite (visible + hidden). Each backend's own first scoring
 * (set-up, module hand-over) is reported apart from the warm median. The ratio is wasmer's time over the shim's, so
 * "40×" means the shim is forty times faster. Pass counts show how far the backends agree (the gold came from the
 * shim). Then the same in Debian Chromium (dev server, the wasmer harness page): each target's full suite through
 * the browser shim pool and the browser wasmer runner, second pass timed (the first loads binaryen and the SDK).
 * Not a test: nothing here fails on a number. Results also go to build/bench/runtimes.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Runner } from '../src/core/runner.ts';
import { scoreCandidate, type ScoreReport } from '../src/core/score.ts';
import { createNodePool } from '../src/node/node-pool.ts';
import { buildDir } from '../src/node/paths.ts';
import { listTargetIds, loadBuiltTarget, type BuiltTarget } from '../src/node/target-store.ts';
import { createWasmerNodeRunner } from '../src/node/wasmer-node.ts';
import { launchChromium, startDevServer } from '../tests/browser/chromium.ts';
import { callHarness, openHarness } from '../tests/browser/wasmer-harness-client.ts';
import type { WasmerHarness } from '../tests/browser/wasmer-harness.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

interface Measured {
  firstMs: number;
  warmMs: number;
  passed: number;
  total: number;
}

async function measure(runner: Runner, built: BuiltTarget): Promise<Measured> {
  const score = (): Promise<ScoreReport> => scoreCandidate({ pack: built.pack, candidate: built.oracle, runner });
  const t0 = performance.now();
  await score();
  const firstMs = performance.now() - t0;
  const warm: number[] = [];
  let last: ScoreReport | undefined;
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    last = await score();
    warm.push(performance.now() - t);
  }
  const passed = (last?.visible.passed ?? 0) + (last?.hidden.passed ?? 0);
  const total = (last?.visible.total ?? 0) + (last?.hidden.total ?? 0);
  return { firstMs, warmMs: median(warm), passed, total };
}

const shim = createNodePool();
const wasmer = createWasmerNodeRunner();
const rows: Record<string, { tests: number; shim: Measured; wasmer: Measured }> = {};
console.log(
  `mirrorbox bench: runner backends — ${availableParallelism()} cores, Node ${process.version}, warm = median of ${ROUNDS}`,
);
const header = [
  'target',
  'tests',
  'shim warm',
  'shim ms/test',
  'wasmer warm',
  'wasmer ms/test',
  'wasmer/shim',
  'agree',
];
console.log(`  ${header.map((h, i) => (i === 0 ? h.padEnd(10) : h.padStart(16))).join('')}`);
for (const id of listTargetIds()) {
  const built = loadBuiltTarget(id);
  if (built.kind === 'error') {
    console.log(`  ${id.padEnd(10)}  not built: ${built.message}`);
    continue;
  }
  const s = await measure(shim, built.value);
  const w = await measure(wasmer, built.value);
  const tests = s.total;
  rows[id] = { tests, shim: s, wasmer: w };
  const cells = [
    String(tests),
    `${s.warmMs.toFixed(0)} ms`,
    (s.warmMs / tests).toFixed(3),
    `${w.warmMs.toFixed(0)} ms`,
    (w.warmMs / tests).toFixed(3),
    `${(w.warmMs / s.warmMs).toFixed(1)}×`,
    `${w.passed}/${w.total}`,
  ];
  console.log(`  ${id.padEnd(10)}${cells.map((c) => c.padStart(16)).join('')}`);
}
await shim.close();
await wasmer.close();

type Parity = Awaited<ReturnType<WasmerHarness['parity']>>;
const browserRows: Record<string, Parity> = {};
const dev = await startDevServer();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await openHarness(page, dev.url);
  const parity = (target: string): Promise<Parity> => callHarness(page, 'parity', target, undefined);
  console.log(
    '  in Debian Chromium (second pass of each; all cases, both backends in one page; last column: wasmer worker restarts so far)',
  );
  for (const id of Object.keys(rows)) {
    await parity(id);
    const r = await parity(id);
    browserRows[id] = r;
    const cells = [
      String(r.cases),
      `${r.ms.shim.toFixed(0)} ms`,
      (r.ms.shim / r.cases).toFixed(3),
      `${r.ms.wasmer.toFixed(0)} ms`,
      (r.ms.wasmer / r.cases).toFixed(3),
      `${(r.ms.wasmer / r.ms.shim).toFixed(1)}×`,
      `${r.cases - r.wasmer.length}/${r.cases}`,
      String(r.restarts),
    ];
    console.log(`  ${id.padEnd(10)}${cells.map((c) => c.padStart(16)).join('')}`);
  }
} finally {
  await browser.close();
  await dev.server.close();
}
mkdirSync(join(buildDir, 'bench'), { recursive: true });
writeFileSync(join(buildDir, 'bench', 'runtimes.json'), JSON.stringify({ node: rows, chromium: browserRows }, null, 2));
