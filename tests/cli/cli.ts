import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../src/node/paths.ts';

export const fixture = (name: string): string => `${repoRoot}build/fixtures/${name}`;

/** Runs the CLI exactly as a user would (the package's bin), returning raw bytes. */
export function mirrorbox(args: string[], options: { input?: Uint8Array; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [`${repoRoot}bin/mirrorbox.mjs`, ...args], {
    input: options.input,
    cwd: options.cwd ?? repoRoot,
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    out: r.stdout.toString('utf8'),
    err: r.stderr.toString('utf8'),
  };
}

/**
 * The process contract every candidate language must keep, checked through `mirrorbox run`: `program` (a file
 * named `name` in `dir`) copies stdin to stderr, prints `argv[0] argc` and exits 3.
 */
export function runEchoProgram(dir: string, name: string, program: string) {
  const file = join(dir, name);
  writeFileSync(file, program);
  const input = join(dir, 'in.txt');
  writeFileSync(input, 'hello\n');
  return mirrorbox(['run', file, '--name', 'uuidparse', '--stdin', input, '--', 'x', 'y']);
}
