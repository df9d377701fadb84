import type { Process, Wasmer } from '@wasmer/sdk';
import { TRAP_EXIT_CODE } from '../../core/environment.ts';
import type { Program, RunRequest } from '../../core/run-request.ts';
import { noOutput, type Captured, type RunResult } from '../../core/run-result.ts';
import type { RunOptions, Runner } from '../../core/runner.ts';
import { notReady } from '../shim/not-ready.ts';
import { CappedStream } from './capped-stream.ts';
import { trapMessage } from './guest-failure.ts';
import { ContractPackages } from './contract-packages.ts';
import type { Rewritten } from './guest-rewrite.ts';
import { FILE_SIGNAL, takeMemorySignal, takeSignal } from './memory-signal.ts';
import { RunGate } from './run-gate.ts';
import { changedFiles, WORKSPACE, workspaceFiles } from './workspace-files.ts';

/**
 * The SDK's own `timeoutMs` ends a run that spins without system calls too, but late (0.4 s to more than 2 s after
 * the limit, measured on a busy 2-core machine). This backstop kills the process shortly after the limit instead,
 * like the shim pool's watchdog.
 */
const BACKSTOP_GRACE_MS = 100;

/** How long to let output already in flight arrive after a process was stopped. */
const STREAM_SETTLE_MS = 100;

type Ending =
  { kind: 'ended'; exitCode: number; reason: 'exited' | 'terminated' | 'timeout' } | { kind: 'trap'; message: string };

/**
 * The Runner on @wasmer/sdk (WASIX). Platform-neutral: the caller hands in a Wasmer client from the Node or browser
 * entry point, and the runner owns it from then on. Every run gets a fresh sandbox (≈0.1 ms), so nothing a program
 * writes survives into the next run; the SDK's worker pool runs processes in parallel. The SDK itself does not
 * honour the run contract, so each module is rewritten to implement it (guest-rewrite.ts); what still differs is
 * listed in docs/runtimes-wasmer.md.
 */
export class WasmerRunner implements Runner {
  private readonly packages: ContractPackages;
  private readonly gate: RunGate;
  private closed = false;

  /**
   * `parallelism`: runs inside the SDK at once (see run-gate.ts); the cores, as for the shim pool. `rewrite`: how to
   * run the guest rewrite (contract-packages.ts), in this thread by default.
   */
  constructor(
    private readonly wasmer: Wasmer,
    parallelism = 2,
    rewrite?: (bytes: Uint8Array) => Promise<Rewritten>,
  ) {
    this.packages = new ContractPackages(wasmer, rewrite);
    this.gate = new RunGate(Math.max(1, parallelism));
  }

  async run(request: RunRequest<Program>, options: RunOptions = {}): Promise<RunResult> {
    await this.gate.enter();
    try {
      return await this.runNow(request, options);
    } finally {
      this.gate.leave();
    }
  }

