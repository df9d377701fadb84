import { bytesEqual } from '../../core/bytes.ts';

/**
 * The working directory of a script run: the request's files by relative path, nothing else. Paths are normalised
 * the way a process in `/` would see them (`./a`, `/a` and `a` are one file); `..` cannot leave the directory.
 */
export class ScriptFiles {
  private readonly files = new Map<string, Uint8Array>();
  constructor(private readonly before: Record<string, Uint8Array> | undefined) {
    // Copies: the program may overwrite a file, and the caller's bytes are reused for the next run.
    for (const [path, data] of Object.entries(before ?? {})) this.files.set(normalize(path), data.slice());
  }

  read(path: string): Uint8Array | undefined {
    return this.files.get(normalize(path));
  }
  write(path: string, data: Uint8Array): void {
    this.files.set(normalize(path), data);
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
      if (!old || !bytesEqual(old, data)) out[path] = data.slice();
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
