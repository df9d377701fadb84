import { fromBase64, toBase64 } from './bytes.ts';
import type { OutcomeJson } from './gold.ts';
import { fileNameProblem, type SourceFile } from './source-file.ts';
import type { TestCase } from './test-case.ts';

export const WORKSPACE_FORMAT = 'mirrorbox-workspace/1';

/** A test the user made from an oracle run: its inputs, and what the oracle did with them. */
export interface ScratchTest {
  case: TestCase;
  gold: OutcomeJson;
}

/** Everything a user wrote for one target: what "export workspace" saves and "import workspace" restores. */
export interface WorkspaceSnapshot {
  target: string;
  /** Id of the toolchain adapter that builds the files (see toolchains/index.ts). */
  toolchain: string;
  files: SourceFile[];
  scratchTests: ScratchTest[];
}

/** The JSON form: text files as text, binary files as base64. */
interface WorkspaceJson {
  format: typeof WORKSPACE_FORMAT;
  target: string;
  toolchain: string;
  exportedAt: string;
  files: ({ name: string; text: string } | { name: string; base64: string })[];
  scratchTests: ScratchTest[];
}

export function workspaceToJson(snapshot: WorkspaceSnapshot, now: Date): string {
  const json: WorkspaceJson = {
    format: WORKSPACE_FORMAT,
    target: snapshot.target,
    toolchain: snapshot.toolchain,
    exportedAt: now.toISOString(),
    files: snapshot.files.map((f) =>
      typeof f.content === 'string' ? { name: f.name, text: f.content } : { name: f.name, base64: toBase64(f.content) },
    ),
    scratchTests: snapshot.scratchTests,
  };
  return `${JSON.stringify(json, null, 1)}\n`;
}

export type WorkspaceParse = { kind: 'ok'; snapshot: WorkspaceSnapshot } | { kind: 'error'; message: string };

/** Reads an uploaded workspace file; says in one line what is wrong with anything else. */
export function parseWorkspaceJson(text: string): WorkspaceParse {
  const fail = (message: string): WorkspaceParse => ({ kind: 'error', message });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('this is not a mirrorbox workspace file (it is not JSON); export one with "Export workspace"');
  }
  if (!isObject(value) || value.format !== WORKSPACE_FORMAT)
    return fail(`this is not a mirrorbox workspace file (expected "format": "${WORKSPACE_FORMAT}")`);
  if (typeof value.target !== 'string' || typeof value.toolchain !== 'string')
    return fail('the workspace file names no target or toolchain');
  if (!Array.isArray(value.files)) return fail('the workspace file has no file list');
  const files: SourceFile[] = [];
  const names = new Set<string>();
  for (const [i, entry] of value.files.entries()) {
    if (!isObject(entry) || typeof entry.name !== 'string') return fail(`file ${i + 1} in the workspace has no name`);
    const problem = fileNameProblem(entry.name);
    if (problem) return fail(`file "${entry.name}": ${problem}`);
    if (names.has(entry.name)) return fail(`file "${entry.name}" appears twice`);
    names.add(entry.name);
    if (typeof entry.text === 'string') files.push({ name: entry.name, content: entry.text });
    else if (typeof entry.base64 === 'string') {
      try {
        files.push({ name: entry.name, content: fromBase64(entry.base64) });
      } catch {
        return fail(`file "${entry.name}" has broken base64 content`);
      }
    } else return fail(`file "${entry.name}" has neither text nor base64 content`);
  }
  const scratchTests: ScratchTest[] = [];
  for (const [i, entry] of (Array.isArray(value.scratchTests) ? value.scratchTests : []).entries()) {
    if (!isScratchTest(entry)) return fail(`scratch test ${i + 1} is malformed`);
    scratchTests.push(entry);
  }
  return { kind: 'ok', snapshot: { target: value.target, toolchain: value.toolchain, files, scratchTests } };
}

function isScratchTest(v: unknown): v is ScratchTest {
  if (!isObject(v) || !isObject(v.case) || !isObject(v.gold)) return false;
  const c = v.case;
  const g = v.gold;
  return (
    typeof c.id === 'string' &&
    Array.isArray(c.argv) &&
    c.argv.every((a) => typeof a === 'string') &&
    typeof g.code === 'number' &&
    isTextOrBytes(g.stdout) &&
    isTextOrBytes(g.stderr) &&
    (c.stdin === undefined || isTextOrBytes(c.stdin))
  );
}

function isTextOrBytes(v: unknown): boolean {
  return typeof v === 'string' || (isObject(v) && typeof v.base64 === 'string');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
