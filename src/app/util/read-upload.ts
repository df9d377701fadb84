/** Reading files the user picked or dropped, with a size cap so a wrong pick cannot freeze the tab. */

/** Larger uploads are refused: more than any reasonable candidate or test input. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export type Upload = { kind: 'ok'; name: string; bytes: Uint8Array } | { kind: 'error'; message: string };

export async function readUpload(file: File): Promise<Upload> {
  if (file.size > MAX_UPLOAD_BYTES)
    return {
      kind: 'error',
      message: `${file.name} is ${Math.round(file.size / 1024 / 1024)} MiB; uploads are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`,
    };
  try {
    return { kind: 'ok', name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch (e) {
    return { kind: 'error', message: `could not read ${file.name} (${(e as Error).message}); try picking it again` };
  }
}

/** Text when the bytes are UTF-8 (and not too large to edit), else the bytes themselves. */
export function textOrBytes(bytes: Uint8Array, maxTextBytes = 2 * 1024 * 1024): string | Uint8Array {
  if (bytes.length > maxTextBytes) return bytes;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return bytes;
  }
}
