/**
 * Scale-out on a real Slurm cluster (one node, on loopback): a 4-run matrix (uuidparse in TypeScript, a scripted solver
 * and a scripted wrong guesser, two epochs each) submitted with deploy/slurm/submit.sh as a 4-task job array against
 * the team's scripted OpenAI server. One task is cancelled (scancel of its index) while its run waits on the model;
 * submitting the same command again skips the three finished runs and resumes the fourth. The runs then equal those
 * of an unsharded `mirrorbox replicate` of the same matrix on this machine, and the provider key is nowhere in
 * Slurm's state, spool or logs, nor in the run folders. The report job queued after the array writes the merged
 * report, and without wall times it is byte-identical to the report of an unsharded `mirrorbox replicate`.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/node/paths.ts';
import type { Report } from '../../src/agent/report/report.ts';
import { runStateOf } from '../../src/node/replication/run-state.ts';
import { byModel, turnOf, type Call } from '../agent/cli-harness.ts';
import { startOpenAIServer } from '../agent/servers/openai-server.ts';
import type { ScriptedServer, ScriptedTurn } from '../agent/servers/scripted-server.ts';
import { ensureSlurmInstalled, isTerminal, runsAsRoot, SlurmCluster, type TaskStates } from './slurm-cluster.ts';

const KEY = 'test-key-not-real-slurm-7f3a91';
// TypeScript, not Python: QuickJS scores uuidparse's 600 tests several times faster than Python does.
const solutionDir = join(repoRoot, 'tests/fixtures/solutions/uuidparse-ts');
const solution: Call[] = readdirSync(solutionDir)
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .map((name) => ['write_file', { path: name, content: readFileSync(join(solutionDir, name), 'utf8') }]);
const UUID = '8a6d2f8e-5b5e-11ee-8c99-0242ac120002';
const SOLVE: Call[][] = [
  [['docs', {}]],
  [['oracle', { args: ['-J', UUID] }]],
  solution,
  [['run', { args: ['-J', UUID] }]],
  [['submit', {}]],
];
const GUESS: Call[][] = [[['write_file', { path: 'main.ts', content: '// prints nothing\n' }]], [['submit', {}]]];
/** The solver's turn that, once, holds its response open: the run waits on the model until its task is cancelled. */
const STALL_TURN = 3;

const root = mkdtempSync(join(tmpdir(), 'mirrorbox-slurm-replicate-'));
const sharded = join(root, 'sharded');
const local = join(root, 'local');
const keysFile = join(root, 'keys.env');
let cluster: SlurmCluster | undefined;
let server: ScriptedServer;
let stallArmed = false;

const scriptOf =
  (list: Call[][], stall = false) =>
  (_request: unknown, n: number): ScriptedTurn => {
    const turn = turnOf(list[Math.min(n, list.length - 1)] ?? [], n);
    if (stall && n === STALL_TURN && stallArmed) {
      stallArmed = false;
      return { ...turn, stallAfter: 1 };
    }
    return turn;
  };

beforeAll(async () => {
  if (!runsAsRoot) return;
  const installed = ensureSlurmInstalled();
  if (installed.kind === 'error') throw new Error(installed.message);
  server = await startOpenAIServer(byModel({ solver: scriptOf(SOLVE, true), guesser: scriptOf(GUESS) }), {
    apiKey: KEY,
  });
  const started = await SlurmCluster.start();
  if (started.kind === 'error') throw new Error(started.message);
  cluster = started.value;
  writeFileSync(keysFile, `# the scripted server's key\nOPENAI_API_KEY=${KEY}\n`, { mode: 0o600 });
}, 600_000);

afterAll(async () => {
  await cluster?.stop();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
}, 120_000);

const matrixArgs = (out: string): string[] => [
  '--targets',
  'uuidparse',
  '--lang',
  'ts',
  '--models',
  'openai:solver,openai:guesser',
  '--epochs',
  '2',
  '--base-url',
  `${server.url}/v1`,
  '--max-tool-calls',
  '20',
  '--out',
  out,
];

