/**
 * Issue 11, repro 4: a candidate that tries to make the CLI hold 3 GiB of files must leave the CLI's memory bounded.
 * The real CLI (`bin/mirrorbox.mjs`) runs a C candidate that attempts 96 files of 32 MiB, or three 3 GiB sparse
 * files; its peak resident memory is the kernel's own count for the whole process (`process.resourceUsage().maxRSS`,
 * getrusage: the main thread and every worker thread, where C candidates run), written on exit by a preload.
 *
 * While it runs, the CLI's current memory is also watched, and the CLI is killed if it passes 3 GiB: a regression
 * must fail this test without taking the machine down with it (before the file limit, these runs peaked at 8.5 and
 * 18.5 GB).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/node/paths.ts';
import { FIXTURES } from './fixtures.ts';

const GIB = 1024 * 1024 * 1024;
const BOUND_BYTES = 2 * GIB;
const KILL_BYTES = 3 * GIB;

interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the CLI process, in bytes; undefined when it was killed before it could say. */
  peakBytes: number | undefined;
  killedAt: number | undefined;
}

const dir = mkdtempSync(join(tmpdir(), 'mirrorbox-memory-bound-'));
const preload = join(dir, 'max-rss.mjs');
const candidate = join(dir, 'flood.c');

function residentBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function cli(args: string[]): Promise<Measured> {
  const report = join(dir, `max-rss-${Math.random().toString(36).slice(2)}.txt`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', preload, join(repoRoot, 'bin/mirrorbox.mjs'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, MIRRORBOX_MAX_RSS_FILE: report },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let killedAt: number | undefined;
    // A safety net, not the measurement: the peak comes from the kernel's own count at exit.
    const watch = setInterval(() => {
      const now = child.pid === undefined ? undefined : residentBytes(child.pid);
      if (now !== undefined && now > KILL_BYTES && killedAt === undefined) {
        killedAt = now;
        child.kill('SIGKILL');
      }
    }, 50);
    child.on('close', (code) => {
      clearInterval(watch);
      let peakBytes: number | undefined;
      try {
        peakBytes = Number(readFileSync(report, 'utf8')) * 1024;
      } catch {
        peakBytes = undefined;
      }
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        peakBytes,
        killedAt,
      });
    });
  });
}

const mib = (bytes: number | undefined): string => (bytes === undefined ? '?' : `${Math.round(bytes / 2 ** 20)} MiB`);

describe('the CLI stays under 2 GiB of memory for a candidate attempting 3 GiB of files', { timeout: 600_000 }, () => {
  beforeAll(() => {
    writeFileSync(
      preload,
      "import { writeFileSync } from 'node:fs';\n" +
        "process.on('exit', () => writeFileSync(process.env.MIRRORBOX_MAX_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
    );
    writeFileSync(candidate, readFileSync(join(FIXTURES, 'c', 'file-flood.c')));
  });

  const bounded = (m: Measured): void => {
    console.log(`CLI peak resident memory: ${mib(m.peakBytes)}`);
    expect(m.killedAt, `killed at ${mib(m.killedAt)}`).toBeUndefined();
    expect(m.peakBytes, `peak ${mib(m.peakBytes)}`).toBeDefined();
    expect(m.peakBytes as number, `peak ${mib(m.peakBytes)}`).toBeLessThan(BOUND_BYTES);
  };

  it('run, 96 files of 32 MiB: file-limit (exit 124) with ENOSPC inside, peak under 2 GiB', async () => {
    const m = await cli(['run', candidate]);
    bounded(m);
    expect({ code: m.code, stdout: m.stdout, stderr: m.stderr }).toEqual({
      code: 124,
      stdout: 'ok 2, failed 94: No space left on device\n',
      stderr: `mirrorbox: file limit: the program's files would have held more than ${64 * 2 ** 20} bytes\n`,
    });
  });

  it('run, three sparse 3 GiB files: file-limit (exit 124), peak under 2 GiB', async () => {
    const m = await cli(['run', candidate, '--', 'sparse']);
    bounded(m);
    expect({ code: m.code, stdout: m.stdout }).toEqual({
      code: 124,
      stdout: 'ok 0, failed 3: No space left on device\n',
    });
  });

  it('score uuidparse --only hidden, 96 files of 32 MiB in every case: every verdict file-limit, peak under 2 GiB', async () => {
    const m = await cli(['score', 'uuidparse', candidate, '--only', 'hidden', '--json']);
    bounded(m);
    expect(m.code).toBe(1);
    const report = JSON.parse(m.stdout) as { cases: { verdict: string }[] };
    expect(report.cases.length).toBeGreaterThan(0);
    expect(new Set(report.cases.map((c) => c.verdict))).toEqual(new Set(['file-limit']));
  });
});
