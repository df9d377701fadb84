/** Resource limits of one run. Every limit ends the run with its own result kind, never an exception. */
export interface Limits {
  /** Wall-clock time of one run, in milliseconds. */
  wallMs: number;
  /** Bytes one output stream (stdout or stderr) may carry. */
  outputBytes: number;
  /** Linear memory the module may grow to, in bytes (rounded down to 64 KiB pages). */
  memoryBytes: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  wallMs: 10_000,
  outputBytes: 16 * 1024 * 1024,
  memoryBytes: 1024 * 1024 * 1024,
});

export function withDefaults(limits: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...limits };
}
