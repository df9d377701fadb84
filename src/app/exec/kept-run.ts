import { describeStop, type RunResult } from '../../core/run-result.ts';
import type { StoredRunResult } from '../storage/database.ts';

/**
 * How much of a run the history keeps. A flood of output (up to the 16 MiB limit per stream) or a 100 MB stdin would
 * fill the browser's storage in a few runs, so history keeps the beginning and the sizes; the run on screen keeps
 * everything for download.
 */
export const KEPT_STREAM_BYTES = 256 * 1024;
export const KEPT_STDIN_BYTES = 1024 * 1024;

export function keptResult(result: RunResult): StoredRunResult {
  if (result.kind === 'invalid-module') {
    return {
      kind: result.kind,
      stop: describeStop(result),
      stdout: new Uint8Array(),
      stderr: new Uint8Array(),
      stdoutBytes: 0,
      stderrBytes: 0,
      written: {},
      writtenComplete: true,
      ms: result.ms,
    };
  }
  return {
    kind: result.kind,
    ...(result.kind === 'exited' || result.kind === 'trap' ? { code: result.code } : {}),
    ...(result.kind === 'exited' ? {} : { stop: describeStop(result) }),
    // slice, not subarray: a view would keep the whole flood alive.
    stdout: result.stdout.slice(0, KEPT_STREAM_BYTES),
    stderr: result.stderr.slice(0, KEPT_STREAM_BYTES),
    stdoutBytes: result.stdout.length,
    stderrBytes: result.stderr.length,
    ...keptFiles(result.files),
    ms: result.ms,
  };
}

function keptFiles(files: Record<string, Uint8Array>): {
  written: Record<string, Uint8Array>;
  writtenComplete: boolean;
} {
  const total = Object.values(files).reduce((n, f) => n + f.length, 0);
  return total <= KEPT_STREAM_BYTES
    ? { written: files, writtenComplete: true }
    : { written: {}, writtenComplete: false };
}

/** True when the kept streams are the whole output, so the run can become a test. */
export function isComplete(result: StoredRunResult): boolean {
  return (
    result.stdout.length === result.stdoutBytes && result.stderr.length === result.stderrBytes && result.writtenComplete
  );
}
