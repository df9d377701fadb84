/**
 * `mirrorbox replicate` and `mirrorbox report` through the real CLI, against the team's scripted Anthropic server:
 * a 2 targets × 1 model × 2 epochs matrix run 2 at a time, stopped half-way (SIGTERM while a model turn hangs) and
 * resumed, then a crash simulated (a result deleted, a run folder deleted) and resumed; the same matrix as shards
 * 0/2 and 1/2 in two other folders gives, merged, the same report bytes as the unsharded run.
 *
 * The scripted agent only reads the docs and asks the oracle, and the budget stops it after 3 tool calls before it
 * writes a file, so no run scores a candidate: each run is a few seconds.
 */
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allBytes, byModel, KEY, resultOf, runCli, spawnCli, turnOf, type Call } from '../agent/cli-harness.ts';
import { startAnthropicServer } from '../agent/servers/anthropic-server.ts';
import type { RecordedRequest, ScriptedServer, ScriptedTurn } from '../agent/servers/scripted-server.ts';

const root = mkdtempSync(join(tmpdir(), 'mirrorbox-replicate-'));
let server: ScriptedServer;
/** Set by the test that stops a run half-way: the next cal request after the first turn hangs. */
let stallNext = false;

const UUIDPARSE: Call[][] = [[['docs', {}]], [['oracle', { args: ['-h'] }]], [['oracle', { args: [] }]]];
const CAL: Call[][] = [[['docs', {}]], [['oracle', { args: ['2024'] }]]];

function walker(request: RecordedRequest, n: number): ScriptedTurn {
  const cal = request.rawBody.includes('`cal`');
  if (cal && n === 1 && stallNext) {
    stallNext = false;
    return { stallAfter: 1 };
  }
  const list = cal ? CAL : UUIDPARSE;
  return turnOf(
    list[Math.min(n, list.length - 1)] ?? [],
    n,
    cal ? { input: 200, output: 50 } : { input: 100, output: 20 },
  );
}

const RUNS = [
  'cal-python-anthropic_walker-e1',
  'cal-python-anthropic_walker-e2',
  'uuidparse-python-anthropic_walker-e1',
  'uuidparse-python-anthropic_walker-e2',
];

const env = { ANTHROPIC_API_KEY: KEY };
const matrix = (out: string, extra: string[] = []): string[] => [
  'replicate',
  '--targets',
  'uuidparse,cal',
  '--lang',
  'python',
  '--models',
  'anthropic:walker',
  '--epochs',
  '2',
  '--base-url',
  server.url,
  '--max-tool-calls',
  '3',
  '--price',
  '3,15,0.3,3.75',
  '--out',
  out,
  ...extra,
];

const runFolders = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'replicate.json')))
    .sort();

