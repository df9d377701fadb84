import { utf8Bytes } from './bytes.ts';
import { digestFields } from './digest.ts';

/** One file of a user's workspace: text they edit, or bytes they uploaded (a prebuilt .wasm, a data file). */
export interface SourceFile {
  /** Relative path, e.g. `main.c` or `src/lib.rs`. */
  name: string;
  content: string | Uint8Array;
}

export function sourceBytes(file: SourceFile): Uint8Array {
  return typeof file.content === 'string' ? utf8Bytes(file.content) : file.content;
}

/**
 * Why a file name is not acceptable, or undefined when it is. Names become paths in exports and, for compilers,
 * in a file system, so they are kept relative, short and free of `.`/`..` segments.
 */
export function fileNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'a file needs a name';
  if (name.length > 200) return 'file names are at most 200 characters';
  if (name.startsWith('/')) return 'use a relative name (no leading /)';
  if (/[\\\x00-\x1f]/.test(name)) return 'file names cannot hold backslashes or control characters';
  if (name.split('/').some((part) => part === '' || part === '.' || part === '..'))
    return 'file names cannot have empty, . or .. parts';
  return undefined;
}

const DIGEST_DOMAIN = 'mirrorbox-sources/1\n';

/** Hex SHA-256 standing for a set of files (names and contents, order ignored): the "code hash" of a submission. */
export function sourcesDigest(files: readonly SourceFile[]): string {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return digestFields(
    DIGEST_DOMAIN,
    sorted.flatMap((f) => [utf8Bytes(f.name), sourceBytes(f)]),
  );
}
