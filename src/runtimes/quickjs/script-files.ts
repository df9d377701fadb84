import { bytesEqual } from '../../core/bytes.ts';

/**
 * How many files a run may create beyond the test's own: each costs host memory (its name, its map entry) that the
 * file limit, counting bytes of data, does not see. Past it, creating one fails with ENOSPC as on a file system out of
 * inodes, and the run is reported at the file limit (the same budget as Pyodide's, src/runtimes/pyodide/file-system.ts).
 */
export const MAX_NEW_FILES = 1 << 14;

/**
 * The working directory of a script run: the request's files by relative path, nothing else. Paths are normalised
 * the way a process in `/` would see them (`./a`, `/a` and `a` are one file); `..` cannot leave the directory.
 */
export class ScriptFiles {
  private readonly files = new Map<string, Uint8Array>();
  private held = 0;
  /** Files created by the run (the test's own not counted). */
  private created = 0;
  /** True once a write was refused because the files would have held more than the limit. */
  refused = false;
  constructor(
    private readonly before: Record<string, Uint8Array> | undefined,
    private readonly limitBytes = Infinity,
  ) {
    // Copies: the program may overwrite a file, and the caller's bytes are reused for the next run.
    for (const [path, data] of Object.entries(before ?? {})) this.files.set(normalize(path), data.slice());
    for (const data of this.files.values()) this.held += data.length;
  }

  /**
   * Whether `path` may become `length` bytes long under the run's file limit (Limits.fileBytes: all files at once,
   * the test's own included). Asked before the new contents are copied out of the engine; a no is remembered.
   */
  room(path: string, length: number): boolean {
    const old = this.files.get(normalize(path))?.length ?? 0;
    if (this.held - old + length <= this.limitBytes) return true;
    this.refused = true;
    return false;
  }

  read(path: string): Uint8Array | undefined {
    return this.files.get(normalize(path));
  }
  /** Stores `data` as the file at `path`; false (and nothing stored) when the file limit has no room for it. */
  write(path: string, data: Uint8Array): boolean {
    const key = normalize(path);
    if (!this.files.has(key) && this.created >= MAX_NEW_FILES) {
      this.refused = true;
      return false;
    }
    if (!this.room(path, data.length)) return false;
    if (!this.files.has(key)) this.created++;
    this.held += data.length - (this.files.get(key)?.length ?? 0);
    this.files.set(key, data);
    return true;
  }
  /** A file, or a directory implied by a file below it. */
  exists(path: string): boolean {
    const p = normalize(path);
    if (p === '' || this.files.has(p)) return true;
    for (const name of this.files.keys()) if (name.startsWith(`${p}/`)) return true;
    return false;
  }

  /** Files created or changed by the run, sorted by path, as the WASI runner reports them. */
  changed(): Record<string, Uint8Array> {
    const out: Record<string, Uint8Array> = {};
    for (const path of [...this.files.keys()].sort()) {
      const data = this.files.get(path) as Uint8Array;
      const old = this.before?.[path];
      // Not copied: these files are this run's own and dropped after it.
      if (!old || !bytesEqual(old, data)) out[path] = data;
    }
    return out;
  }
}

export function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