interface Exit {
  code: number | null;
  out: string;
  err: string;
}

/** A process run asynchronously, so the scripted server in this process keeps answering while it runs. */
function exec(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/**
 * deploy/slurm/submit.sh with 4 shards; the job ids it prints, by name. Submitted from a shell that also has the key
 * in its environment, as a user's often does: sbatch would store it in slurmctld's state, submit.sh must keep it out.
 */
async function submit(c: SlurmCluster, extra: string[] = []): Promise<Record<string, string>> {
  const r = await exec(
    'bash',
    [
      join(repoRoot, 'deploy/slurm/submit.sh'),
      '--shards',
      '4',
      '--keys-file',
      keysFile,
      ...extra,
      '--',
      ...matrixArgs(sharded),
    ],
    { ...c.env, OPENAI_API_KEY: KEY },
  );
  expect(r.code, r.err).toBe(0);
  return Object.fromEntries(
    r.out
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
}

/** `mirrorbox report DIRS --md --json`: the two files' text. */
async function reportBytes(dirs: string[], extra: string[] = []): Promise<{ md: string; json: string }> {
  const dir = mkdtempSync(join(root, 'report-'));
  const [md, json] = [join(dir, 'report.md'), join(dir, 'report.json')];
  const args = [join(repoRoot, 'bin/mirrorbox.mjs'), 'report', ...dirs, '--md', md, '--json', json, ...extra];
  const r = await exec(process.execPath, args, process.env);
  expect(r.code, r.err).toBe(0);
  return { md: readFileSync(md, 'utf8'), json: readFileSync(json, 'utf8') };
}

const report = async (dirs: string[]): Promise<Report> => JSON.parse((await reportBytes(dirs)).json) as Report;

/** The four runs' result.json, by run folder, without the wall time (the one field that differs between machines). */
function results(out: string): Record<string, unknown> {
  const by: Record<string, unknown> = {};
  for (const id of readdirSync(out).sort()) {
    const file = join(out, id, 'result.json');
    if (!existsSync(file)) continue;
    const { ms: _ms, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    by[id] = rest;
  }
  return by;
}

/** Every task log of `job` there is, for a failure message. */
function taskLogs(job: string): string {
  const dir = join(sharded, 'slurm-logs');
  return readdirSync(dir)
    .filter((name) => name.startsWith(`replicate-${job}_`))
    .sort()
    .map((name) => `--- ${name}\n${readFileSync(join(dir, name), 'utf8')}`)
    .join('\n');
}

const taskLog = (job: string, index: number): string =>
  readFileSync(join(sharded, 'slurm-logs', `replicate-${job}_${index}.out`), 'utf8');

/** Every regular file under `dir`, as text (latin1, so any ASCII key shows); sockets and links are skipped. */
function allBytes(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const stat = lstatSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) parts.push(readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return parts.join('\n');
}

const RUNS = [
  'uuidparse-ts-openai_guesser-e1',
  'uuidparse-ts-openai_guesser-e2',
  'uuidparse-ts-openai_solver-e1',
  'uuidparse-ts-openai_solver-e2',
];

describe.skipIf(!runsAsRoot)('mirrorbox replicate as a Slurm job array', { timeout: 900_000 }, () => {
  it('a cancelled task loses only its own run, which the next submission resumes', async () => {
    const c = cluster!;
    stallArmed = true;
    const first = await submit(c, ['--no-report']);
    const job = first.replicate as string;
    // Three tasks end; the fourth waits on its stalled model turn. (Or every task ends: then something failed, and
    // the states and logs say what.)
    const ended = (s: TaskStates): number => [...s.values()].filter(isTerminal).length;
    const states = await c.waitForTasks(job, 4, 600_000, (s) => s.size === 4 && ended(s) >= 3);
    const sorted = [...states.entries()].sort(([a], [b]) => a - b);
    expect(sorted.map(([, state]) => state).sort(), `${JSON.stringify(sorted)}\n${taskLogs(job)}`).toEqual([
      'COMPLETED',
      'COMPLETED',
      'COMPLETED',
      'RUNNING',
    ]);
    await server.whenStalled(1);
    const stalled = sorted.find(([, state]) => state === 'RUNNING')?.[0] as number;
    const cancel = await c.command('scancel', [`${job}_${stalled}`]);
    expect(cancel.code, cancel.err).toBe(0);
    await server.whenStallClosed(1);
    const after: TaskStates = await c.waitForTasks(job, 4, 120_000);
    expect(after.get(stalled), c.logs()).toBe('CANCELLED');
    const finished = RUNS.filter((id) => runStateOf(join(sharded, id)).kind === 'finished');
    expect(finished).toHaveLength(3);
    const [lost] = RUNS.filter((id) => !finished.includes(id)) as [string];
    expect(lost).toMatch(/solver/);
    expect(runStateOf(join(sharded, lost)).kind).toBe('resumable');
    expect(taskLog(job, stalled)).toContain(`shard ${stalled}/4`);
    // The report of what stands says so: three runs counted, the lost one listed as not finished.
    const partial = await report([sharded]);
    expect([partial.planned, partial.found, partial.counted]).toEqual([4, 4, 3]);
    expect(partial.problems.map((p) => [p.id, p.counted])).toEqual([[lost, false]]);

    // The same command again: finished runs are skipped, the cancelled one resumes from its checkpoint; the report
    // job runs once the array has ended.
    const again = await submit(c);
    const second = await c.waitForTasks(again.replicate as string, 4, 600_000);
    expect(
      [...second.values()].every((s) => s === 'COMPLETED'),
      `${c.logs()}\n${taskLogs(again.replicate as string)}`,
    ).toBe(true);
    expect(await c.waitForJob(again.report as string, 300_000), c.logs()).toBe('COMPLETED');
    for (const i of [0, 1, 2, 3]) {
      const log = taskLog(again.replicate as string, i);
      expect(log).toMatch(i === stalled ? /: resuming \(/ : /: already finished/);
    }
    expect(RUNS.every((id) => runStateOf(join(sharded, id)).kind === 'finished')).toBe(true);
  });

  it('the merged report equals the report of an unsharded local run of the same matrix', async () => {
    const env = { ...process.env, OPENAI_API_KEY: KEY };
    const r = await exec(
      process.execPath,
      [join(repoRoot, 'bin/mirrorbox.mjs'), 'replicate', ...matrixArgs(local), '--jobs', '2'],
      env,
    );
    expect(r.code, r.err).toBe(0);
    const mine = results(local);
    expect(Object.keys(mine)).toEqual(RUNS);
    expect(results(sharded)).toEqual(mine);
    // Without wall times (the one figure two runs of a scripted matrix differ in), the reports are the same bytes.
    const [fromShards, fromLocal] = await Promise.all([
      reportBytes([sharded], ['--no-time']),
      reportBytes([local], ['--no-time']),
    ]);
    expect(fromShards.md).toBe(fromLocal.md);
    expect(fromShards.json).toBe(fromLocal.json);
    const merged = JSON.parse(fromShards.json) as Report;
    expect([merged.planned, merged.counted, merged.scripted, merged.problems.length]).toEqual([4, 4, 4, 0]);
    expect(merged.rows.map((row) => [row.model, row.provenance, row.runs, row.solveRate])).toEqual([
      ['guesser', 'scripted', 2, 0],
      ['solver', 'scripted', 2, 1],
    ]);
    // The report job's own files are the report of the folder as it now stands.
    const now = await reportBytes([sharded]);
    expect(readFileSync(join(sharded, 'report.json'), 'utf8')).toBe(now.json);
    expect(readFileSync(join(sharded, 'report.md'), 'utf8')).toBe(now.md);
    expect(readFileSync(join(sharded, 'report.html'), 'utf8')).toContain('uPlot');
  });

  it('the provider key is in no Slurm state, spool or log file, nor in any run folder', () => {
    const c = cluster!;
    expect(allBytes(c.dir)).not.toContain(KEY);
    expect(allBytes(sharded)).not.toContain(KEY);
  });
});
