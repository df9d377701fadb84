import { describe, expect, it } from 'vitest';
import type { ModelTurn } from '../agent/model-client.ts';
import { backoffMs, retryAfterMs, withRetries, type Attempt, type Clock } from './retry.ts';

const NOW = Date.parse('2026-12-04T12:00:00Z');

function clock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  let now = NOW;
  return {
    sleeps,
    now: () => now,
    random: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

const okTurn: ModelTurn = {
  kind: 'ok',
  message: { role: 'assistant', content: [] },
  toolCalls: [],
  usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
  stop: 'end',
};

const busy = (retryAfter?: number): Attempt => ({
  kind: 'retryable',
  error: { kind: 'unavailable', status: 503, message: '503 busy' },
  ...(retryAfter !== undefined && { retryAfterMs: retryAfter }),
  usage: { inputTokens: 5, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
});

describe('retry-after', () => {
  it('reads retry-after-ms first, then seconds, then an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), NOW)).toBe(1500);
    expect(retryAfterMs(new Headers({ 'retry-after': '9' }), NOW)).toBe(9000);
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(NOW + 30_000).toUTCString() }), NOW)).toBe(30_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), NOW)).toBeUndefined();
    expect(retryAfterMs(new Headers(), NOW)).toBeUndefined();
    expect(retryAfterMs(undefined, NOW)).toBeUndefined();
  });

  it('back-off doubles up to the cap and never goes below what the server asked', () => {
    const policy = { maxRetries: 5, initialDelayMs: 100, maxDelayMs: 350 };
    expect([1, 2, 3, 4].map((n) => backoffMs(policy, n, 1))).toEqual([100, 200, 350, 350]);
    expect(backoffMs(policy, 1, 0)).toBe(50);
    expect(backoffMs(policy, 1, 0, 5000)).toBe(5000);
  });
});

describe('withRetries', () => {
  it('turns an attempt that throws (a bug in a client) into a bad-request turn', async () => {
    const turn = await withRetries(
      async () => {
        throw new TypeError('oops');
      },
      {
        policy: { maxRetries: 5, initialDelayMs: 10, maxDelayMs: 100 },
        clock: clock(),
        signal: new AbortController().signal,
      },
    );
    expect(turn).toEqual({ kind: 'error', error: { kind: 'bad-request', message: 'client: oops' } });
  });

  it('sums the usage of failed attempts into the turn that finally succeeds', async () => {
    const outcomes = [busy(), busy(), { kind: 'final', turn: okTurn } as const];
    const c = clock();
    const turn = await withRetries(async () => outcomes.shift() ?? busy(), {
      policy: { maxRetries: 5, initialDelayMs: 10, maxDelayMs: 100 },
      clock: c,
      signal: new AbortController().signal,
    });
    expect(turn).toMatchObject({ kind: 'ok', usage: { inputTokens: 11, outputTokens: 1 } });
    expect(c.sleeps).toEqual([5, 10]);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs', async () => {
    const c = clock();
    let calls = 0;
    const turn = await withRetries(
      async () => {
        calls++;
        return busy(3_600_000);
      },
      {
        policy: { maxRetries: 5, initialDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 60_000 },
        clock: c,
        signal: new AbortController().signal,
      },
    );
    expect(turn).toMatchObject({
      kind: 'error',
      error: { kind: 'unavailable', message: expect.stringContaining('3600 s') },
    });
    expect(calls).toBe(1);
    expect(c.sleeps).toEqual([]);
  });

  it('ends cancelled, keeping the usage spent, when the signal aborts between attempts', async () => {
    const controller = new AbortController();
    const turn = await withRetries(
      async () => {
        controller.abort();
        return busy();
      },
      { policy: { maxRetries: 5, initialDelayMs: 10, maxDelayMs: 100 }, clock: clock(), signal: controller.signal },
    );
    expect(turn).toEqual({
      kind: 'error',
      error: { kind: 'cancelled' },
      usage: { inputTokens: 5, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    });
  });
});
