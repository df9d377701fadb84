/**
 * `npm run bench:languages` (part of `npm run bench`): what the candidate language costs, in the Node worker pool.
 * Not a test: nothing here fails on a number. Results also go to build/bench/languages.json.
 *
 * - per-test overhead of the smallest program that prints one line, per language (WASI C, JavaScript in QuickJS,
 *   Python in Pyodide with its memory restored every run), pool round trip included; ratios against the WASI run;
 * - the full uuidparse suite (visible + hidden) scored with the team's reference solution in each language, and with
 *   the oracle itself as the baseline, warm pool, median of ROUNDS.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { CONTRACT_EPOCH, contractEnv, instantToNs } from '../src/core/environment.ts';
import { DEFAULT_LIMITS } from '../src/core/limits.ts';
import type { Program } from '../src/core/run-request.ts';
import { scoreCandidate } from '../src/core/score.ts';
import { buildCandidate } from '../src/node/build-candidate.ts';
import { createNodePool } from '../src/node/node-pool.ts';
import { buildDir, repoRoot } from '../src/node/paths.ts';
import { loadBuiltTarget } from '../src/node/target-store.ts';
import { toolchainById } from '../toolchains/index.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RUNS = 200;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function build(lang: string, name: string, content: string): Promise<Program> {
  const toolchain = toolchainById(lang);
  if (!toolchain) throw new Error(`no toolchain ${lang}`);
  const built = await toolchain.build([{ name, content }]);
  if (built.kind !== 'ok') throw new Error(`${lang}: the one-line program does not build`);
  return built.program;
}

const smallest: [string, Program][] = [
  ['C (WASI)', await build('c', 'main.c', '#include <stdio.h>\nint main(void) { puts("1"); return 0; }\n')],
  ['JavaScript (QuickJS)', await build('js', 'main.js', 'console.log(1);\n')],
  ['Python (Pyodide)', await build('python', 'main.py', 'print(1)\n')],
];

const pool = createNodePool(1);
const overhead: Record<string, number> = {};
for (const [label, program] of smallest) {
  const request = {
    program,
    argv: ['bench'],
    env: contractEnv(),
    clockNs: instantToNs(CONTRACT_EPOCH) ?? 0n,
    seed: 1,
    limits: DEFAULT_LIMITS,
  };
  await pool.run(request); // engine start-up and hand-over, not overhead
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await pool.run(request);
    runs.push(performance.now() - t);
  }
  overhead[label] = median(runs);
}
await pool.close();

const target = loadBuiltTarget('uuidparse');
if (target.kind === 'error') throw new Error(target.message);
const { pack, oracle } = target.value;
const tests = pack.visible.length + pack.hidden.length;
const candidates: [string, Program][] = [['oracle (WASI, baseline)', oracle]];
for (const [label, folder, lang] of [
  ['C reference (WASI)', 'uuidparse-c', 'c'],
  ['TypeScript reference (QuickJS)', 'uuidparse-ts', 'ts'],
  ['Python reference (Pyodide)', 'uuidparse-py', 'python'],
] as const) {
  const built = await buildCandidate(`${repoRoot}tests/fixtures/solutions/${folder}`, lang);
  if (built.kind !== 'ok') throw new Error(`${label} does not build`);
  candidates.push([label, built.program]);
}
const suite: Record<string, { ms: number; solved: boolean }> = {};
const suitePool = createNodePool();
for (const [label, program] of candidates) {
  await scoreCandidate({ pack, candidate: program, runner: suitePool }); // warms every worker's engine
  const times: number[] = [];
  let solved = true;
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    const report = await scoreCandidate({ pack, candidate: program, runner: suitePool });
    times.push(performance.now() - t);
    solved &&= report.solved;
  }
  suite[label] = { ms: median(times), solved };
}
await suitePool.close();

console.log(`mirrorbox bench: candidate languages — ${availableParallelism()} cores, Node ${process.version}`);
const base = overhead['C (WASI)'] as number;
console.log(`  per-test overhead, one printed line, median of ${RUNS} (pool of 1, round trip included)`);
for (const [label, ms] of Object.entries(overhead))
  console.log(`    ${label.padEnd(32)}${ms.toFixed(2).padStart(8)} ms  ${(ms / base).toFixed(1).padStart(6)}× WASI`);
console.log(`  uuidparse full suite, ${tests} tests, warm pool of ${availableParallelism()}, median of ${ROUNDS}`);
const oracleMs = suite['oracle (WASI, baseline)']?.ms as number;
for (const [label, { ms, solved }] of Object.entries(suite))
  console.log(
    `    ${label.padEnd(32)}${ms.toFixed(0).padStart(8)} ms  ${(ms / tests).toFixed(2).padStart(6)} ms/test  ${(ms / oracleMs).toFixed(1).padStart(6)}× oracle  ${solved ? 'solved' : 'NOT solved'}`,
  );
mkdirSync(join(buildDir, 'bench'), { recursive: true });
writeFileSync(join(buildDir, 'bench', 'languages.json'), JSON.stringify({ tests, overhead, suite }, null, 2));

// The CLI runs script candidates in sandboxed child processes (src/node/sandbox/). Beside worker_threads, in
// alternating rounds (so that a machine busy with something else weighs on both alike): the start-up of one worker
// until its first result (for a child: prlimit, bwrap, node, the engine), the per-test overhead of the one-line
// program, and the uuidparse suite with each script reference solution.
const { createSandboxPool } = await import('../src/node/sandbox/sandbox-pool.ts');
const { probeBwrap } = await import('../src/node/sandbox/bwrap.ts');
const { stageEngineFiles } = await import('../src/node/sandbox/engine-files.ts');
const bwrap = probeBwrap(stageEngineFiles());
const isolation = bwrap.kind === 'available' ? 'bwrap' : 'permission';
type Way = 'threads' | 'sandboxed';
const ways: Way[] = ['threads', 'sandboxed'];
const poolOf = (way: Way, size: number) => {
  if (way === 'threads') return createNodePool(size);
  const made = createSandboxPool(size, isolation);
  if (typeof made === 'string') throw new Error(made);
  return made;
};
const side = () => ({ threads: [] as number[], sandboxed: [] as number[] });
const startUp: Record<string, ReturnType<typeof side>> = {};
const perTest: Record<string, ReturnType<typeof side>> = {};
for (const [label, program] of smallest.slice(1)) {
  const request = {
    program,
    argv: ['bench'],
    env: contractEnv(),
    clockNs: instantToNs(CONTRACT_EPOCH) ?? 0n,
    seed: 1,
    limits: DEFAULT_LIMITS,
  };
  const starts = (startUp[label] = side());
  const runs = (perTest[label] = side());
  for (let round = 0; round < ROUNDS; round++)
    for (const way of ways) {
      const t = performance.now();
      const fresh = poolOf(way, 1);
      await fresh.run(request);
      starts[way].push(performance.now() - t);
      const times: number[] = [];
      for (let i = 0; i < RUNS / 2; i++) {
        const s = performance.now();
        await fresh.run(request);
        times.push(performance.now() - s);
      }
      runs[way].push(median(times));
      await fresh.close();
    }
}
const scriptSuite: Record<string, ReturnType<typeof side>> = {};
const warm = {
  threads: poolOf('threads', availableParallelism()),
  sandboxed: poolOf('sandboxed', availableParallelism()),
};
for (const [label, program] of candidates.filter(([, p]) => p.kind === 'script')) {
  const times = (scriptSuite[label] = side());
  for (const way of ways) await scoreCandidate({ pack, candidate: program, runner: warm[way] });
  for (let round = 0; round < ROUNDS; round++)
    for (const way of ways) {
      const t = performance.now();
      const report = await scoreCandidate({ pack, candidate: program, runner: warm[way] });
      times[way].push(performance.now() - t);
      if (!report.solved) throw new Error(`${label} is not solved ${way}`);
    }
}
for (const way of ways) await warm[way].close();
const cell = (xs: number[], digits: number) => median(xs).toFixed(digits).padStart(8);
console.log(
  `  worker_threads vs sandboxed child processes (${isolation}${bwrap.kind === 'available' ? '' : `: ${bwrap.reason}`}), medians of ${ROUNDS} alternating rounds`,
);
console.log(`    ${''.padEnd(32)} threads  sandboxed`);
for (const [label, xs] of Object.entries(startUp))
  console.log(`    ${`start-up, ${label}`.padEnd(32)}${cell(xs.threads, 0)} ${cell(xs.sandboxed, 0)} ms`);
for (const [label, xs] of Object.entries(perTest))
  console.log(`    ${`per test, ${label}`.padEnd(32)}${cell(xs.threads, 2)} ${cell(xs.sandboxed, 2)} ms`);
for (const [label, xs] of Object.entries(scriptSuite))
  console.log(
    `    ${`suite, ${label}`.padEnd(32)}${cell(xs.threads, 0)} ${cell(xs.sandboxed, 0)} ms  (${(median(xs.threads) / tests).toFixed(2)} vs ${(median(xs.sandboxed) / tests).toFixed(2)} ms/test)`,
  );
writeFileSync(
  join(buildDir, 'bench', 'languages-sandbox.json'),
  JSON.stringify({ tests, isolation, startUp, perTest, suite: scriptSuite }, null, 2),
);
