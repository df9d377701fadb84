import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten-core';
import { utf8Bytes } from '../../core/bytes.ts';
import { TRAP_EXIT_CODE } from '../../core/environment.ts';
import type { RunRequest, ScriptProgram } from '../../core/run-request.ts';
import type { Captured, RunResult } from '../../core/run-result.ts';
import { VirtualClock } from '../shim/virtual-clock.ts';
import { CappedOutput } from './capped-output.ts';
import { restartQuickJS } from './engine.ts';
import { BUILTIN_MODULES, PRELUDE } from './prelude.ts';
import { normalize, ScriptFiles } from './script-files.ts';

export { startQuickJS } from './engine.ts';

/**
 * QuickJS's own stack limit. Below the WebAssembly stack the engine runs on, so that unbounded recursion is a
 * JavaScript "stack overflow" the runner reports, never a crash of the engine itself.
 */
const MAX_STACK_BYTES = 256 * 1024;

const STACK_FRAMES = 10;

/** Why the host ended a run; once set, every host function refuses and the interrupt handler stops the program. */
type Stop =
  | { kind: 'exit'; code: number }
  | { kind: 'output-limit'; stream: 'stdout' | 'stderr' }
  | { kind: 'timeout' }
  | { kind: 'memory-limit' };

/** Size of each engine's WebAssembly memory when it first ran a program: what the engine itself needs. */
const baselines = new WeakMap<QuickJSWASMModule, number>();

/**
 * Runs a script program to completion in a fresh QuickJS runtime and context (nothing survives into the next run),
 * honouring docs/environment.md as the WASI runner does: argv, stdin, files of the working directory, pinned clock,
 * seeded Math.random, no network (QuickJS has no fetch, XMLHttpRequest or sockets, and imports resolve only to the
 * program's own files), and the three limits with their result kinds. An uncaught exception prints its stack to
 * stderr and exits 1, as Node does; stack overflow is a trap, like a WebAssembly stack exhaustion.
 */
export function runScript(
  quickjs: QuickJSWASMModule,
  program: ScriptProgram,
  input: Omit<RunRequest, 'program'>,
): RunResult {
  const files = new ScriptFiles(input.files, input.limits.fileBytes);
  const result = runWithFiles(quickjs, program, input, files);
  // A refused write is where things went wrong, whatever the program made of its ENOSPC afterwards.
  if (!files.refused || !('stdout' in result) || result.kind === 'cancelled') return result;
  const { stdout, stderr, files: changed, ms } = result;
  return { kind: 'file-limit', limitBytes: input.limits.fileBytes, stdout, stderr, files: changed, ms };
}

