import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../src/node/paths.ts';

/**
 * A real one-node Slurm cluster on loopback for tests: Debian's slurm-wlm and munge, installed when missing, with
 * every file (config, keys, sockets, state, spool, logs, pid files) in a temporary folder, so nothing of the
 * machine's own Slurm or MUNGE set-up is read or written. It runs as root without systemd or cgroups (a container):
 * process tracking by /proc (proctrack/linuxproc), no task plug-in, no accounting.
 */

export type Outcome<T> = { kind: 'ok'; value: T } | { kind: 'error'; message: string };

export interface CommandResult {
  code: number;
  out: string;
  err: string;
}

/** One array task's state as slurmctld reports it (PENDING, RUNNING, COMPLETED, CANCELLED, FAILED, …). */
export type TaskStates = Map<number, string>;

const TERMINAL = new Set(['COMPLETED', 'CANCELLED', 'FAILED', 'TIMEOUT', 'NODE_FAIL', 'PREEMPTED', 'OUT_OF_MEMORY']);

export const isTerminal = (state: string): boolean => TERMINAL.has(state);

/**
 * The cluster's daemons run as root (SlurmUser=root, and slurmd launches tasks as the submitting user): the tests
 * skip elsewhere. CI runs as root.
 */
export const runsAsRoot = process.getuid?.() === 0;

/** Installs slurm-wlm and munge through the project's apt helper (a no-op when both are installed). */
export function ensureSlurmInstalled(): Outcome<void> {
  const r = spawnSync(
    'bash',
    ['-c', 'source scripts/lib/apt-deps.sh && ensure_apt_packages slurm-wlm munge && command -v sbatch slurmctld'],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (r.status !== 0) return { kind: 'error', message: `installing slurm-wlm and munge failed:\n${r.stderr}` };
  return { kind: 'ok', value: undefined };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(command, args, { env, cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, out: stdout, err: stderr });
    });
  });
}

/** True while `pid` is a live process (a zombie counts as gone: it has exited and only awaits its parent). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Polls `check` until it yields a value, or fails with `what` after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Parses `scontrol show job -o` records of one array job into a state per task index. */
export function parseTaskStates(text: string): TaskStates {
  const states: TaskStates = new Map();
  for (const line of text.split('\n')) {
    const state = line.match(/\bJobState=(\S+)/)?.[1];
    const tasks = line.match(/\bArrayTaskId=(\S+)/)?.[1];
    if (!state || !tasks) continue;
    // Pending tasks come as one record: "2-3", "1,3,5-7", "0-9%2" (a throttle after the %).
    for (const part of (tasks.split('%')[0] ?? '').split(',')) {
      const range = part.match(/^(\d+)(?:-(\d+))?$/);
      if (!range) continue;
      const from = Number(range[1]);
      const to = range[2] === undefined ? from : Number(range[2]);
      for (let i = from; i <= to; i++) states.set(i, state);
    }
  }
  return states;
}

export class SlurmCluster {
  readonly dir: string;
  readonly conf: string;
  readonly cpus: number;
  /** The environment Slurm's commands need (SLURM_CONF), on top of this process's. */
  readonly env: NodeJS.ProcessEnv;
  #pids: string[];

  private constructor(dir: string, cpus: number, env: NodeJS.ProcessEnv) {
    this.dir = dir;
    this.conf = join(dir, 'slurm.conf');
    this.cpus = cpus;
    this.env = env;
    this.#pids = ['slurmd.pid', 'slurmctld.pid', 'munged.pid'].map((f) => join(dir, f));
  }

  /** Starts munged, slurmctld and slurmd; resolves once the node is idle and takes jobs. */
  static async start(): Promise<Outcome<SlurmCluster>> {
    const dir = mkdtempSync(join(tmpdir(), 'mirrorbox-slurm-'));
    // munged refuses a socket whose folder is not searchable by all.
    chmodSync(dir, 0o755);
    const cpus = availableParallelism();
    const env = { ...process.env, SLURM_CONF: join(dir, 'slurm.conf') };
    const cluster = new SlurmCluster(dir, cpus, env);
    const started = await cluster.#start();
    if (started.kind === 'error') {
      await cluster.stop();
      return started;
    }
    return { kind: 'ok', value: cluster };
  }

