import type { ModelError, Usage } from '../agent/model-client.ts';
import type { Attempt } from './retry.ts';
import { retryAfterMs } from './retry.ts';

/** A failed request as either SDK reports it, reduced to what the classification reads. */
export interface ProviderFailure {
  /** HTTP status; undefined for an error event inside a stream that had already begun (status 200). */
  status?: number;
  /** The body's error type (Anthropic `error.type`, OpenAI `error.type`). */
  type?: string | null;
  /** The body's error code (OpenAI `error.code`, Anthropic `error.details.error_code`). */
  code?: string | null;
  message: string;
  headers?: Headers;
}

const QUOTA_TYPES = new Set(['billing_error', 'insufficient_quota']);
const QUOTA_MESSAGE =
  /credit balance|insufficient[_ ](credit|funds|quota|balance)|exceeded your current quota|billing/i;
const CONTEXT_CODES = new Set(['context_length_exceeded', 'exceed_context_size_error', 'request_too_large']);
const CONTEXT_MESSAGE =
  /prompt is too long|context (length|window|size)|maximum context|exceeds? (the )?(available |model'?s? )?context|too many (input )?tokens/i;
/** Error types a stream can end with after it began (status 200), which a new attempt may well not hit. */
const TRANSIENT_TYPES = new Set(['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error', 'server_error']);

/**
 * What a failure means for the run. The order matters: OpenAI reports an exhausted quota as 429, which must pause the
 * run rather than be retried like a rate limit; a context overflow is a 400 that the loop answers with a reset.
 */
export function classifyFailure(failure: ProviderFailure, nowMs: number): Attempt {
  const { status } = failure;
  const type = failure.type ?? undefined;
  const code = failure.code ?? undefined;
  const message = failure.message;
  if (status === 401 || status === 403 || type === 'authentication_error' || type === 'permission_error') {
    return final({ kind: 'auth', ...(status !== undefined && { status }), message });
  }
  if (
    status === 402 ||
    (type !== undefined && QUOTA_TYPES.has(type)) ||
    (code !== undefined && QUOTA_TYPES.has(code)) ||
    ((status === 400 || status === 429) && QUOTA_MESSAGE.test(message))
  ) {
    return final({ kind: 'quota', ...(status !== undefined && { status }), message });
  }
  if (
    status === 413 ||
    (code !== undefined && CONTEXT_CODES.has(code)) ||
    (type !== undefined && CONTEXT_CODES.has(type)) ||
    ((status === 400 || status === undefined) && CONTEXT_MESSAGE.test(message))
  ) {
    return final({ kind: 'context-overflow', message });
  }
  const transient =
    status === undefined
      ? type === undefined || TRANSIENT_TYPES.has(type)
      : status === 408 || status === 409 || status === 429 || status >= 500;
  if (transient && failure.headers?.get('x-should-retry') !== 'false') {
    const wait = retryAfterMs(failure.headers, nowMs);
    return {
      kind: 'retryable',
      error: { kind: 'unavailable', ...(status !== undefined && { status }), message },
      ...(wait !== undefined && { retryAfterMs: wait }),
    };
  }
  if (transient) return final({ kind: 'unavailable', ...(status !== undefined && { status }), message });
  return final({ kind: 'bad-request', ...(status !== undefined && { status }), message });
}

/** A network failure (no response, a dropped or malformed stream): worth another attempt. */
export function networkFailure(message: string, usage?: Usage): Attempt {
  return { kind: 'retryable', error: { kind: 'unavailable', message }, ...(usage && { usage }) };
}

/** The attempt with the usage it had reported before it failed (a failed attempt may still have been billed). */
export function withSpent(attempt: Attempt, usage: Usage | undefined): Attempt {
  if (!usage) return attempt;
  if (attempt.kind === 'retryable') return { ...attempt, usage };
  return attempt.turn.kind === 'error' ? { kind: 'final', turn: { ...attempt.turn, usage } } : attempt;
}

function final(error: ModelError): Attempt {
  return { kind: 'final', turn: { kind: 'error', error } };
}

/** The key never leaves in a message, whatever a server echoes back. */
export function scrub(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join('[redacted]');
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/**
 * How one SDK reports a failure: its abort and connection error classes, and the fields of its API error. Both SDKs
 * have the same three kinds under different names; the mapping to an Attempt is the same for every provider.
 */
export interface SdkErrors {
  isAbort(error: unknown): boolean;
  isConnection(error: unknown): boolean;
  /** The API error's fields, or undefined when `error` is not one. */
  apiFailure(error: unknown): ProviderFailure | undefined;
}

export interface FailureContext {
  aborted: boolean;
  nowMs: number;
  usage: Usage | undefined;
  secret: string | undefined;
}

/** A thrown SDK error as an Attempt: cancelled, retryable network trouble, or the classified API failure. */
export function sdkFailure(error: unknown, sdk: SdkErrors, context: FailureContext): Attempt {
  const { usage, secret } = context;
  if (context.aborted || sdk.isAbort(error)) {
    return withSpent({ kind: 'final', turn: { kind: 'error', error: { kind: 'cancelled' } } }, usage);
  }
  if (sdk.isConnection(error)) return withSpent(networkFailure(scrub(`network: ${errorText(error)}`, secret)), usage);
  const failure = sdk.apiFailure(error);
  if (failure)
    return withSpent(classifyFailure({ ...failure, message: scrub(failure.message, secret) }, context.nowMs), usage);
  // A stream that broke off or could not be parsed: the server's fault, and another attempt may succeed.
  return withSpent(networkFailure(scrub(`stream: ${errorText(error)}`, secret)), usage);
}
