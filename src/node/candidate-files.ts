import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SourceFile } from '../core/source-file.ts';
import type { Loaded } from './target-store.ts';

/** A folder candidate with more than this many files is almost certainly the wrong folder (a checkout, node_modules). */
const MAX_FILES = 500;

/** The candidate a user pointed the CLI at: its files, named relative to the folder (or the file's own name). */
export interface CandidateFiles {
  files: SourceFile[];
  /** Turns a file's name back into the path the user would open (the folder given, joined with the name). */
  displayPath(name: string): string;
}

/**
 * Reads a file or every file of a folder (recursively; dot-files and dot-folders such as .git are skipped) into
 * workspace files. `.wasm` files stay bytes; other files become text when they are valid UTF-8.
 */
export function readCandidateFiles(path: string): Loaded<CandidateFiles> {
  if (!existsSync(path)) return { kind: 'error', message: `${path}: no such file or folder` };
  if (!statSync(path).isDirectory()) {
    return {
      kind: 'ok',
      value: {
        files: [readSource(path, basename(path))],
        displayPath: (name) => (name === basename(path) ? path : name),
      },
    };
  }
  const files: SourceFile[] = [];
  const walk = (dir: string, prefix: string): string | undefined => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const name = prefix + entry.name;
      if (entry.isDirectory()) {
        const problem = walk(join(dir, entry.name), `${name}/`);
        if (problem) return problem;
      } else if (entry.isFile()) {
        if (files.length === MAX_FILES)
          return `${path}: more than ${MAX_FILES} files; point at the candidate's own folder`;
        files.push(readSource(join(dir, entry.name), name));
      }
    }
    return undefined;
  };
  const problem = walk(path, '');
  if (problem) return { kind: 'error', message: problem };
  if (files.length === 0) return { kind: 'error', message: `${path}: the folder holds no files` };
  return { kind: 'ok', value: { files, displayPath: (name) => join(path, name) } };
}

function readSource(path: string, name: string): SourceFile {
  const bytes = new Uint8Array(readFileSync(path));
  if (name.endsWith('.wasm')) return { name, content: bytes };
  try {
    return { name, content: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { name, content: bytes };
  }
}