function runWithFiles(
  quickjs: QuickJSWASMModule,
  program: ScriptProgram,
  input: Omit<RunRequest, 'program'>,
  files: ScriptFiles,
): RunResult {
  const started = performance.now();
  const deadline = started + input.limits.wallMs;
  const stdout = new CappedOutput(input.limits.outputBytes);
  const stderr = new CappedOutput(input.limits.outputBytes);
  const clock = new VirtualClock(input.clockNs);
  let stop: Stop | undefined;
  const captured = (): Captured => ({
    stdout: stdout.bytes(),
    stderr: stderr.bytes(),
    files: files.changed(),
    ms: performance.now() - started,
  });

  const memory = quickjs.getWasmMemory();
  const baseline = baselines.get(quickjs) ?? memory.buffer.byteLength;
  baselines.set(quickjs, baseline);
  const overMemory = () => memory.buffer.byteLength > baseline + input.limits.memoryBytes;
  const runtime = quickjs.newRuntime();
  // QuickJS's own limit only refuses single allocations larger than the limit (this build cannot measure the size of
  // what it frees, so its running total stays near zero); growth of the engine's WebAssembly memory beyond its
  // baseline plus the limit is what the interrupt handler checks.
  runtime.setMemoryLimit(input.limits.memoryBytes);
  runtime.setMaxStackSize(MAX_STACK_BYTES);
  // Called every few thousand bytecodes: ends a program that loops without calling the host, and one that caught the
  // error a host function threw after exit() or an output flood.
  runtime.setInterruptHandler(() => {
    if (stop) return true;
    if (performance.now() > deadline) stop = { kind: 'timeout' };
    else if (overMemory()) stop = { kind: 'memory-limit' };
    return stop !== undefined;
  });
  runtime.setModuleLoader(
    (name) => {
      const builtin = BUILTIN_MODULES[name.replace(/^node:/, '')];
      if (builtin !== undefined) return builtin;
      const source = program.files[name];
      return source ?? { error: new Error(`Cannot find module '${name}'`) };
    },
    (base, requested) => {
      if (!requested.startsWith('./') && !requested.startsWith('../') && !requested.startsWith('/')) return requested;
      const dir = base.includes('/') ? base.slice(0, base.lastIndexOf('/') + 1) : '';
      return resolveModule(program, normalize(requested.startsWith('/') ? requested : dir + requested));
    },
  );
  const stoppedResult = (stopped: Stop): RunResult => {
    switch (stopped.kind) {
      case 'exit':
        return { kind: 'exited', code: stopped.code, ...captured() };
      case 'timeout':
        return { kind: 'timeout', limitMs: input.limits.wallMs, ...captured() };
      case 'memory-limit':
        return { kind: 'memory-limit', limitBytes: input.limits.memoryBytes, ...captured() };
      case 'output-limit':
        return { kind: 'output-limit', stream: stopped.stream, limitBytes: input.limits.outputBytes, ...captured() };
    }
  };
  const context = runtime.newContext();
  let restarted = false;
  try {
    installHost(context, input, program, { stdout, stderr, files, clock }, (s) => {
      stop ??= s;
      return stop;
    });
    const prelude = context.evalCode(PRELUDE, '<mirrorbox>', { type: 'global' });
    if (prelude.error) {
      const message = describe(context, prelude.error);
      prelude.error.dispose();
      throw new Error(`the QuickJS prelude failed: ${message}`);
    }
    prelude.value.dispose();

    const entry = program.files[program.entry];
    let failure: QuickJSHandle | undefined;
    if (entry === undefined) {
      stderr.write(utf8Bytes(`cannot find the entry file ${program.entry}\n`));
      return { kind: 'exited', code: 1, ...captured() };
    }
    const evaluated = context.evalCode(entry, program.entry, { type: 'module' });
    if (evaluated.error) failure = evaluated.error;
    else {
      // A module with top-level await evaluates to a promise: run jobs until it settles (or nothing is left to run).
      const result = evaluated.value;
      while (!stop && runtime.hasPendingJob()) {
        const jobs = runtime.executePendingJobs();
        if (jobs.error) {
          failure = jobs.error;
          break;
        }
      }
      if (!failure) {
        const state = context.getPromiseState(result);
        if (state.type === 'rejected') failure = state.error;
        else if (state.type === 'fulfilled' && !state.notAPromise) state.value.dispose();
      }
      result.dispose();
    }

    if (!stop && overMemory()) stop = { kind: 'memory-limit' };
    const stopped = stop as Stop | undefined;
    if (stopped) {
      failure?.dispose();
      return stoppedResult(stopped);
    }
    if (failure) {
      const error = context.dump(failure) as unknown;
      failure.dispose();
      const name = isErrorLike(error) ? error.name : '';
      const message = isErrorLike(error) ? error.message : '';
      if (name === 'InternalError' && message === 'out of memory') {
        stderr.write(utf8Bytes(`${formatUncaught(error)}\n`));
        return { kind: 'memory-limit', limitBytes: input.limits.memoryBytes, ...captured() };
      }
      stderr.write(utf8Bytes(`${formatUncaught(error)}\n`));
      if (name === 'InternalError' && message === 'stack overflow')
        return { kind: 'trap', code: TRAP_EXIT_CODE, message: 'stack overflow (unbounded recursion?)', ...captured() };
      return { kind: 'exited', code: 1, ...captured() };
    }
    const code = exitCode(context);
    // Reading process.exitCode runs the program's code (a getter, valueOf): it may loop until the deadline.
    const late = stop as Stop | undefined;
    return late ? stoppedResult(late) : { kind: 'exited', code, ...captured() };
  } catch (e) {
    // The engine itself failed (its WebAssembly trapped or ran out of memory): this instance cannot be trusted again.
    restartQuickJS();
    restarted = true;
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof RangeError && /call stack/i.test(message))
      return { kind: 'trap', code: TRAP_EXIT_CODE, message: 'stack overflow (unbounded recursion?)', ...captured() };
    if (/out of memory|memory access out of bounds|Cannot enlarge memory/i.test(message))
      return { kind: 'memory-limit', limitBytes: input.limits.memoryBytes, ...captured() };
    return { kind: 'trap', code: TRAP_EXIT_CODE, message: `the JavaScript engine failed: ${message}`, ...captured() };
  } finally {
    disposeQuietly(context, runtime);
    // WebAssembly memory never shrinks: a run that grew it past half its limit would leave that much held by the
    // worker for good, so the next run starts on a fresh engine instead.
    if (!restarted && quickjs.getWasmMemory().buffer.byteLength > input.limits.memoryBytes / 2) restartQuickJS();
  }
}

