import { fileNameProblem } from '../core/source-file.ts';
import type { WorkspaceFiles } from './environment.ts';

/** Size rules of the agent's own workspace (text files only: the agent writes source code and notes). */
export interface WorkspaceLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
}

export const DEFAULT_WORKSPACE_LIMITS: Readonly<WorkspaceLimits> = Object.freeze({
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 2 * 1024 * 1024,
  maxFiles: 200,
});

/** Where the agent keeps its decisions across context resets. */
export const NOTES_FILE = 'NOTES.md';

export type WorkspaceChange = { kind: 'ok'; files: WorkspaceFiles } | { kind: 'error'; message: string };

const encoder = new TextEncoder();
export const byteLength = (text: string): number => encoder.encode(text).length;

export function totalBytes(files: WorkspaceFiles): number {
  let n = 0;
  for (const content of Object.values(files)) n += byteLength(content);
  return n;
}

/**
 * Why `path` cannot name a workspace file, or undefined. Paths are relative, '/'-separated, without empty, `.` or
 * `..` segments (core's rule for every workspace), so no tool can reach outside the workspace.
 */
export function pathProblem(path: string): string | undefined {
  return fileNameProblem(path);
}

/** The workspace with `path` set to `content`, or why not; the input is not changed. */
export function writeFile(
  files: WorkspaceFiles,
  path: string,
  content: string,
  limits: WorkspaceLimits = DEFAULT_WORKSPACE_LIMITS,
): WorkspaceChange {
  const problem = pathProblem(path);
  if (problem) return { kind: 'error', message: `${JSON.stringify(path)}: ${problem}` };
  const size = byteLength(content);
  if (size > limits.maxFileBytes)
    return { kind: 'error', message: `${path}: ${size} bytes is over the limit of ${limits.maxFileBytes} per file` };
  const exists = Object.hasOwn(files, path);
  if (!exists && Object.keys(files).length >= limits.maxFiles)
    return { kind: 'error', message: `the workspace already holds ${limits.maxFiles} files, its limit` };
  if (!exists && Object.keys(files).some((other) => other.startsWith(`${path}/`) || path.startsWith(`${other}/`)))
    return { kind: 'error', message: `${path}: a file and a folder cannot have the same name` };
  const total = totalBytes(files) - (exists ? byteLength(files[path] as string) : 0) + size;
  if (total > limits.maxTotalBytes)
    return {
      kind: 'error',
      message: `the workspace would hold ${total} bytes, over its limit of ${limits.maxTotalBytes}`,
    };
  return { kind: 'ok', files: { ...files, [path]: content } };
}

export function deleteFile(files: WorkspaceFiles, path: string): WorkspaceChange {
  const problem = pathProblem(path);
  if (problem) return { kind: 'error', message: `${JSON.stringify(path)}: ${problem}` };
  if (!Object.hasOwn(files, path)) return { kind: 'error', message: `${path}: no such file in the workspace` };
  const next = { ...files };
  delete next[path];
  return { kind: 'ok', files: next };
}

/** Paths in a stable order, so listings (and so the conversation) do not depend on insertion order. */
export function sortedPaths(files: WorkspaceFiles): string[] {
  return Object.keys(files).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
