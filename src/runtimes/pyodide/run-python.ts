import type { RunRequest, ScriptProgram } from '../../core/run-request.ts';
import type { RunResult } from '../../core/run-result.ts';
import { normalize } from '../quickjs/script-files.ts';
import { bytesEqual } from '../../core/bytes.ts';
import { TRAP_EXIT_CODE } from '../../core/environment.ts';
import { restartPyodide, startPyodide, type PythonEngine } from './engine.ts';
import {
  beginFileLimit,
  captureBaseline,
  fileLimit,
  resetFileSystem,
  type Baseline,
  type EmFS,
} from './file-system.ts';

export { startPyodide } from './engine.ts';

/** The tree each engine's file system started with (file-system.ts). */
const baselines = new WeakMap<PythonEngine, Baseline>();

/** The program's sources (importable, on sys.path) and the run's working directory. */
const PROGRAM_DIR = '/mirrorbox/program';
const CWD = '/mirrorbox/cwd';
/**
 * A run that leaves more than this behind (nodes, or bytes of files) has its file system put back at its own end, in
 * its own time: removing 16,384 files takes a second, which the next run must not wait for.
 */
const CLEAN_UP_NODES = 1024;
const CLEAN_UP_BYTES = 16 * 2 ** 20;
/** The run's stdin, read and removed by the prelude before the program starts. */
const STDIN = '/mirrorbox/stdin';

/**
 * Runs a Python script program like a process (see docs/environment.md): restores the interpreter memory taken
 * at start-up, lays out the program and the test's files, runs the entry as `__main__`, and collects the streams
 * and the changed files. Time limits: KeyboardInterrupt at the deadline (below), else the pool's watchdog.
 */
export function runPython(engine: PythonEngine, program: ScriptProgram, input: Omit<RunRequest, 'program'>): RunResult {
  engine.restore();
  const fs = engine.pyodide.FS as unknown as EmFS;
  fs.chdir('/');
  let baseline = baselines.get(engine);
  if (!baseline) {
    baseline = captureBaseline(fs);
    baselines.set(engine, baseline);
  }
  resetFileSystem(fs, baseline);
  // The run's clock starts once what an earlier run left behind is gone: a run must not time out for another's mess.
  const started = performance.now();
  fs.mkdirTree(PROGRAM_DIR);
  fs.mkdirTree(CWD);
  for (const [name, source] of Object.entries(program.files)) {
    const path = `${PROGRAM_DIR}/${normalize(name)}`;
    fs.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    fs.writeFile(path, source);
  }
  // The test's files count against the run's file limit; the program's sources do not.
  const fileUse = fileLimit(fs);
  beginFileLimit(fileUse, input.limits.fileBytes);
  const before = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(input.files ?? {})) {
    const rel = normalize(name);
    before.set(rel, data);
    const path = `${CWD}/${rel}`;
    fs.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    fs.writeFile(path, data);
  }
  fs.writeFile(STDIN, input.stdin ?? new Uint8Array());
  fs.chdir(CWD);
  fs.ignorePermissions = false;
  const source = program.files[program.entry];
  if (source === undefined) {
    return {
      kind: 'exited',
      code: 1,
      stdout: new Uint8Array(),
      stderr: new TextEncoder().encode(`cannot find the entry file ${program.entry}\n`),
      files: {},
      ms: performance.now() - started,
    };
  }
  const py = engine.pyodide;
  // A program that swallows the KeyboardInterrupt is interrupted again at the next check (the getter keeps
  // answering 2); one stuck inside a single C call is left to the pool's watchdog.
  engine.interrupt.deadline = started + input.limits.wallMs;
  engine.interrupt.fired = false;
  const memoryCap = engine.snapshot.length + input.limits.memoryBytes;
  engine.interrupt.memoryCap = memoryCap;
  engine.interrupt.overMemory = false;
  protectStack(engine);
  const jsProxies = engine.watch.jsProxies;
  let code = 1;
  fileUse.enforce = true;
  try {
    code = engine.run(
      source,
      program.entry,
      PROGRAM_DIR,
      py.toPy(input.argv),
      py.toPy(input.env),
      STDIN,
      input.seed,
      py.toPy(input.clockNs),
      input.limits.outputBytes,
    ) as number;
  } catch (e) {
    disarm(engine);
    fileUse.enforce = false;
    // A KeyboardInterrupt from the deadline can escape the run's own handlers (it fires again at every check):
    // that is the timeout, and the interpreter is fine. Anything else means the engine itself failed.
    if (!engine.interrupt.fired && !engine.interrupt.overMemory) {
      replaceEngine();
      return {
        kind: 'trap',
        code: TRAP_EXIT_CODE,
        message: engineFailure(e),
        stdout: new Uint8Array(),
        stderr: new Uint8Array(),
        files: {},
        ms: performance.now() - started,
      };
    }
  }
  disarm(engine);
  fileUse.enforce = false;
  const proxy = engine.collect() as { toJs(): unknown[]; destroy(): void };
  const [stdout, stderr, stop] = proxy.toJs() as [Uint8Array, Uint8Array, string];
  proxy.destroy();
  const changed: Record<string, Uint8Array> = {};
  fs.ignorePermissions = true; // the program may have made its own files unreadable
  for (const [rel, data] of walk(fs, CWD, '')) {
    const old = before.get(rel);
    if (!old || !bytesEqual(old, data)) changed[rel] = data;
  }
  fs.ignorePermissions = false;
  const captured = { stdout: stdout.slice(), stderr: stderr.slice(), files: changed, ms: performance.now() - started };
  if (fileUse.nodes > CLEAN_UP_NODES || fileUse.total > CLEAN_UP_BYTES) {
    fs.chdir('/');
    resetFileSystem(fs, baseline);
    fs.ignorePermissions = false;
  }
  // WebAssembly memory never shrinks: a run that grew it far leaves the next run a fresh interpreter instead. So
  // does a run that got hold of a JavaScript object despite the prelude: the JavaScript side (Pyodide's table of
  // JavaScript objects held by Python) is not part of the memory restore.
  if (
    memoryBytes(engine) > engine.snapshot.length + input.limits.memoryBytes / 2 ||
    engine.watch.jsProxies !== jsProxies
  )
    replaceEngine();
  const overMemory = engine.interrupt.overMemory || memoryBytes(engine) > memoryCap;
  if (overMemory && (engine.interrupt.overMemory || code !== 0))
    return { kind: 'memory-limit', limitBytes: input.limits.memoryBytes, ...captured };
  if (engine.interrupt.fired) return { kind: 'timeout', limitMs: input.limits.wallMs, ...captured };
  // The program goes on after a refused write (it may catch the OSError), but the run is reported with the limit.
  if (fileUse.hit) return { kind: 'file-limit', limitBytes: input.limits.fileBytes, ...captured };
  if (stop === 'stdout' || stop === 'stderr')
    return { kind: 'output-limit', stream: stop, limitBytes: input.limits.outputBytes, ...captured };
  return { kind: 'exited', code, ...captured };
}

