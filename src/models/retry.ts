import type { ModelError, ModelTurn, RetryPolicy, StreamEvent, Usage } from '../agent/model-client.ts';

/** Time as the retry loop sees it; tests pass a fake one so that back-offs cost no wall time. */
export interface Clock {
  /** Milliseconds since the epoch (a Retry-After may be an HTTP date). */
  now(): number;
  /** Resolves after `ms`, or rejects at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** In [0, 1): the back-off's jitter. */
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Defaults in the spirit of Inspect AI's (patient with rate limits, since an agent run is long and a lost turn is
 * expensive) but bounded, so that a dead server ends the turn `unavailable` within minutes.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 8,
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 600_000,
};

/** One attempt's outcome: final (success or an error retrying cannot fix), or worth another try. */
export type Attempt =
  | { kind: 'final'; turn: ModelTurn }
  | {
      kind: 'retryable';
      error: Extract<ModelError, { kind: 'unavailable' }>;
      /** What the server asked for (Retry-After / retry-after-ms), if anything. */
      retryAfterMs?: number;
      usage?: Usage;
    };

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

export function addUsage(a: Usage | undefined, b: Usage | undefined): Usage | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}

/** The wait before retry number `retry` (1-based): exponential with jitter, never below what the server asked. */
export function backoffMs(policy: RetryPolicy, retry: number, random: number, retryAfterMs?: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (retry - 1));
  // Jitter keeps many runs that hit one limit together from retrying in lockstep; half the delay stays fixed.
  const jittered = Math.round(exponential * (0.5 + 0.5 * random));
  return Math.max(jittered, Math.ceil(retryAfterMs ?? 0));
}

/**
 * Runs `attempt` until it is final, the retries run out, or `signal` aborts. Usage reported by failed attempts is
 * added to the turn's (they may have been billed). Never throws.
 */
export async function withRetries(
  attempt: (signal: AbortSignal) => Promise<Attempt>,
  options: { policy: RetryPolicy; clock: Clock; signal: AbortSignal; onEvent?: (e: StreamEvent) => void },
): Promise<ModelTurn> {
  const { policy, clock, signal } = options;
  const maxRetryAfterMs = policy.maxRetryAfterMs ?? DEFAULT_RETRY_POLICY.maxRetryAfterMs ?? Infinity;
  let spent: Usage | undefined;
  for (let retry = 1; ; retry++) {
    if (signal.aborted) return withUsage({ kind: 'error', error: { kind: 'cancelled' } }, spent);
    let outcome: Attempt;
    try {
      outcome = await attempt(signal);
    } catch (error) {
      // Clients classify every provider failure themselves; what still escapes is a bug here, not the provider's.
      const message = `client: ${error instanceof Error ? error.message : String(error)}`;
      return withUsage({ kind: 'error', error: { kind: 'bad-request', message } }, spent);
    }
    if (outcome.kind === 'final') {
      const turn = outcome.turn;
      if (turn.kind === 'ok') return { ...turn, usage: addUsage(spent, turn.usage) ?? turn.usage };
      return withUsage(turn, addUsage(spent, turn.usage));
    }
    spent = addUsage(spent, outcome.usage);
    if (signal.aborted) return withUsage({ kind: 'error', error: { kind: 'cancelled' } }, spent);
    if (retry > policy.maxRetries) {
      const error = { ...outcome.error, message: `${outcome.error.message} (gave up after ${retry} attempts)` };
      return withUsage({ kind: 'error', error }, spent);
    }
    if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > maxRetryAfterMs) {
      const seconds = Math.ceil(outcome.retryAfterMs / 1000);
      const error = { ...outcome.error, message: `${outcome.error.message} (the server asks to wait ${seconds} s)` };
      return withUsage({ kind: 'error', error }, spent);
    }
    const waitMs = backoffMs(policy, retry, clock.random(), outcome.retryAfterMs);
    options.onEvent?.({ kind: 'retry', attempt: retry, waitMs, reason: outcome.error.message });
    try {
      await clock.sleep(waitMs, signal);
    } catch {
      return withUsage({ kind: 'error', error: { kind: 'cancelled' } }, spent);
    }
  }
}

function withUsage(turn: Extract<ModelTurn, { kind: 'error' }>, usage: Usage | undefined): ModelTurn {
  return usage ? { ...turn, usage } : { kind: 'error', error: turn.error };
}

/**
 * The server's requested wait, from `retry-after-ms` (milliseconds, as OpenAI and Anthropic send) or `retry-after`
 * (seconds or an HTTP date). Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Headers | undefined, nowMs: number): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
