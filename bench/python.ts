/**
 * `npx tsx bench/python.ts`: Python (Pyodide) costs in the Node worker pool. Not a test: nothing here fails on a
 * number. Worker start-up (Pyodide load + memory snapshot), per-test overhead with full isolation (the interpreter's
 * memory restored before every run), and the full uuidparse suite with the reference solution.
 */
import { CONTRACT_EPOCH, contractEnv, instantToNs } from '../src/core/environment.ts';
import { DEFAULT_LIMITS } from '../src/core/limits.ts';
import { scoreCandidate } from '../src/core/score.ts';
import { buildCandidate } from '../src/node/build-candidate.ts';
import { createNodePool } from '../src/node/node-pool.ts';
import { repoRoot } from '../src/node/paths.ts';
import { loadBuiltTarget } from '../src/node/target-store.ts';
import { pythonToolchain } from '../toolchains/python/adapter.ts';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const built = await pythonToolchain.build([{ name: 'main.py', content: 'print(1)\n' }]);
if (built.kind !== 'ok') throw new Error('print(1) does not build');
const request = {
  program: built.program,
  argv: ['bench'],
  env: contractEnv(),
  clockNs: instantToNs(CONTRACT_EPOCH) ?? 0n,
  seed: 1,
  limits: DEFAULT_LIMITS,
};

const pool = createNodePool(1);
let t = performance.now();
await pool.run(request);
const coldMs = performance.now() - t;
const runs: number[] = [];
for (let i = 0; i < 200; i++) {
  t = performance.now();
  await pool.run(request);
  runs.push(performance.now() - t);
}
await pool.close();

const target = loadBuiltTarget('uuidparse');
if (target.kind === 'error') throw new Error(target.message);
const { pack } = target.value;
const candidate = await buildCandidate(`${repoRoot}tests/fixtures/solutions/uuidparse-py`, 'python');
if (candidate.kind !== 'ok') throw new Error('the uuidparse reference solution does not build');
const suitePool = createNodePool();
await scoreCandidate({ pack, candidate: candidate.program, runner: suitePool }); // warms every worker
t = performance.now();
const report = await scoreCandidate({ pack, candidate: candidate.program, runner: suitePool });
const suiteMs = performance.now() - t;
await suitePool.close();
const tests = pack.visible.length + pack.hidden.length;

console.log(`python cold start (first run in a fresh worker): ${coldMs.toFixed(0)} ms`);
console.log(
  `python per-test overhead, print(1), memory restore + pool round trip: median ${median(runs).toFixed(2)} ms`,
);
console.log(
  `python uuidparse suite (${tests} tests, warm pool): ${suiteMs.toFixed(0)} ms, ${(suiteMs / tests).toFixed(2)} ms/test, solved: ${String(report.solved)}`,
);