beforeAll(async () => {
  server = await startAnthropicServer(byModel({ walker }, 5000), { apiKey: KEY });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('mirrorbox replicate', { timeout: 300_000 }, () => {
  const whole = join(root, 'whole');

  it('refuses a shard index outside 0..N-1 and a missing key, in one line, before running anything', async () => {
    const shard = await runCli(matrix(join(root, 'bad'), ['--shard', '2/2']), env);
    expect(shard.code).toBe(2);
    expect(shard.err).toBe('mirrorbox replicate: --shard I/N counts I from 0 to N-1, got 2/2\n');
    const key = await runCli(matrix(join(root, 'bad')));
    expect(key.code).toBe(2);
    expect(key.err.trim().split('\n')).toHaveLength(1);
    expect(key.err).toContain('ANTHROPIC_API_KEY');
    expect(existsSync(join(root, 'bad'))).toBe(false);
  });

  it('stopped half-way (SIGTERM while a model turn hangs), it exits 1; run again, it resumes and finishes', async () => {
    stallNext = true;
    const first = spawnCli(matrix(whole, ['--jobs', '2']), env);
    await server.whenStalled(1);
    first.kill('SIGTERM');
    const stopped = await first.done;
    expect(stopped.code, stopped.err).toBe(1);
    expect(stopped.err).toMatch(/did not finish .*run the same command again to resume/);
    const cancelled = RUNS.filter((id) => existsSync(join(whole, id, 'result.json')))
      .map((id) => resultOf(join(whole, id)))
      .filter((r) => r.stop === 'cancelled');
    expect(cancelled.length).toBeGreaterThanOrEqual(1);

    const again = await runCli(matrix(whole, ['--jobs', '2']), env);
    expect(again.code, again.err).toBe(0);
    expect(again.err).toMatch(/cal-python-anthropic_walker-e\d: resuming/);
    expect(runFolders(whole)).toEqual(RUNS);
    for (const id of RUNS)
      expect(resultOf(join(whole, id))).toMatchObject({ stop: 'budget', budget: 'tool-calls', toolCalls: 3 });
    expect(JSON.parse(readFileSync(join(whole, 'matrix.json'), 'utf8'))).toMatchObject({
      runs: RUNS.map((id, index) => ({ id, index, provenance: 'scripted', bucket: 'S' })),
    });
    expect(allBytes(whole)).not.toContain(KEY);
  });

  it('after a crash (a result and a whole run folder lost), it skips what finished and redoes only the rest', async () => {
    const [calE1, , uuidE1, uuidE2] = RUNS as [string, string, string, string];
    const { ms: _ms, ...before } = resultOf(join(whole, uuidE1));
    rmSync(join(whole, uuidE1, 'result.json'));
    rmSync(join(whole, uuidE2), { recursive: true });
    const run = await runCli(matrix(whole, ['--jobs', '2']), env);
    expect(run.code, run.err).toBe(0);
    expect(run.err).toContain(`${calE1}: already finished`);
    expect(run.err).toContain(`${uuidE1}: resuming (checkpoint)`);
    expect(run.err).toContain(`${uuidE2}: starting`);
    expect(run.out).toBe('4 runs: 2 finished now (0 solved), 2 finished before, 0 not finished\n');
    const { ms: _again, ...after } = resultOf(join(whole, uuidE1));
    expect(after).toEqual(before);
  });

  it('shards 0/2 and 1/2 in two folders split the matrix, and merged they report the same bytes', async () => {
    const [a, b] = [join(root, 'shard0'), join(root, 'shard1')];
    const shards = await Promise.all([
      runCli(matrix(a, ['--shard', '0/2']), env),
      runCli(matrix(b, ['--shard', '1/2']), env),
    ]);
    for (const s of shards) expect(s.code, s.err).toBe(0);
    expect(runFolders(a)).toEqual([RUNS[0], RUNS[2]]);
    expect(runFolders(b)).toEqual([RUNS[1], RUNS[3]]);
    expect(readFileSync(join(a, 'matrix.json'), 'utf8')).toBe(readFileSync(join(whole, 'matrix.json'), 'utf8'));

    const report = async (dirs: string[], name: string): Promise<{ md: string; html: string }> => {
      const [md, html] = [join(root, `${name}.md`), join(root, `${name}.html`)];
      const r = await runCli(['report', ...dirs, '--no-time', '--md', md, '--html', html]);
      expect(r.code, r.err).toBe(0);
      return { md: readFileSync(md, 'utf8'), html: readFileSync(html, 'utf8') };
    };
    const unsharded = await report([whole], 'whole');
    const merged = await report([b, a], 'merged');
    expect(merged.md).toBe(unsharded.md);
    expect(merged.html).toBe(unsharded.html);

    // Hand-computed: uuidparse runs 3 turns of 100 in / 20 out, cal runs 3 turns of 200 / 50; at $3 / $15 per
    // million: (2·300 + 2·600)·3 + (2·60 + 2·150)·15 = 5400 + 6300 µ$ = $0.0117.
    expect(unsharded.md).toContain(
      '| anthropic:walker | python | 4 | scripted | 0 / 2 | 0.0% | 0.0% (0/4) | — | — | 1,800 / 420 | $0.0117 | budget (tool-calls) 4 |',
    );
    expect(unsharded.md).toContain('4 run folders found, 4 planned in matrix.json; 4 counted');
    expect(unsharded.html).toContain('uPlot');

    // The same run found twice (the unsharded folder and a shard) counts once; they differ only in wall time.
    const both = await runCli(['report', whole, a, b, '--no-time']);
    expect(both.out).toBe(unsharded.md);

    // Damaged folders are listed, not skipped: a torn result.json, a trajectory with a torn line in the middle.
    writeFileSync(join(a, RUNS[0] as string, 'result.json'), '{"target": "cal", "sol');
    const trajectoryFile = join(b, RUNS[1] as string, 'trajectory.jsonl');
    const torn = readFileSync(trajectoryFile, 'utf8').split('\n').length;
    appendFileSync(trajectoryFile, '{"seq": 99, "ki\n{"seq": 100, "kind": "stop"}\n');
    const damaged = await runCli(['report', a, b, '--no-time']);
    expect(damaged.code, damaged.err).toBe(0);
    expect(damaged.out).toContain('4 run folders found, 4 planned in matrix.json; 3 counted');
    expect(damaged.out).toContain(`| ${RUNS[0]} | result corrupt | result.json: not JSON (`);
    expect(damaged.out).toContain(
      `| ${RUNS[1]} | trajectory corrupt | trajectory.jsonl: line ${torn} is not JSON; counted in the tables, left out of the curves | yes |`,
    );
  });
});
