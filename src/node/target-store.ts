import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../core/digest.ts';
import { parsePack, type Pack } from '../core/pack.ts';
import type { WasmProgram } from '../core/run-request.ts';
import type { TargetMeta } from '../core/target.ts';
import { builtTargetDir, targetSourceDir, targetsSourceDir } from './paths.ts';

export type Loaded<T> = { kind: 'ok'; value: T } | { kind: 'error'; message: string };

export function listTargetIds(): string[] {
  if (!existsSync(targetsSourceDir)) return [];
  return readdirSync(targetsSourceDir)
    .filter((id) => existsSync(join(targetSourceDir(id), 'target.json')))
    .sort();
}

export function readTargetMeta(id: string): Loaded<TargetMeta> {
  const file = join(targetSourceDir(id), 'target.json');
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(id) || !existsSync(file)) {
    const known = listTargetIds();
    return { kind: 'error', message: `unknown target '${id}' (known: ${known.join(', ') || 'none'})` };
  }
  return { kind: 'ok', value: JSON.parse(readFileSync(file, 'utf8')) as TargetMeta };
}

export interface BuiltTarget {
  pack: Pack;
  oracle: WasmProgram;
  oraclePath: string;
  dir: string;
}

export function loadBuiltTarget(id: string): Loaded<BuiltTarget> {
  const meta = readTargetMeta(id);
  if (meta.kind === 'error') return meta;
  const dir = builtTargetDir(id);
  const packFile = join(dir, 'pack.json');
  if (!existsSync(packFile)) return { kind: 'error', message: `target '${id}' is not built yet: run npm run setup` };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(packFile, 'utf8'));
  } catch (e) {
    return {
      kind: 'error',
      message: `${packFile}: ${(e as Error).message} (rebuild with npm run build:targets -- --force ${id})`,
    };
  }
  const parsed = parsePack(json);
  if (parsed.kind === 'error') return parsed;
  const oraclePath = join(dir, parsed.pack.oracle.file);
  const program = readProgramFile(oraclePath);
  if (program.kind === 'error') return program;
  if (program.value.id !== parsed.pack.oracle.sha256) {
    return {
      kind: 'error',
      message: `${oraclePath} does not match its pack (rebuild with npm run build:targets -- --force ${id})`,
    };
  }
  return { kind: 'ok', value: { pack: parsed.pack, oracle: program.value, oraclePath, dir } };
}

/** Reads a `.wasm` file given by a user, with a one-line reason when it cannot be read. */
export function readProgramFile(path: string): Loaded<WasmProgram> {
  if (!existsSync(path)) return { kind: 'error', message: `${path}: no such file` };
  if (statSync(path).isDirectory()) return { kind: 'error', message: `${path} is a directory; give a .wasm file` };
  const bytes = new Uint8Array(readFileSync(path));
  return { kind: 'ok', value: { id: sha256Hex(bytes), bytes } };
}