interface Streams {
  stdout: CappedOutput;
  stderr: CappedOutput;
  files: ScriptFiles;
  clock: VirtualClock;
}

/** The host functions the prelude builds on, under one global it deletes before the program starts. */
function installHost(
  context: QuickJSContext,
  input: Omit<RunRequest, 'program'>,
  program: ScriptProgram,
  io: Streams,
  halt: (stop: Stop) => Stop,
): void {
  const host = context.newObject();
  const refuse = () => context.newError({ name: 'InternalError', message: 'the program has ended' });
  let stopped = false;
  const end = (s: Stop) => {
    stopped = true;
    halt(s);
    return { error: refuse() };
  };
  const bytesOf = (handle: QuickJSHandle): Uint8Array => {
    if (context.typeof(handle) === 'string') return utf8Bytes(context.getString(handle));
    const view = context.getArrayBuffer(handle);
    try {
      return view.value.slice();
    } finally {
      view.dispose();
    }
  };
  const decoder = new TextDecoder();
  const fn = (name: string, impl: Parameters<QuickJSContext['newFunction']>[1]) =>
    context.newFunction(name, impl).consume((f) => context.setProp(host, name, f));

  fn('write', (fdHandle, dataHandle) => {
    if (stopped) return { error: refuse() };
    const stream = context.getNumber(fdHandle) === 2 ? 'stderr' : 'stdout';
    if (!io[stream].write(bytesOf(dataHandle))) return end({ kind: 'output-limit', stream });
    return context.undefined;
  });
  fn('stdin', () => context.newArrayBuffer((input.stdin ?? new Uint8Array()).slice().buffer));
  fn('now', (kindHandle) => {
    // Realtime in whole milliseconds (Date), monotonic with the tick's microseconds (performance.now()).
    if (context.getNumber(kindHandle) === 0) return context.newNumber(Number(io.clock.realtime() / 1_000_000n));
    return context.newNumber(Number(io.clock.monotonic()) / 1e6);
  });
  fn('readFile', (pathHandle) => {
    if (stopped) return { error: refuse() };
    const data = io.files.read(context.getString(pathHandle));
    return data === undefined ? context.undefined : context.newArrayBuffer(data.slice().buffer);
  });
  // False when the file limit has no room: the prelude throws ENOSPC. The length is checked before the bytes are
  // copied out of the engine, so a refused write allocates nothing here.
  fn('writeFile', (pathHandle, dataHandle) => {
    if (stopped) return { error: refuse() };
    const path = context.getString(pathHandle);
    if (context.typeof(dataHandle) === 'string') {
      const data = utf8Bytes(context.getString(dataHandle));
      return io.files.write(path, data) ? context.true : context.false;
    }
    const view = context.getArrayBuffer(dataHandle);
    try {
      if (!io.files.room(path, view.value.length)) return context.false;
      return io.files.write(path, view.value.slice()) ? context.true : context.false;
    } finally {
      view.dispose();
    }
  });
  fn('exists', (pathHandle) => (io.files.exists(context.getString(pathHandle)) ? context.true : context.false));
  fn('exit', (codeHandle) => {
    if (stopped) return { error: refuse() };
    // Like a process: the status is the low byte of the code.
    return end({ kind: 'exit', code: (Number(context.dump(codeHandle)) | 0) & 0xff });
  });
  fn('encode', (textHandle) => context.newArrayBuffer(utf8Bytes(context.getString(textHandle)).buffer));
  fn('decode', (bytesHandle) => context.newString(decoder.decode(bytesOf(bytesHandle))));
  context
    .newString(JSON.stringify({ argv: input.argv, env: input.env, seed: input.seed, entry: program.entry }))
    .consume((config) => context.setProp(host, 'config', config));
  context.setProp(context.global, '__mirrorbox_host', host);
  host.dispose();
}