  async #start(): Promise<Outcome<void>> {
    const dir = this.dir;
    const key = join(dir, 'munge.key');
    writeFileSync(key, randomBytes(1024), { mode: 0o600 });
    const socket = join(dir, 'munge.socket');
    const munged = await run(
      'munged',
      [
        `--socket=${socket}`,
        `--key-file=${key}`,
        `--pid-file=${join(dir, 'munged.pid')}`,
        `--log-file=${join(dir, 'munged.log')}`,
        `--seed-file=${join(dir, 'munged.seed')}`,
      ],
      this.env,
    );
    if (munged.code !== 0) return { kind: 'error', message: `munged did not start: ${munged.err}` };
    const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
    for (const sub of ['state', 'spool']) mkdirSync(join(dir, sub));
    writeFileSync(
      this.conf,
      [
        'ClusterName=mirrorbox-test',
        'SlurmctldHost=localhost(127.0.0.1)',
        `SlurmctldPort=${ctldPort}`,
        `SlurmdPort=${slurmdPort}`,
        'SlurmUser=root',
        'SlurmdUser=root',
        'AuthType=auth/munge',
        'CredType=cred/munge',
        `AuthInfo=socket=${socket}`,
        `StateSaveLocation=${join(dir, 'state')}`,
        `SlurmdSpoolDir=${join(dir, 'spool')}`,
        `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
        `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
        `SlurmctldLogFile=${join(dir, 'slurmctld.log')}`,
        `SlurmdLogFile=${join(dir, 'slurmd.log')}`,
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_CPU',
        'MpiDefault=none',
        'SwitchType=switch/none',
        'ReturnToService=2',
        // A cancelled task gets SIGTERM, then SIGKILL this many seconds later.
        'KillWait=10',
        `NodeName=localhost NodeAddr=127.0.0.1 CPUs=${this.cpus} State=UNKNOWN`,
        'PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP',
        '',
      ].join('\n'),
    );
    const ctld = await run('slurmctld', ['-f', this.conf, '-L', join(dir, 'slurmctld.log'), '-i'], this.env);
    if (ctld.code !== 0) return { kind: 'error', message: `slurmctld did not start: ${ctld.err}${this.logs()}` };
    const slurmd = await run('slurmd', ['-f', this.conf, '-L', join(dir, 'slurmd.log'), '-N', 'localhost'], this.env);
    if (slurmd.code !== 0) return { kind: 'error', message: `slurmd did not start: ${slurmd.err}${this.logs()}` };
    try {
      await until(
        'the node to be idle',
        async () => {
          const r = await this.command('sinfo', ['-h', '-N', '-o', '%T']);
          return r.code === 0 && r.out.trim() === 'idle' ? true : undefined;
        },
        60_000,
      );
    } catch (error) {
      return { kind: 'error', message: `${String(error)}${this.logs()}` };
    }
    return { kind: 'ok', value: undefined };
  }

  /** The daemons' logs, for a failure message. */
  logs(): string {
    return ['slurmctld.log', 'slurmd.log', 'munged.log']
      .map((name) => {
        const file = join(this.dir, name);
        if (!existsSync(file)) return '';
        const lines = readFileSync(file, 'utf8').split('\n');
        return `\n--- ${name} (last lines)\n${lines.slice(-30).join('\n')}`;
      })
      .join('');
  }

  /** Runs one of Slurm's commands against this cluster. */
  command(name: string, args: string[], cwd?: string, env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
    return run(name, args, { ...this.env, ...env }, cwd);
  }

  /** `sbatch --parsable ARGS`: the job id, or the error sbatch gave. */
  async sbatch(args: string[], cwd?: string, env: NodeJS.ProcessEnv = {}): Promise<Outcome<string>> {
    const r = await this.command('sbatch', ['--parsable', ...args], cwd, env);
    if (r.code !== 0) return { kind: 'error', message: `sbatch ${args.join(' ')} failed (${r.code}): ${r.err}` };
    return { kind: 'ok', value: r.out.trim().split(';')[0] ?? '' };
  }

  async taskStates(jobId: string): Promise<TaskStates> {
    const r = await this.command('scontrol', ['show', 'job', '-o', jobId]);
    return r.code === 0 ? parseTaskStates(r.out) : new Map();
  }

  /** A job's state (of a job that is not an array), or undefined when slurmctld does not know it. */
  async jobState(jobId: string): Promise<string | undefined> {
    const r = await this.command('scontrol', ['show', 'job', '-o', jobId]);
    return r.code === 0 ? r.out.match(/\bJobState=(\S+)/)?.[1] : undefined;
  }

  /** Polls a job's state until it has ended; its final state. */
  waitForJob(jobId: string, timeoutMs: number): Promise<string> {
    return until(
      `job ${jobId} to end`,
      async () => {
        const state = await this.jobState(jobId);
        return state !== undefined && isTerminal(state) ? state : undefined;
      },
      timeoutMs,
    );
  }

  /** Polls the array job's task states until `done` holds for them (default: all `count` tasks ended). */
  waitForTasks(
    jobId: string,
    count: number,
    timeoutMs: number,
    done: (states: TaskStates) => boolean = (s) => s.size === count && [...s.values()].every(isTerminal),
  ): Promise<TaskStates> {
    return until(
      `tasks of job ${jobId}`,
      async () => {
        const states = await this.taskStates(jobId);
        return done(states) ? states : undefined;
      },
      timeoutMs,
    );
  }

  /**
   * Cancels every job, then stops slurmd, slurmctld and munged (the processes this cluster started, by their pid
   * files) and waits until they are gone. Safe to call on a cluster that failed half-way through starting.
   */
  async stop(): Promise<void> {
    if (existsSync(join(this.dir, 'slurmctld.pid'))) {
      await this.command('scancel', ['--user', 'root']);
      // Tasks get SIGTERM, then SIGKILL after KillWait: wait for them, so no job process outlives the cluster.
      await until(
        'every job to leave the queue',
        async () => {
          const r = await this.command('squeue', ['-h', '-o', '%i %T']);
          return r.code !== 0 || r.out.trim() === '' ? true : undefined;
        },
        60_000,
      ).catch(() => undefined);
    }
    for (const file of this.#pids) {
      if (!existsSync(file)) continue;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (!Number.isInteger(pid) || pid <= 1 || !alive(pid)) continue;
      process.kill(pid, 'SIGTERM');
      try {
        await until(`pid ${pid} (${file}) to exit`, () => (alive(pid) ? undefined : true), 30_000, 100);
      } catch {
        if (alive(pid)) process.kill(pid, 'SIGKILL');
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
