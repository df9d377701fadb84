/**
 * The environment contract: what every run — oracle or candidate, browser or Node — sees. Bytes depend on it, so
 * it is fixed and documented (docs/environment.md) rather than inherited from the host.
 */

/** The fixed environment. Test cases may add variables on top, never remove these. */
export const CONTRACT_ENV: Readonly<Record<string, string>> = Object.freeze({
  HOME: '/',
  LANG: 'C',
  LC_ALL: 'C',
  PATH: '/usr/local/bin:/usr/bin:/bin',
  TZ: 'UTC',
});

/** The instant every clock starts at unless a test case sets its own: 2026-01-01T00:00:00Z. */
export const CONTRACT_EPOCH = '2026-01-01T00:00:00Z';

/**
 * Each read of a clock advances it by this many nanoseconds, so elapsed-time measurements are non-zero and yet the
 * same on every run.
 */
export const CLOCK_TICK_NS = 1000n;

/** The monotonic clock starts here (1 s), independent of the wall clock, like a freshly booted machine. */
export const MONOTONIC_START_NS = 1_000_000_000n;

/** Seed of `random_get` unless a run sets its own. */
export const CONTRACT_RANDOM_SEED = 0x6d69_7272; // "mirr"

/**
 * A WebAssembly trap (unreachable, out-of-bounds access, stack exhaustion, division by zero) ends the run with this
 * exit code: 128 + SIGABRT, because most traps in C programs come from abort().
 */
export const TRAP_EXIT_CODE = 134;

/** Exit code of the CLI when a run was stopped by a limit (timeout, output, memory), as coreutils' timeout does. */
export const LIMIT_EXIT_CODE = 124;

export function contractEnv(extra?: Record<string, string>): Record<string, string> {
  return { ...CONTRACT_ENV, ...extra };
}

/** Parses an ISO-8601 instant to nanoseconds since the Unix epoch; rejects anything Date cannot read exactly. */
export function instantToNs(iso: string): bigint | undefined {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return undefined;
  return BigInt(ms) * 1_000_000n;
}
