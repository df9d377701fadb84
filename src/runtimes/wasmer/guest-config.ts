import { concatBytes, utf8Bytes } from '../../core/bytes.ts';
import { PAGE_BYTES } from '../../core/wasm-binary.ts';

/**
 * The per-run part of the contract that the rewritten guest (guest-rewrite.ts) implements itself: clock start,
 * random state, environment and the memory level that counts as "at the limit". The SDK has no channel that could
 * carry it into the module unchanged (its environment comes out in random order), so it travels as the module's
 * last data segment, a passive one the rewriter adds with placeholder bytes. Patching that segment is a byte copy of
 * the module: the expensive rewrite happens once per program, the patch once per distinct request.
 *
 * Layout, little-endian: realtime start (i64) | sfc32 state a b c d (4 × i32) | environment count (i32) |
 * environment bytes (i32) | memory-limit level in pages (i32, 0 = never) | file room in bytes (u32: the file limit less
 * the test's own files) | one offset per variable
 * (i32, relative to the strings) | the `KEY=value\0` strings.
 */
export const CONFIG_HEADER_BYTES = 40;

/** What the rewriter puts in the segment; `patchConfig` checks for it, so it never overwrites anything else. */
export const CONFIG_PLACEHOLDER: Uint8Array = (() => {
  const bytes = new Uint8Array(CONFIG_HEADER_BYTES);
  bytes.set(utf8Bytes('mirrorbox-guest-config/1'));
  return bytes;
})();

export interface GuestConfig {
  clockNs: bigint;
  /** sfc32 state after seeding, so the guest only has to step the generator. */
  random: readonly [number, number, number, number];
  env: Record<string, string>;
  memoryLimitPages: number;
  /** Bytes the run's files may grow by: Limits.fileBytes less the bytes of the test's own files (at least 0). */
  fileRoomBytes: number;
}

/** The bytes of the config segment for one run. */
export function encodeConfig(config: GuestConfig): Uint8Array {
  const strings = Object.entries(config.env).map(([k, v]) => utf8Bytes(`${k}=${v}\0`));
  const stringBytes = strings.reduce((n, s) => n + s.length, 0);
  const tableBytes = 4 * strings.length;
  const out = new Uint8Array(CONFIG_HEADER_BYTES + tableBytes + stringBytes);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt.asUintN(64, config.clockNs), true);
  config.random.forEach((word, i) => view.setUint32(8 + 4 * i, word >>> 0, true));
  view.setUint32(24, strings.length, true);
  view.setUint32(28, stringBytes, true);
  view.setUint32(32, config.memoryLimitPages, true);
  view.setUint32(36, Math.min(0xffffffff, Math.max(0, Math.floor(config.fileRoomBytes))), true);
  let offset = 0;
  strings.forEach((s, i) => {
    view.setUint32(CONFIG_HEADER_BYTES + 4 * i, offset, true);
    out.set(s, CONFIG_HEADER_BYTES + tableBytes + offset);
    offset += s.length;
  });
  return out;
}

/**
 * The memory level at which a run that ends badly is reported as `memory-limit`: within 1/16 of the cap (at least a
 * page), as the shim judges it (src/runtimes/shim/run-wasi.ts). In whole pages, since memory only grows by pages.
 */
export function memoryLimitPages(memoryBytes: number): number {
  const capBytes = Math.floor(memoryBytes / PAGE_BYTES) * PAGE_BYTES;
  const levelBytes = capBytes - Math.max(PAGE_BYTES, Math.floor(capBytes / 16));
  return Math.max(1, Math.ceil(levelBytes / PAGE_BYTES));
}

const DATA_SECTION = 11;
const PASSIVE_SEGMENT = 1;

export type Patched = { kind: 'ok'; bytes: Uint8Array } | { kind: 'error'; message: string };

/**
 * Replaces the placeholder config segment, the last segment of the data section, with `config`. Only the data
 * section's size, the segment's length and its bytes change; every index in the module stays as it was.
 */
export function patchConfig(template: Uint8Array, config: Uint8Array): Patched {
  const section = findLastSection(template, DATA_SECTION);
  if (!section) return { kind: 'error', message: 'rewritten module has no data section' };
  const contentStart = section.end - CONFIG_PLACEHOLDER.length;
  const lengthBytes = uleb(CONFIG_PLACEHOLDER.length);
  const segmentStart = contentStart - lengthBytes.length - 1;
  const expected = [PASSIVE_SEGMENT, ...lengthBytes, ...CONFIG_PLACEHOLDER];
  if (segmentStart < section.bodyStart || expected.some((b, i) => template[segmentStart + i] !== b)) {
    return { kind: 'error', message: 'rewritten module does not end in its config segment' };
  }
  const segment = concatBytes([Uint8Array.of(PASSIVE_SEGMENT), uleb(config.length), config]);
  const body = concatBytes([template.subarray(section.bodyStart, segmentStart), segment]);
  return {
    kind: 'ok',
    bytes: concatBytes([
      template.subarray(0, section.start),
      Uint8Array.of(DATA_SECTION),
      uleb(body.length),
      body,
      template.subarray(section.end),
    ]),
  };
}

function findLastSection(bytes: Uint8Array, id: number): { start: number; bodyStart: number; end: number } | undefined {
  let found: { start: number; bodyStart: number; end: number } | undefined;
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const sectionId = bytes[at++] as number;
    const size = readUleb(bytes, at);
    if (!size) return undefined;
    at = size.next + size.value;
    if (at > bytes.length) return undefined;
    if (sectionId === id) found = { start, bodyStart: size.next, end: at };
  }
  return found;
}

function readUleb(bytes: Uint8Array, at: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    const byte = bytes[at++];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: at };
  }
  return undefined;
}

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}
