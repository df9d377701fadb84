import { sha256 } from '@noble/hashes/sha256';
import { hex, utf8Bytes } from './bytes.ts';

/**
 * SHA-256 from a pure-JS library, not crypto.subtle: subtle is missing on pages served over plain http from another
 * host (a workshop laptop on a LAN), and hashing must behave the same everywhere.
 */
export function sha256Hex(bytes: Uint8Array): string {
  return hex(sha256(bytes));
}

/** Hashes a sequence of byte fields unambiguously (each prefixed by its length). */
export function digestFields(domain: string, fields: readonly Uint8Array[]): string {
  const h = sha256.create();
  h.update(utf8Bytes(domain));
  for (const f of fields) {
    const len = new Uint8Array(8);
    new DataView(len.buffer).setBigUint64(0, BigInt(f.length), true);
    h.update(len);
    h.update(f);
  }
  return hex(h.digest());
}
