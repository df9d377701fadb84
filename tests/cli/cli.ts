import { spawnSync } from 'node:child_process';
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
