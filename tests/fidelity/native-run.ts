import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { bytesEqual, decodeTextOrBytes } from '../../src/core/bytes.ts';
import { CONTRACT_EPOCH, CONTRACT_ENV } from '../../src/core/environment.ts';
import type { Outcome } from '../../src/core/gold.ts';
import type { TargetMeta } from '../../src/core/target.ts';
import type { TestCase } from '../../src/core/test-case.ts';
import { repoRoot } from '../../src/node/paths.ts';

/** The native program a target is compared with: an absolute path, or one relative to the repo (a native build). */
export function nativePath(meta: TargetMeta): string | undefined {
  if (!meta.native) return undefined;
  return isAbsolute(meta.native) ? meta.native : join(repoRoot, meta.native);
}

/**
 * Runs one test case with the native program under the contract: the same environment variables, the case's files
 * in a fresh working directory, stdout and stderr as pipes, and — for targets that read the clock — the case's
 * instant through libfaketime. Returns the outcome in the runner's terms (changed files included).
 */
export function runNative(meta: TargetMeta, testCase: TestCase): Outcome {
  const program = nativePath(meta);
  if (!program) throw new Error(`${meta.id} has no native program`);
  const dir = mkdtempSync(join(tmpdir(), `mirrorbox-native-${meta.id}-`));
  try {
    const before: Record<string, Uint8Array> = {};
    for (const [name, value] of Object.entries(testCase.files ?? {})) {
      const bytes = decodeTextOrBytes(value);
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), bytes);
      before[name] = bytes;
    }
    const env: Record<string, string> = { ...CONTRACT_ENV, ...testCase.env };
    if (meta.nativeClock) {
      // libfaketime's "@" form starts the clock at the instant and lets it run, as the WASI clock does. Preloaded
      // directly rather than through the faketime wrapper, so argv[0] (and with it every message) stays the same.
      env.LD_PRELOAD = libfaketime();
      env.FAKETIME = `@${new Date(testCase.clock ?? CONTRACT_EPOCH)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, '')}`;
    }
    const r = spawnSync(program, testCase.argv, {
      argv0: meta.program,
      input: testCase.stdin === undefined ? new Uint8Array() : decodeTextOrBytes(testCase.stdin),
      env,
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
    });
    // EPIPE only means the program exited without reading all of stdin, which is its right.
    if (r.error && (r.error as NodeJS.ErrnoException).code !== 'EPIPE') throw r.error;
    const files: Record<string, Uint8Array> = {};
    for (const path of walk(dir)) {
      const name = relative(dir, path).split('\\').join('/');
      const bytes = new Uint8Array(readFileSync(path));
      const old = before[name];
      if (!old || !bytesEqual(old, bytes)) files[name] = bytes;
    }
    // A native death by signal is reported as 128 + signal, as a shell would.
    const code = r.status ?? 128 + (signalNumber(r.signal) ?? 0);
    return { code, stdout: new Uint8Array(r.stdout), stderr: new Uint8Array(r.stderr), files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Where Debian's libfaketime package put its library (its path has the machine's multiarch triplet in it). */
let faketimeLib: string | undefined;
function libfaketime(): string {
  if (faketimeLib) return faketimeLib;
  const listed = spawnSync('dpkg', ['-L', 'libfaketime'], { encoding: 'utf8' }).stdout ?? '';
  const lib = listed.split('\n').find((line) => line.endsWith('/libfaketime.so.1'));
  if (!lib) throw new Error('libfaketime is not installed: npm test installs it (package faketime)');
  faketimeLib = lib;
  return lib;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

function signalNumber(signal: NodeJS.Signals | null): number | undefined {
  const table: Record<string, number> = { SIGABRT: 6, SIGFPE: 8, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 };
  return signal ? table[signal] : undefined;
}
