import { WasmerError } from '@wasmer/sdk';

/**
 * The SDK reports a WebAssembly trap in the guest (unreachable, out-of-bounds access, stack exhaustion) not as an
 * exit status but as a rejected promise: a WasmerError `EXECUTION_ERROR` whose message carries the engine's
 * `RuntimeError`. Returns the trap's message, or undefined for any other error (those are bugs, not outcomes).
 */
export function trapMessage(error: unknown): string | undefined {
  if (!WasmerError.is(error, 'EXECUTION_ERROR')) return undefined;
  const match = /RuntimeError: (?:js: )?([^\n]+)/.exec(error.message);
  if (!match) return undefined;
  const message = match[1] as string;
  // Same wording as the shim for the common case of unbounded recursion.
  return /call stack/i.test(message) ? 'stack overflow (unbounded recursion?)' : message;
}
