import type { TextOrBytes } from './test-case.ts';

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Joins byte arrays (or plain byte lists) into one. */
export function concatBytes(parts: readonly ArrayLike<number>[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function utf8Bytes(text: string): Uint8Array {
  return utf8.encode(text);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Decodes the JSON form used in test cases and packs: text when it is valid UTF-8, base64 otherwise. */
export function decodeTextOrBytes(value: TextOrBytes): Uint8Array {
  return typeof value === 'string' ? utf8.encode(value) : fromBase64(value.base64);
}

export function encodeTextOrBytes(bytes: Uint8Array): TextOrBytes {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return { base64: toBase64(bytes) };
  }
}

export function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
