import { WASI, WASIProcExit } from '@bjorn3/browser_wasi_shim';
import { TRAP_EXIT_CODE } from '../../core/environment.ts';
import type { RunRequest } from '../../core/run-request.ts';
import type { Captured, RunResult } from '../../core/run-result.ts';
import { PAGE_BYTES } from '../../core/wasm-binary.ts';
import { applyContract } from './contract-imports.ts';
import { applyFileBudget, FileBudget } from './file-budget.ts';
import { guardGuestMemory } from './guest-memory.ts';
import { InputPipe, OutputPipe } from './stdio.ts';
import { StopRun } from './stop-run.ts';
import { VirtualClock } from './virtual-clock.ts';
import { buildWorkdir, changedFiles, WorkdirPreopen } from './workdir.ts';

export type ShimRunInput = Omit<RunRequest, 'program'>;

/**
 * Runs a prepared module to completion in the calling thread. Synchronous on purpose: a worker calls it, and a
 * runaway program is ended from outside by terminating that worker. Deadlines are also checked at every system
 * call so that a program which keeps calling WASI stops on time without losing its worker.
 */
export function runWasi(module: WebAssembly.Module, input: ShimRunInput): RunResult {
  const started = performance.now();
  const deadline = started + input.limits.wallMs;
  const checkDeadline = (): void => {
    if (performance.now() > deadline) throw new StopRun({ kind: 'timeout' });
  };
  const stdout = new OutputPipe('stdout', input.limits.outputBytes, checkDeadline);
  const stderr = new OutputPipe('stderr', input.limits.outputBytes, checkDeadline);
  const workdir = buildWorkdir(input.files);
  const fds = [
    new InputPipe(input.stdin ?? new Uint8Array(), checkDeadline),
    stdout,
    stderr,
    new WorkdirPreopen(workdir),
  ];
  const env = Object.entries(input.env).map(([k, v]) => `${k}=${v}`);
  // The shim logs every call unless told not to (its default flips to on when the option is absent).
  const shim = new WASI(input.argv, env, fds, { debug: false });
  applyContract(shim, new VirtualClock(input.clockNs), input.seed, checkDeadline);
  const budget = new FileBudget(input.limits.fileBytes, workdir, () => shim.fds);
  applyFileBudget(shim, budget);
  // Outermost: no import does anything with a span of guest memory that is not all there.
  guardGuestMemory(shim);

  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(module, {
      wasi_snapshot_preview1: shim.wasiImport,
      wasi_unstable: shim.wasiImport,
    });
  } catch (e) {
    return {
      kind: 'invalid-module',
      message: `cannot instantiate: ${(e as Error).message}`,
      ms: performance.now() - started,
    };
  }
  const memory = instance.exports.memory as WebAssembly.Memory;
  const captured = (): Captured => ({
    stdout: stdout.bytes(),
    stderr: stderr.bytes(),
    files: changedFiles(workdir, input.files),
    ms: performance.now() - started,
  });
  // A failed memory.grow is invisible from outside the module, so a run that ends badly with its memory close to
  // the cap (within the size of a typical large allocation) is taken to have run out of it.
  const capBytes = Math.floor(input.limits.memoryBytes / PAGE_BYTES) * PAGE_BYTES;
  const atMemoryLimit = (): boolean =>
    memory.buffer.byteLength >= capBytes - Math.max(PAGE_BYTES, Math.floor(capBytes / 16));

  shim.inst = instance as unknown as WASI['inst'];
  const ended = run(instance, input, captured, atMemoryLimit);
  // A refused write is where things went wrong, whatever the program made of its ENOSPC afterwards.
  if (budget.refused && ended.kind !== 'invalid-module' && ended.kind !== 'cancelled') {
    const { stdout: out, stderr: err, files, ms } = ended;
    return { kind: 'file-limit', limitBytes: input.limits.fileBytes, stdout: out, stderr: err, files, ms };
  }
  return ended;
}

function run(
  instance: WebAssembly.Instance,
  input: ShimRunInput,
  captured: () => Captured,
  atMemoryLimit: () => boolean,
): RunResult {
  try {
    (instance.exports._start as () => void)();
    return { kind: 'exited', code: 0, ...captured() };
  } catch (e) {
    if (e instanceof WASIProcExit) {
      // A failing exit at the memory cap is the program reporting that malloc failed.
      if (e.code !== 0 && atMemoryLimit())
        return { kind: 'memory-limit', limitBytes: input.limits.memoryBytes, ...captured() };
      return { kind: 'exited', code: e.code, ...captured() };
    }
    if (e instanceof StopRun) {
      switch (e.reason.kind) {
        case 'timeout':
          return { kind: 'timeout', limitMs: input.limits.wallMs, ...captured() };
        case 'output-limit':
          return { kind: 'output-limit', stream: e.reason.stream, limitBytes: input.limits.outputBytes, ...captured() };
        case 'signal':
          return {
            kind: 'trap',
            code: 128 + e.reason.signal,
            message: `raised signal ${e.reason.signal}`,
            ...captured(),
          };
      }
    }
    if (atMemoryLimit()) return { kind: 'memory-limit', limitBytes: input.limits.memoryBytes, ...captured() };
    return { kind: 'trap', code: TRAP_EXIT_CODE, message: trapMessage(e), ...captured() };
  }
}

function trapMessage(e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'stack overflow (unbounded recursion?)';
  if (e instanceof Error) return e.message;
  return String(e);
}
