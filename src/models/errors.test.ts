import { describe, expect, it } from 'vitest';
import { classifyFailure, scrub, type ProviderFailure } from './errors.ts';

const kindOf = (f: ProviderFailure): string => {
  const a = classifyFailure(f, 0);
  return a.kind === 'retryable' ? 'retry' : a.turn.kind === 'error' ? a.turn.error.kind : 'ok';
};

describe('classifyFailure', () => {
  it.each<[string, ProviderFailure, string]>([
    ['401', { status: 401, message: 'invalid x-api-key' }, 'auth'],
    ['403', { status: 403, type: 'permission_error', message: 'no access' }, 'auth'],
    [
      'OpenAI quota is a 429 that must not be retried',
      { status: 429, code: 'insufficient_quota', message: 'quota' },
      'quota',
    ],
    [
      'Anthropic credit as a 400',
      { status: 400, type: 'invalid_request_error', message: 'Your credit balance is too low' },
      'quota',
    ],
    ['Anthropic billing_error', { status: 402, type: 'billing_error', message: 'pay' }, 'quota'],
    ['OpenAI context', { status: 400, code: 'context_length_exceeded', message: 'too long' }, 'context-overflow'],
    [
      'Anthropic context',
      { status: 400, message: 'prompt is too long: 210345 tokens > 200000 maximum' },
      'context-overflow',
    ],
    [
      'vLLM context',
      { status: 400, message: "This model's maximum context length is 32768 tokens." },
      'context-overflow',
    ],
    ['llama.cpp context', { status: 400, type: 'exceed_context_size_error', message: 'x' }, 'context-overflow'],
    ['413', { status: 413, type: 'request_too_large', message: 'big' }, 'context-overflow'],
    ['429', { status: 429, type: 'rate_limit_error', message: 'slow down' }, 'retry'],
    ['408', { status: 408, message: 'timeout' }, 'retry'],
    ['529', { status: 529, type: 'overloaded_error', message: 'Overloaded' }, 'retry'],
    ['in-stream overloaded', { type: 'overloaded_error', message: 'Overloaded' }, 'retry'],
    ['in-stream invalid request', { type: 'invalid_request_error', message: 'bad' }, 'bad-request'],
    ['404 model', { status: 404, type: 'not_found_error', message: 'model: nope' }, 'bad-request'],
    [
      '500 the server says not to retry',
      { status: 500, message: 'x', headers: new Headers({ 'x-should-retry': 'false' }) },
      'unavailable',
    ],
  ])('%s', (_name, failure, expected) => {
    expect(kindOf(failure)).toBe(expected);
  });

  it('carries the Retry-After of a retryable failure', () => {
    expect(
      classifyFailure({ status: 429, message: 'x', headers: new Headers({ 'retry-after': '2' }) }, 0),
    ).toMatchObject({
      kind: 'retryable',
      retryAfterMs: 2000,
    });
  });

  it('scrubs the key from any text', () => {
    expect(scrub('key test-key-not-real-0001 was bad', 'test-key-not-real-0001')).toBe('key [redacted] was bad');
  });
});
