import { concatBytes } from './bytes.ts';

/**
 * Just enough of the WebAssembly binary format to enforce a memory limit: a module's own memory declaration gets a
 * maximum, so `memory.grow` fails inside the program (malloc returns NULL) instead of exhausting the host.
 */

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const CORE_VERSION = [0x01, 0x00, 0x00, 0x00];
const SECTION_MEMORY = 5;
export const PAGE_BYTES = 65536;

export type Inspection =
  { kind: 'core'; bytes: Uint8Array; initialPages: number | undefined } | { kind: 'error'; message: string };

/**
 * Checks the header and caps every memory the module defines at `maxPages`. Imported memories are left alone: a
 * WASI command defines its own.
 */
export function capMemory(bytes: Uint8Array, maxPages: number): Inspection {
  if (bytes.length < 8 || !MAGIC.every((b, i) => bytes[i] === b)) {
    return { kind: 'error', message: 'not a WebAssembly module (the file does not start with \\0asm)' };
  }
  if (!CORE_VERSION.every((b, i) => bytes[4 + i] === b)) {
    if (bytes[6] === 0x01 && bytes[7] === 0x00) {
      return {
        kind: 'error',
        message:
          'this is a WebAssembly component (WASI preview 2); build a WASI preview 1 module (e.g. --target wasm32-wasip1)',
      };
    }
    return {
      kind: 'error',
      message: `unsupported WebAssembly version ${bytes[4]}.${bytes[5]}.${bytes[6]}.${bytes[7]}`,
    };
  }
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let initialPages: number | undefined;
  let pos = 8;
  try {
    while (pos < bytes.length) {
      const id = bytes[pos] as number;
      const sizeField = readU32(bytes, pos + 1);
      const start = sizeField.next;
      const end = start + sizeField.value;
      if (end > bytes.length)
        return { kind: 'error', message: `section ${id} runs past the end of the file (truncated upload?)` };
      if (id !== SECTION_MEMORY) {
        parts.push(bytes.subarray(pos, end));
      } else {
        const rewritten = rewriteMemorySection(bytes.subarray(start, end), maxPages);
        initialPages = rewritten.initialPages;
        parts.push(Uint8Array.from([SECTION_MEMORY, ...encodeU32(rewritten.body.length), ...rewritten.body]));
      }
      pos = end;
    }
  } catch (e) {
    return { kind: 'error', message: `malformed module: ${(e as Error).message}` };
  }
  return { kind: 'core', bytes: concatBytes(parts), initialPages };
}

function rewriteMemorySection(body: Uint8Array, maxPages: number): { body: number[]; initialPages: number } {
  const count = readU32(body, 0);
  let pos = count.next;
  const out = [...encodeU32(count.value)];
  let initialPages = 0;
  for (let i = 0; i < count.value; i++) {
    const flags = body[pos] as number;
    if (flags > 3) throw new Error('64-bit memories are not supported');
    const min = readU32(body, pos + 1);
    pos = min.next;
    let max = maxPages;
    if (flags & 1) {
      const declared = readU32(body, pos);
      pos = declared.next;
      max = Math.min(declared.value, maxPages);
    }
    initialPages = Math.max(initialPages, min.value);
    // Keep the shared bit; always declare a maximum.
    out.push((flags & 2) | 1, ...encodeU32(min.value), ...encodeU32(Math.max(max, 0)));
  }
  if (pos !== body.length) throw new Error('trailing bytes in the memory section');
  return { body: out, initialPages };
}

function readU32(bytes: Uint8Array, at: number): { value: number; next: number } {
  let result = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    if (pos >= bytes.length) throw new Error('unexpected end of module');
    const byte = bytes[pos++] as number;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
    if (shift > 28) throw new Error('integer too long');
  }
  return { value: result, next: pos };
}

function encodeU32(value: number): number[] {
  const out: number[] = [];
  let v = value;
  do {
    let byte = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}
