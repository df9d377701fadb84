import type { SandboxFileSystem } from '@wasmer/sdk';
import { bytesEqual } from '../../core/bytes.ts';

/**
 * The run's directory inside the sandbox. The rewritten guest shows it to the program as `/` (guest-rewrite.ts),
 * and it is the one directory the SDK's file API reaches, so files the program writes can be read back.
 */
export const WORKSPACE = '/workspace';

/** A run's files as sandbox files under WORKSPACE. Copies: the caller reuses its buffers for the next run. */
export function workspaceFiles(files: Record<string, Uint8Array> | undefined): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const [path, data] of Object.entries(files ?? {})) {
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length > 0) out[`${WORKSPACE}/${parts.join('/')}`] = data.slice();
  }
  return out;
}

/** Files under WORKSPACE that are new or differ from `before`, by relative path in sorted order, as the shim. */
export async function changedFiles(
  fs: SandboxFileSystem,
  before: Record<string, Uint8Array> | undefined,
): Promise<Record<string, Uint8Array>> {
  const out: Record<string, Uint8Array> = {};
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const entries = [...(await fs.readDir(dir))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = prefix + entry.name;
      if (entry.kind === 'directory') await walk(`${dir}/${entry.name}`, `${path}/`);
      else {
        const data = await fs.readFile(`${dir}/${entry.name}`);
        const old = before?.[path];
        if (!old || !bytesEqual(old, data)) out[path] = data.slice();
      }
    }
  };
  await walk(WORKSPACE, '');
  return out;
}