  private async runNow(request: RunRequest<Program>, options: RunOptions): Promise<RunResult> {
    if (this.closed) throw new Error('the wasmer runner is closed');
    // Script engines live in the shim pool's workers; this backend runs WebAssembly only.
    if (request.program.kind === 'script') {
      return { kind: 'invalid-module', message: 'the wasmer runtime runs WebAssembly modules, not scripts', ms: 0 };
    }
    const [name = 'program', ...args] = request.argv;
    const { program } = request;
    const prepared = await this.packages.get(program, request, name);
    if (prepared.kind !== 'ready') return notReady(prepared, request);
    if (options.signal?.aborted) return { kind: 'cancelled', ...noOutput(0) };
    const sandbox = await this.wasmer.sandboxes.create({
      packages: [prepared.pkg],
      files: workspaceFiles(request.files),
      network: { mode: 'disabled' },
    });
    const started = performance.now();
    const stdin = request.stdin ?? new Uint8Array();
    const stdout = new CappedStream(request.limits.outputBytes);
    const stderr = new CappedStream(request.limits.outputBytes);
    let stopped: 'cancelled' | 'backstop' | undefined;
    let process: Process | undefined;
    const stop = (why: 'cancelled' | 'backstop'): void => {
      stopped ??= why;
      void process?.kill().catch(() => undefined);
    };
    const onAbort = (): void => stop('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const backstop = setTimeout(() => stop('backstop'), request.limits.wallMs + BACKSTOP_GRACE_MS);
    try {
      // Started in the workspace, whose preopen (`.`) the rewritten guest shows as `/`. The environment is the
      // guest's own (from its config segment), so the SDK is given none.
      process = await sandbox.command(prepared.pkg.command(prepared.command), args, { cwd: WORKSPACE, env: {} }).spawn({
        timeoutMs: request.limits.wallMs,
        stdin: stdin.length > 0 ? 'pipe' : 'closed',
        stdout: 'pipe',
        stderr: 'pipe',
      });
      const live = process;
      if (stopped) void live.kill().catch(() => undefined);
      const kill = (): void => void live.kill().catch(() => undefined);
      const drained = Promise.all([stdout.drain(live.stdout, kill), stderr.drain(live.stderr, kill)]);
      // Not awaited before wait(): a program that never reads its stdin would block a large write forever.
      const fed = feed(live, stdin);
      const ending = await wait(live);
      // After a timeout or kill the SDK never ends the output streams: take what has arrived by then.
      const killed = ending.kind === 'ended' && ending.reason !== 'exited';
      await (killed ? Promise.race([drained, delay(STREAM_SETTLE_MS)]) : Promise.all([drained, fed]));
      const ms = performance.now() - started;
      const fileSignal = takeSignal(stderr.bytes(), FILE_SIGNAL);
      const signal = takeMemorySignal(fileSignal.stderr);
      const captured: Captured = {
        stdout: stdout.bytes(),
        stderr: signal.stderr,
        files: await changedFiles(sandbox.fs, request.files),
        ms,
      };
      // As the shim: a run that ends badly with its memory at the limit level ran out of memory.
      const atMemoryLimit = signal.signalled || prepared.initialPages >= prepared.memoryLevelPages;
      const memoryLimit = { kind: 'memory-limit', limitBytes: request.limits.memoryBytes, ...captured } as const;
      if (stopped === 'cancelled') return { kind: 'cancelled', ...captured };
      // As the shim: a refused write is where things went wrong, whatever the program made of its ENOSPC.
      if (fileSignal.signalled) return { kind: 'file-limit', limitBytes: request.limits.fileBytes, ...captured };
      const limitBytes = request.limits.outputBytes;
      if (stdout.overflowed) return { kind: 'output-limit', stream: 'stdout', limitBytes, ...captured };
      if (stderr.overflowed) return { kind: 'output-limit', stream: 'stderr', limitBytes, ...captured };
      if (stopped === 'backstop' || (ending.kind === 'ended' && ending.reason === 'timeout')) {
        return { kind: 'timeout', limitMs: request.limits.wallMs, ...captured };
      }
      if (ending.kind === 'trap') {
        if (atMemoryLimit) return memoryLimit;
        return { kind: 'trap', code: TRAP_EXIT_CODE, message: ending.message, ...captured };
      }
      if (ending.exitCode !== 0 && atMemoryLimit) return memoryLimit;
      return { kind: 'exited', code: ending.exitCode, ...captured };
    } finally {
      clearTimeout(backstop);
      options.signal?.removeEventListener('abort', onAbort);
      await sandbox.close();
    }
  }

  /** Closes the client too: its workers keep Node alive until then. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.wasmer.close();
  }
}

async function wait(process: Process): Promise<Ending> {
  try {
    const output = await process.wait({ check: false });
    return { kind: 'ended', exitCode: output.exitCode, reason: output.reason };
  } catch (e) {
    const message = trapMessage(e);
    if (message === undefined) throw e;
    return { kind: 'trap', message };
  }
}

/** Writes stdin and closes it (end of file); a program that exits without reading it all is not an error. */
async function feed(process: Process, data: Uint8Array): Promise<void> {
  if (!process.stdin) return;
  try {
    await process.stdin.write(data);
    await process.stdin.close();
  } catch {
    // The process ended first: the rest of its input is simply unread, as with a native pipe.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
