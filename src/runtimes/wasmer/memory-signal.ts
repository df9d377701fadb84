import { utf8Bytes } from '../../core/bytes.ts';

/**
 * Written to stderr by the rewritten guest (guest-rewrite.ts) the first time its memory grows to within the
 * memory-limit level: the SDK does not expose a guest's memory, so this is how the runner learns that a run ended
 * badly at the cap. Control bytes around it make a collision with a program's own output implausible.
 */
export const MEMORY_SIGNAL: Uint8Array = utf8Bytes('\u0000\u001b[mirrorbox:memory-at-limit]\u001b\u0000');

/**
 * Written to stderr by the rewritten guest the first time it refuses a write for the file limit (ENOSPC), so that
 * the runner can report the run as `file-limit`. At most 48 bytes: the guest writes it from borrowed scratch memory.
 */
export const FILE_SIGNAL: Uint8Array = utf8Bytes('\u0000\u001b[mirrorbox:file-limit]\u001b\u0000');

/** Removes the memory signal from captured stderr; says whether it was there. */
export function takeMemorySignal(stderr: Uint8Array): { stderr: Uint8Array; signalled: boolean } {
  return takeSignal(stderr, MEMORY_SIGNAL);
}

/** Removes `signal` from captured stderr; says whether it was there. */
export function takeSignal(stderr: Uint8Array, signal: Uint8Array): { stderr: Uint8Array; signalled: boolean } {
  const at = indexOf(stderr, signal);
  if (at < 0) return { stderr, signalled: false };
  const out = new Uint8Array(stderr.length - signal.length);
  out.set(stderr.subarray(0, at));
  out.set(stderr.subarray(at + signal.length), at);
  return { stderr: out, signalled: true };
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  outer: for (let i = haystack.indexOf(first as number); i >= 0 && i + needle.length <= haystack.length;) {
    for (let j = 1; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) {
        i = haystack.indexOf(first as number, i + 1);
        continue outer;
      }
    }
    return i;
  }
  return -1;
}
