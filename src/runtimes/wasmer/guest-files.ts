/**
 * A run's files at absolute guest paths (`dir/name` → `/dir/name`), the form package definitions require. Copies,
 * because the SDK may keep the buffers and callers reuse theirs for the next run.
 */
export function guestFiles(files: Record<string, Uint8Array> | undefined): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const [path, data] of Object.entries(files ?? {})) {
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length > 0) out[`/${parts.join('/')}`] = data.slice();
  }
  return out;
}