/**
 * A RangeError from the JavaScript engine's stack, which Pyodide treats as fatal (the output so far is lost and the
 * interpreter is replaced). C recursion that CPython does not see coming: it measures its stack in linear memory,
 * and some C recursion barely uses that, above all freeing a long chain of objects (measured in a Node worker: a
 * linked list of 30,000 tuples, or the traceback of a 30,000-deep recursion once the program drops it). Recursion
 * through C calls is bounded below (protectStack) and ends in RecursionError instead.
 */
function engineFailure(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/Maximum call stack size exceeded/.test(message))
    return 'stack overflow: C code in the Python engine nested deeper than the JavaScript stack allows (freeing a very long chain of objects, or deep recursion); the engine was restarted';
  return `the Python engine failed: ${message}`;
}

interface StackApi {
  _emscripten_stack_get_current(): number;
  _PyThreadState_Get(): number;
  _PyUnstable_ThreadState_SetStackProtection(tstate: number, start: number, size: number): number;
}

/**
 * How much of its own stack CPython may use for C-level recursion before it raises RecursionError ("Stack
 * overflow"). CPython measures the C stack in linear memory, but what overflows first is the JavaScript engine's
 * native stack, on which every C call also has a frame, about 8 times larger (measured: a Python function recursing
 * through map() uses 480 bytes of linear stack and 3.8 kB of native stack per level). Without this bound the
 * RangeError comes first and is fatal to the interpreter. A Chromium worker's stack is about 0.75 MiB (a JavaScript
 * function recursed 10,326 times there against 55,186 in a Node worker), hence 64 KiB, about 130 levels. Node's
 * workers could allow 384 KiB (about 800 levels), but the bound is the same everywhere so that a program gives the
 * same bytes in the app and in the CLI. Python-to-Python calls do not nest on either stack: there
 * sys.setrecursionlimit rules.
 */
const C_STACK_BYTES = 64 * 1024;

function protectStack(engine: PythonEngine): void {
  const m = (engine.pyodide as unknown as { _module: StackApi })._module;
  // Outside any Python call: the run's C frames all lie below this point of the (downward-growing) stack.
  const top = m._emscripten_stack_get_current();
  m._PyUnstable_ThreadState_SetStackProtection(m._PyThreadState_Get(), top - C_STACK_BYTES, C_STACK_BYTES);
}

/**
 * Starts the next interpreter now, while the result travels back: the next run awaits the same start-up, and the
 * pool's watchdog counts that wait in the run's wall time.
 */
function replaceEngine(): void {
  restartPyodide();
  // A failed start is reported by the next run, which awaits the same promise.
  startPyodide().catch(() => undefined);
}

function disarm(engine: PythonEngine): void {
  engine.interrupt.deadline = Infinity;
  engine.interrupt.memoryCap = Infinity;
}

function memoryBytes(engine: PythonEngine): number {
  return (engine.pyodide as unknown as { _module: { HEAPU8: Uint8Array } })._module.HEAPU8.buffer.byteLength;
}

function walk(fs: EmFS, dir: string, prefix: string): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  for (const name of fs.readdir(dir).sort()) {
    if (name === '.' || name === '..') continue;
    const path = `${dir}/${name}`;
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    // lstat: a symbolic link is not followed (it may loop, or point at the standard library) and is no file.
    const mode = fs.lstat(path).mode;
    if (fs.isDir(mode)) out.push(...walk(fs, path, rel));
    else if (fs.isFile(mode)) out.push([rel, fs.readFile(path)]);
  }
  return out;
}
