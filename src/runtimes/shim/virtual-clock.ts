import { CLOCK_TICK_NS, MONOTONIC_START_NS } from '../../core/environment.ts';

/**
 * Deterministic time: both clocks start at fixed instants and advance by a fixed tick per read, and sleeping
 * advances them instead of waiting. The same program therefore sees the same times on every run and machine.
 */
export class VirtualClock {
  private elapsedNs = 0n;
  constructor(private readonly realtimeStartNs: bigint) {}

  realtime(): bigint {
    return this.realtimeStartNs + this.tick();
  }
  monotonic(): bigint {
    return MONOTONIC_START_NS + this.tick();
  }
  /** Moves both clocks forward, as a sleep would. */
  advance(ns: bigint): void {
    if (ns > 0n) this.elapsedNs += ns;
  }
  /** Current monotonic reading without advancing (for absolute-deadline sleeps). */
  peekMonotonic(): bigint {
    return MONOTONIC_START_NS + this.elapsedNs;
  }
  peekRealtime(): bigint {
    return this.realtimeStartNs + this.elapsedNs;
  }
  private tick(): bigint {
    this.elapsedNs += CLOCK_TICK_NS;
    return this.elapsedNs;
  }
}
