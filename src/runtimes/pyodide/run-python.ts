import type { RunRequest, ScriptProgram } from '../../core/run-request.ts';
import type { RunResult } from '../../core/run-result.ts';
import { normalize } from '../quickjs/script-files.ts';
import { bytesEqual } from '../../core/bytes.ts';
import { TRAP_EXIT_CODE } from '../../core/environment.ts';
import { restartPyodide, type PythonEngine } from './engine.ts';

export { startPyodide } from './engine.ts';

/** The program's sources (importable, on sys.path) and the run's working directory. */
const PROGRAM_DIR = '/mirrorbox/program';
const CWD = '/mirrorbox/cwd';

interface EmFS {
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array | string): void;
  readFile(path: string): Uint8Array;
  readdir(path: string): string[];
  stat(path: string): { mode: number };
  isDir(mode: number): boolean;
  unlink(path: string): void;
  rmdir(path: string): void;
  chdir(path: string): void;
}

/**
 * Runs a Python script program like a process (see docs/environment.md): restores the interpreter memory taken
 * at start-up, lays out the program and the test's files, runs the entry as `__main__`, and collects the streams
 * and the changed files. Time limits: KeyboardInterrupt at the deadline (below), else the pool's watchdog.
 */
export function runPython(engine: PythonEngine, program: ScriptProgram, input: Omit<RunRequest, 'program'>): RunResult {
  const started = performance.now();
  engine.restore();
  const fs = engine.pyodide.FS as unknown as EmFS;
  fs.chdir('/');
  removeTree(fs, '/mirrorbox');
  fs.mkdirTree(PROGRAM_DIR);
  fs.mkdirTree(CWD);
  for (const [name, source] of Object.entries(program.files)) {
    const path = `${PROGRAM_DIR}/${normalize(name)}`;
    fs.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    fs.writeFile(path, source);
  }
  const before = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(input.files ?? {})) {
    const rel = normalize(name);
    before.set(rel, data);
    const path = `${CWD}/${rel}`;
    fs.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    fs.writeFile(path, data);
  }
  fs.chdir(CWD);
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
  const sysPath = `import sys\nif ${JSON.stringify(PROGRAM_DIR)} not in sys.path: sys.path.insert(0, ${JSON.stringify(PROGRAM_DIR)})`;
  py.runPython(sysPath);
  // A program that swallows the KeyboardInterrupt is interrupted again at the next check (the getter keeps
  // answering 2); one stuck inside a single C call is left to the pool's watchdog.
  engine.interrupt.deadline = started + input.limits.wallMs;
  engine.interrupt.fired = false;
  const memoryCap = engine.snapshot.length + input.limits.memoryBytes;
  engine.interrupt.memoryCap = memoryCap;
  engine.interrupt.overMemory = false;
  let code = 1;
  try {
    code = engine.run(
      source,
      program.entry,
      py.toPy(input.argv),
      py.toPy(input.env),
      input.stdin ?? new Uint8Array(),
      input.seed,
      py.toPy(input.clockNs),
      input.limits.outputBytes,
    ) as number;
  } catch (e) {
    disarm(engine);
    // A KeyboardInterrupt from the deadline can escape the run's own handlers (it fires again at every check):
    // that is the timeout, and the interpreter is fine. Anything else means the engine itself failed.
    if (!engine.interrupt.fired && !engine.interrupt.overMemory) {
      restartPyodide();
      const message = e instanceof Error ? e.message : String(e);
      return {
        kind: 'trap',
        code: TRAP_EXIT_CODE,
        message: `the Python engine failed: ${message}`,
        stdout: new Uint8Array(),
        stderr: new Uint8Array(),
        files: {},
        ms: performance.now() - started,
      };
    }
  }
  disarm(engine);
  const proxy = engine.collect() as { toJs(): unknown[]; destroy(): void };
  const [stdout, stderr, stop] = proxy.toJs() as [Uint8Array, Uint8Array, string];
  proxy.destroy();
  const files: Record<string, Uint8Array> = {};
  for (const [rel, data] of walk(fs, CWD, '')) {
    const old = before.get(rel);
    if (!old || !bytesEqual(old, data)) files[rel] = data;
  }
  const captured = { stdout: stdout.slice(), stderr: stderr.slice(), files, ms: performance.now() - started };
  // WebAssembly memory never shrinks: a run that grew it far leaves the next run a fresh interpreter instead.
  if (memoryBytes(engine) > engine.snapshot.length + input.limits.memoryBytes / 2) restartPyodide();
  const overMemory = engine.interrupt.overMemory || memoryBytes(engine) > memoryCap;
  if (overMemory && (engine.interrupt.overMemory || code !== 0))
    return { kind: 'memory-limit', limitBytes: input.limits.memoryBytes, ...captured };
  if (engine.interrupt.fired) return { kind: 'timeout', limitMs: input.limits.wallMs, ...captured };
  if (stop === 'stdout' || stop === 'stderr')
    return { kind: 'output-limit', stream: stop, limitBytes: input.limits.outputBytes, ...captured };
  return { kind: 'exited', code, ...captured };
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
    if (fs.isDir(fs.stat(path).mode)) out.push(...walk(fs, path, rel));
    else out.push([rel, fs.readFile(path)]);
  }
  return out;
}

function removeTree(fs: EmFS, dir: string): void {
  let names: string[];
  try {
    names = fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === '.' || name === '..') continue;
    const path = `${dir}/${name}`;
    if (fs.isDir(fs.stat(path).mode)) removeTree(fs, path);
    else fs.unlink(path);
  }
  fs.rmdir(dir);
}
