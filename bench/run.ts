/**
 * `npm run bench`: speed as ratios against a baseline measured in the same process. Not a test: nothing here fails
 * on a number. Results also go to build/bench/latest.json.
 *
 * uuidparse scoring: the per-test cost of scoring the full suite (oracle as candidate, Node worker pool) against
 * spawning Debian's native uuidparse once per test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { decodeTextOrBytes } from '../src/core/bytes.ts';
import { CONTRACT_ENV } from '../src/core/environment.ts';
import { scoreCandidate } from '../src/core/score.ts';
import { createNodePool } from '../src/node/node-pool.ts';
import { buildDir } from '../src/node/paths.ts';
import { loadBuiltTarget } from '../src/node/target-store.ts';

const ROUNDS = 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const built = loadBuiltTarget('uuidparse');
if (built.kind === 'error') {
  console.error(`bench: ${built.message}`);
  process.exit(2);
}
const { pack, oracle } = built.value;
const cases = [...pack.visible.map((v) => v.case), ...pack.hidden.map((h) => h.case)];
const n = cases.length;

const poolStart = performance.now();
const pool = createNodePool();
// The first scoring pays for worker start-up and module hand-over; reported separately.
const cold = performance.now();
await scoreCandidate({ pack, candidate: oracle, runner: pool });
const coldMs = performance.now() - cold;
const warm: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const t = performance.now();
  const report = await scoreCandidate({ pack, candidate: oracle, runner: pool });
  warm.push(performance.now() - t);
  if (!report.solved) throw new Error('the oracle did not score 100% against itself');
}
await pool.close();
const poolSetupMs = cold - poolStart;

const native = pack.target.native ?? '/usr/bin/uuidparse';
let nativeMs: number | undefined;
if (existsSync(native)) {
  const rounds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    for (const c of cases) {
      spawnSync(native, c.argv, {
        input: c.stdin === undefined ? undefined : decodeTextOrBytes(c.stdin),
        env: { ...CONTRACT_ENV, ...c.env },
      });
    }
    rounds.push(performance.now() - t);
  }
  nativeMs = median(rounds);
}

const warmMs = median(warm);
const rows = [
  ['uuidparse full suite', `${n} tests`],
  ['mirrorbox pool, warm (median of 5)', `${warmMs.toFixed(1)} ms total, ${(warmMs / n).toFixed(3)} ms/test`],
  [
    'mirrorbox pool, first scoring',
    `${coldMs.toFixed(1)} ms total, ${(coldMs / n).toFixed(3)} ms/test (+${poolSetupMs.toFixed(1)} ms pool set-up)`,
  ],
  [
    'native uuidparse, one spawnSync per test',
    nativeMs === undefined
      ? `not installed (${native})`
      : `${nativeMs.toFixed(1)} ms total, ${(nativeMs / n).toFixed(3)} ms/test`,
  ],
  [
    'ratio native / mirrorbox (warm)',
    nativeMs === undefined ? 'n/a' : `${(nativeMs / warmMs).toFixed(1)}× (goal ≥ 5×)`,
  ],
  ['ratio native / mirrorbox (first)', nativeMs === undefined ? 'n/a' : `${(nativeMs / coldMs).toFixed(1)}×`],
];
const width = Math.max(...rows.map((r) => (r[0] as string).length));
console.log(
  `mirrorbox bench — ${availableParallelism()} cores, pool of ${availableParallelism()} workers, Node ${process.version}`,
);
for (const [k, v] of rows) console.log(`  ${(k as string).padEnd(width)}  ${v}`);
mkdirSync(join(buildDir, 'bench'), { recursive: true });
writeFileSync(
  join(buildDir, 'bench', 'latest.json'),
  JSON.stringify(
    { tests: n, warmMs, coldMs, poolSetupMs, nativeMs, ratioWarm: nativeMs && nativeMs / warmMs },
    null,
    2,
  ),
);
