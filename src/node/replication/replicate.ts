import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedRun, Provenance } from '../../agent/report/matrix.ts';
import { repoRoot } from '../paths.ts';
import { LOG_FILE, REPLICATE_FILE, runStateOf } from './run-state.ts';

/** One run of the matrix as replicate starts it: the plan, the agent's flags, and what replicate.json records. */
export interface ReplicationRun extends PlannedRun {
  bucket: string;
  role?: string;
  provenance: Provenance;
  /** `mirrorbox agent` flags for a new run, after `<target>`; a resumed run takes its own from its folder. */
  agentFlags: string[];
}

export type RunOutcome =
  | { kind: 'skipped'; run: ReplicationRun }
  | { kind: 'finished'; run: ReplicationRun; solved: boolean; stop: string; resumed: boolean }
  | { kind: 'unfinished'; run: ReplicationRun; reason: string };

export interface ReplicateOptions {
  out: string;
  runs: readonly ReplicationRun[];
  jobs: number;
  /** Stops starting runs and asks the running ones to checkpoint and stop. */
  signal: AbortSignal;
  onLine: (line: string) => void;
}

/** What replicate.json holds in each run folder, so a folder moved elsewhere still says what it is. */
export function replicateRecord(run: ReplicationRun): object {
  return {
    id: run.id,
    index: run.index,
    target: run.target,
    lang: run.lang,
    provider: run.provider,
    model: run.model,
    epoch: run.epoch,
    bucket: run.bucket,
    ...(run.role !== undefined ? { role: run.role } : {}),
    provenance: run.provenance,
  };
}

/** Writes a file another process on another node may write at the same time with the same bytes: temp and rename. */
export function writeShared(path: string, text: string): void {
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/**
 * Runs the given runs, `jobs` at a time, each as its own `mirrorbox agent` process (a crash loses that run's
 * unsaved step only): finished runs are skipped, runs with a checkpoint resumed, the others started.
 */
export async function replicate(options: ReplicateOptions): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = new Array<RunOutcome>(options.runs.length);
  let next = 0;
  const total = options.runs.length;
  const worker = async (): Promise<void> => {
    while (next < total && !options.signal.aborted) {
      const at = next++;
      const run = options.runs[at] as ReplicationRun;
      outcomes[at] = await runOne(run, `[${at + 1}/${total}]`, options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, total)) }, worker));
  for (let i = 0; i < total; i++)
    outcomes[i] ??= { kind: 'unfinished', run: options.runs[i] as ReplicationRun, reason: 'not started (stopped)' };
  return outcomes;
}

async function runOne(run: ReplicationRun, tag: string, options: ReplicateOptions): Promise<RunOutcome> {
  const dir = join(options.out, run.id);
  const before = runStateOf(dir);
  if (before.kind === 'finished') {
    options.onLine(`${tag} ${run.id}: already finished (${before.solved ? 'solved' : before.stop})`);
    return { kind: 'skipped', run };
  }
  mkdirSync(dir, { recursive: true });
  const record = `${JSON.stringify(replicateRecord(run), null, 2)}\n`;
  const recordPath = join(dir, REPLICATE_FILE);
  if (!existsSync(recordPath) || readFileSync(recordPath, 'utf8') !== record) writeShared(recordPath, record);

  const resumed = before.kind === 'resumable';
  const args = resumed
    ? ['agent', '--resume', dir, '--json']
    : ['agent', run.target, ...run.agentFlags, '--out', dir, '--json'];
  options.onLine(`${tag} ${run.id}: ${resumed ? `resuming (${before.why})` : 'starting'}`);
  const exit = await spawnAgent(args, join(dir, LOG_FILE), options.signal);

  const after = runStateOf(dir);
  if (after.kind === 'finished') {
    options.onLine(`${tag} ${run.id}: ${after.solved ? 'solved' : `not solved (stop ${after.stop})`}`);
    return { kind: 'finished', run, solved: after.solved, stop: after.stop, resumed };
  }
  const reason = `${exit}${lastLine(join(dir, LOG_FILE))}`;
  options.onLine(`${tag} ${run.id}: not finished: ${reason}`);
  return { kind: 'unfinished', run, reason };
}

/**
 * The agent in a process group of its own, so a terminal's ^C reaches only replicate, which passes one SIGTERM on
 * (the agent's first signal checkpoints and stops; a second would end it at once).
 */
function spawnAgent(args: string[], logPath: string, signal: AbortSignal): Promise<string> {
  const log = openSync(logPath, 'a');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/mirrorbox.mjs'), ...args], {
      cwd: repoRoot,
      stdio: ['ignore', log, log],
      detached: true,
    });
    closeSync(log);
    const stop = (): void => void child.kill('SIGTERM');
    signal.addEventListener('abort', stop, { once: true });
    child.on('error', (e) => {
      signal.removeEventListener('abort', stop);
      resolve(`could not start the agent: ${e.message}`);
    });
    child.on('close', (code, sig) => {
      signal.removeEventListener('abort', stop);
      resolve(sig ? `the agent was killed by ${sig}` : `the agent exited ${code}`);
    });
  });
}

/** The log's last non-empty line (the agent's reason, when it gave one), as ": line". */
function lastLine(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return '';
  }
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('mirrorbox agent: the run is in') && !l.startsWith('{'));
  const last = lines.at(-1);
  return last ? `: ${last.length > 200 ? `${last.slice(0, 199)}…` : last}` : '';
}
