/** Resource limits of one run. Every limit ends the run with its own result kind, never an exception. */
export interface Limits {
  /** Wall-clock time of one run, in milliseconds. */
  wallMs: number;
  /** Bytes one output stream (stdout or stderr) may carry. */
  outputBytes: number;
  /** Linear memory the module may grow to, in bytes (rounded down to 64 KiB pages). */
  memoryBytes: number;
  /**
   * Bytes the files in a run's file system may hold at once, by logical size (a sparse file counts its full length),
   * the test's own files included. A write past it fails inside the program as on a full disk (ENOSPC).
   */
  fileBytes: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  wallMs: 10_000,
  outputBytes: 16 * 1024 * 1024,
  memoryBytes: 1024 * 1024 * 1024,
  fileBytes: 64 * 1024 * 1024,
});

export function withDefaults(limits: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...limits };
}

/**
 * The default per-test time limit of Tests, Submit and `mirrorbox score`, as judges set it: a multiple of the
 * oracle's own time for that case, never under a floor (the oracle's runs take milliseconds; a candidate in Python
 * pays an interpreter's start). docs/environment.md states the rule.
 */
export const RELATIVE_TIME_LIMIT: Readonly<{ factor: number; floorMs: number }> = Object.freeze({
  factor: 20,
  floorMs: 1000,
});

/** The wall-time limit of one test from the oracle's time on it: max(1 s, 20 × the oracle's time), in whole ms. */
export function relativeTimeLimitMs(oracleMs: number): number {
  return Math.max(RELATIVE_TIME_LIMIT.floorMs, Math.ceil(RELATIVE_TIME_LIMIT.factor * oracleMs));
}
