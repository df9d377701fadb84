import { describe, expect, it } from 'vitest';
import { trapMessage } from './guest-failure.ts';

/** An error shaped as the SDK rejects a process's wait() with (matched by shape; see guest-failure.ts). */
function executionError(message: string): Error {
  return Object.assign(new Error(message), { name: 'WasmerError', code: 'EXECUTION_ERROR' });
}

describe('trapMessage', () => {
  it("is the engine's words for a trap in the guest", () => {
    expect(trapMessage(executionError('call failed - RuntimeError: js: unreachable'))).toBe('unreachable');
    expect(trapMessage(executionError('RuntimeError: Maximum call stack size exceeded'))).toBe(
      'stack overflow (unbounded recursion?)',
    );
  });

  it('is nothing for a page out of WebAssembly memory: the page failed, not the guest', () => {
    const error = executionError(
      'Failed to create WASI context: Failed to create the instance - RuntimeError: js: WebAssembly.Instance(): ' +
        'Out of memory: Cannot allocate Wasm memory for new instance',
    );
    expect(trapMessage(error)).toBeUndefined();
  });

  it('is nothing for errors that are not the SDK reporting a run', () => {
    expect(trapMessage(new Error('RuntimeError: unreachable'))).toBeUndefined();
    expect(trapMessage(undefined)).toBeUndefined();
  });
});