/** `process.exitCode` if the program set it, else 0. */
function exitCode(context: QuickJSContext): number {
  const read = context.evalCode(
    `(() => { try { const c = globalThis.process && globalThis.process.exitCode; return c === undefined ? 0 : Number(c) | 0; } catch { return 1; } })()`,
    '<mirrorbox>',
    { type: 'global' },
  );
  if (read.error) {
    read.error.dispose();
    return 0;
  }
  const code = context.getNumber(read.value);
  read.value.dispose();
  return code & 0xff;
}

/** The module a specifier names: the exact file, else with .js, .mjs, .ts, or as a folder's index. */
function resolveModule(program: ScriptProgram, path: string): string {
  for (const candidate of [path, `${path}.js`, `${path}.mjs`, `${path}/index.js`])
    if (candidate in program.files) return candidate;
  // A TypeScript import of './util' finds the transpiled file, which keeps its .ts name.
  // TypeScript's own ESM style imports './util.js' for util.ts.
  const stem = path.replace(/\.(m?js)$/, '');
  for (const candidate of [`${path}.ts`, `${stem}.ts`, `${path}/index.ts`])
    if (candidate in program.files) return candidate;
  return path;
}

interface ErrorLike {
  name: string;
  message: string;
  stack?: string;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && 'name' in value && 'message' in value;
}

/** `Error: message` and the stack, as Node prints an uncaught error (without its source excerpt). */
function formatUncaught(error: unknown): string {
  if (isErrorLike(error)) {
    const head = `${error.name}: ${error.message}`;
    // Ten frames, as Node's Error.stackTraceLimit: unbounded recursion would otherwise print thousands.
    const frames = typeof error.stack === 'string' ? error.stack.replace(/\n+$/, '').split('\n') : [];
    const stack = frames.slice(0, STACK_FRAMES).join('\n');
    return stack === '' ? head : `${head}\n${stack}`;
  }
  return `Uncaught ${typeof error === 'string' ? `'${error}'` : (JSON.stringify(error) ?? String(error))}`;
}

function describe(context: QuickJSContext, handle: QuickJSHandle): string {
  const value = context.dump(handle) as unknown;
  return isErrorLike(value) ? `${value.name}: ${value.message}` : String(value);
}

function disposeQuietly(context: QuickJSContext, runtime: { dispose(): void; alive: boolean }): void {
  // After an engine failure the handles may be unusable; the instance is being replaced anyway.
  try {
    if (context.alive) context.dispose();
    if (runtime.alive) runtime.dispose();
  } catch {
    /* nothing to recover */
  }
}
