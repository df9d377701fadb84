import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CONTRACT_EPOCH, contractEnv, instantToNs } from '../../src/core/environment.ts';
import { sha256Hex } from '../../src/core/digest.ts';
import { DEFAULT_LIMITS, type Limits } from '../../src/core/limits.ts';
import type { Program, RunRequest, ScriptProgram, WasmProgram } from '../../src/core/run-request.ts';
import type { RunResult } from '../../src/core/run-result.ts';
import { buildDir, repoRoot } from '../../src/node/paths.ts';
import { compileC } from '../../toolchains/c/compile.ts';
import { jsToolchain } from '../../toolchains/js/adapter.ts';
import { pythonToolchain } from '../../toolchains/python/adapter.ts';

/** The hostile candidates' sources (one file per behaviour, except C: one program with modes). */
export const FIXTURES = join(repoRoot, 'tests/fixtures/adversarial');
/** Compiled hostile C programs, cached by source digest so that test files running in parallel compile once. */
export const ADVERSARIAL_BUILD = join(buildDir, 'adversarial');

/**
 * Compiles `tests/fixtures/adversarial/c/<name>.c` with the real C toolchain (@yowasp/clang), once per source
 * version: the .wasm is kept under build/adversarial/ and named by the source's digest. Returns its path too, for
 * the CLI and the browser, which take the program as a file.
 */
export async function hostileC(name: string): Promise<{ program: WasmProgram; path: string }> {
  const source = readFileSync(join(FIXTURES, 'c', `${name}.c`), 'utf8');
  const path = join(ADVERSARIAL_BUILD, `${name}-${sha256Hex(new TextEncoder().encode(source)).slice(0, 16)}.wasm`);
  if (!existsSync(path)) {
    const built = await compileC([{ name: 'main.c', content: source }]);
    if (built.kind !== 'ok') throw new Error(`${name}.c does not build: ${JSON.stringify(built.diagnostics)}`);
    if (built.program.kind === 'script') throw new Error(`${name}.c built into a script program`);
    mkdirSync(ADVERSARIAL_BUILD, { recursive: true });
    // Written aside and renamed: another test file may be reading the same path.
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, built.program.bytes);
    renameSync(partial, path);
  }
  const bytes = new Uint8Array(readFileSync(path));
  return { program: { id: sha256Hex(bytes), bytes }, path };
}

/** The source of `tests/fixtures/adversarial/py/<name>.py`. */
export function pythonSource(name: string): string {
  return readFileSync(join(FIXTURES, 'py', `${name}.py`), 'utf8');
}

/** Builds one hostile Python fixture as the program's only file, `main.py`. */
export async function hostilePython(name: string): Promise<ScriptProgram> {
  const built = await pythonToolchain.build([{ name: 'main.py', content: pythonSource(name) }]);
  if (built.kind !== 'ok' || built.program.kind !== 'script') throw new Error(`${name}.py does not build`);
  return built.program;
}

/** Builds one hostile JavaScript fixture (`tests/fixtures/adversarial/js/<name>.js`) as the program's `main.js`. */
export async function hostileJs(name: string): Promise<ScriptProgram> {
  const source = readFileSync(join(FIXTURES, 'js', `${name}.js`), 'utf8');
  const built = await jsToolchain.build([{ name: 'main.js', content: source }]);
  if (built.kind !== 'ok' || built.program.kind !== 'script') throw new Error(`${name}.js does not build`);
  return built.program;
}

/** A run under the environment contract, with short limits by default (hostile programs are expected to hit them). */
export function hostileRequest<P extends Program>(
  program: P,
  argv: string[],
  files: Record<string, Uint8Array> = {},
  limits: Partial<Limits> = {},
): RunRequest<P> {
  return {
    program,
    argv: ['hostile', ...argv],
    files,
    env: contractEnv(),
    clockNs: instantToNs(CONTRACT_EPOCH) ?? 0n,
    seed: 1,
    limits: { ...DEFAULT_LIMITS, wallMs: 2000, ...limits },
  };
}

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A result in a shape that compares well in assertions: the kind, the exit code and both streams as text. */
export function summary(r: RunResult): { kind: string; code?: number; stdout: string; stderr: string } {
  if (!('stdout' in r)) return { kind: r.kind, stdout: '', stderr: r.message };
  return { kind: r.kind, ...('code' in r ? { code: r.code } : {}), stdout: text(r.stdout), stderr: text(r.stderr) };
}

/**
 * Host paths a candidate must never read: the machine's own files, the oracle and its pack (which holds the hidden
 * expectations) by absolute host path and by paths climbing out of the working directory from the repository, and
 * `secret` (a file next to the test's own, outside its working directory).
 */
export function forbiddenPaths(secret: { absolute: string; relative: string }): string[] {
  const target = join(repoRoot, 'build/targets/uuidparse');
  return [
    '/proc/self/environ',
    '/proc/self/maps',
    '/proc/self/cmdline',
    '/etc/passwd',
    '/etc/hostname',
    join(target, 'oracle.wasm'),
    join(target, 'pack.json'),
    'build/targets/uuidparse/oracle.wasm',
    `../${basename(repoRoot)}/build/targets/uuidparse/pack.json`,
    `../../..${join(target, 'oracle.wasm')}`,
    secret.absolute,
    secret.relative,
  ];
}
