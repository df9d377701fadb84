import { spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { WorkerPool, type SpawnedWorker } from '../../pool/worker-pool.ts';
import { childCommand, type ChildCommand, type Isolation } from './bwrap.ts';
import { stageEngineFiles } from './engine-files.ts';
import { framedEndpoint } from './ipc-endpoint.ts';

/** How much of a child's stderr is kept for a crash message: its last line, enough to say why it ended. */
const STDERR_TAIL = 2048;

/**
 * The worker pool with one sandboxed child process per slot (see bwrap.ts), for script candidates. The pool itself
 * is the same WorkerPool the worker_threads and the browser use: a run past its deadline or cancelled gets its
 * child killed and replaced, and a child that ends on its own (a program that reached `process.exit`) gives its
 * run a crash verdict at once. Returns a message when the children cannot be started at all.
 */
export function createSandboxPool(size: number, isolation: Isolation): WorkerPool | string {
  const command = childCommand(isolation, stageEngineFiles());
  if (typeof command === 'string') return command;
  return new WorkerPool(() => spawnChild(command), size);
}

export function spawnChild(command: ChildCommand): SpawnedWorker {
  const child = spawn(command.file, command.args, {
    env: command.env,
    // No stdout: a program that reached the child's own streams must not write into the CLI's output.
    // fd 3 is a plain socket pair, not Node's IPC channel: see framedEndpoint.
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    // Its own process group, killed as one (bwrap and the sandbox it holds).
    detached: true,
  });
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_TAIL);
  });
  let ended = false;
  child.on('exit', () => (ended = true));
  const kill = (): void => {
    if (ended || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  let malformed = '';
  const channel = child.stdio[3] as Duplex;
  const endpoint = framedEndpoint(channel, (why) => {
    malformed = `it sent ${why}`;
    kill();
  });
  return {
    endpoint,
    terminate: kill,
    onCrash(callback) {
      child.on('error', (e) => callback(e.message));
      // A program that closed the channel from inside can answer nothing more: the child is ended, and its exit
      // reports the crash.
      channel.on('close', kill);
      child.on('exit', (code, signal) => {
        const said = malformed || lastLine(tail);
        callback(`${signal ? `killed by ${signal}` : `exit ${code}`}${said ? `: ${said}` : ''}`);
      });
    },
  };
}

/** The last non-empty line of what a child wrote, as plain printable text (it may come from candidate code). */
function lastLine(text: string): string {
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0)
      .pop() ?? '';
  return line.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}
