import { Directory, File, Inode, PreopenDirectory, wasi } from '@bjorn3/browser_wasi_shim';
import { bytesEqual } from '../../core/bytes.ts';

/**
 * The run's working directory, preopened as `/`: built from the request's files, read back after the run so that
 * files the program created or changed come back in the result.
 */
export function buildWorkdir(files: Record<string, Uint8Array> | undefined): Map<string, Inode> {
  // Inode numbers come from a global counter in the shim; restarting it makes `stat` output identical across runs
  // in a long-lived worker.
  (Inode as unknown as { next_ino: bigint }).next_ino = 1n;
  const root = new Map<string, Inode>();
  for (const [path, data] of Object.entries(files ?? {})) {
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length === 0) continue;
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.get(part);
      if (!(next instanceof Directory)) {
        next = new Directory(new Map());
        dir.set(part, next);
      }
      dir = (next as Directory).contents;
    }
    // Copy: the program may write into the file, and the caller's bytes are reused for the next run.
    dir.set(parts[parts.length - 1] as string, new File(data.slice()));
  }
  return root;
}

export function changedFiles(
  root: Map<string, Inode>,
  before: Record<string, Uint8Array> | undefined,
): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const walk = (dir: Map<string, Inode>, prefix: string): void => {
    for (const name of [...dir.keys()].sort()) {
      const node = dir.get(name);
      const path = prefix + name;
      if (node instanceof Directory) walk(node.contents, `${path}/`);
      else if (node instanceof File) {
        const old = before?.[path];
        // Not copied: the workdir is this run's own and dropped after it (a copy would double a file flood's cost).
        if (!old || !bytesEqual(old, node.data)) out[path] = node.data;
      }
    }
  };
  walk(root, '');
  return out;
}

/**
 * The preopened `/`. There are no symbolic links, so readlink() of anything that exists fails with EINVAL, as
 * Linux does for a regular file (the shim answers ENOTSUP, which programs treat as an I/O error).
 */
export class WorkdirPreopen extends PreopenDirectory {
  constructor(contents: Map<string, Inode>) {
    super('/', contents);
  }
  override path_readlink(path: string): { ret: number; data: string | null } {
    const { ret, inode_obj } = this.path_lookup(path, 0);
    return { ret: inode_obj ? wasi.ERRNO_INVAL : ret, data: null };
  }
}
