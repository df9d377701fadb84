import { isOutOfWasmMemory } from '../out-of-wasm-memory.ts';

/**
 * The SDK reports a WebAssembly trap in the guest (unreachable, out-of-bounds access, stack exhaustion) not as an
 * exit status but as a rejected promise: a WasmerError `EXECUTION_ERROR` whose message carries the engine's
 * `RuntimeError`. Returns the trap's message, or undefined for any other error (those are bugs, not outcomes).
 */
export function trapMessage(error: unknown): string | undefined {
  // Matched by shape, not with the SDK's WasmerError.is (instanceof): in the browser the SDK is imported at run time
  // from the site's copy (src/browser/wasmer-sdk-client.ts), so its errors are not instances of a bundled class, and
  // importing that class would bundle the whole SDK into the worker.
  const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  if (name !== 'WasmerError' || code !== 'EXECUTION_ERROR' || typeof message !== 'string') return undefined;
  const match = /RuntimeError: (?:js: )?([^\n]+)/.exec(message);
  if (!match) return undefined;
  const trap = match[1] as string;
  // No room for the guest's memory is the page's state, not the guest's outcome (the browser wrapper restarts).
  if (isOutOfWasmMemory(trap)) return undefined;
  // Same wording as the shim for the common case of unbounded recursion.
  return /call stack/i.test(trap) ? 'stack overflow (unbounded recursion?)' : trap;
}
