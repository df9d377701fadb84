/**
 * Pyodide's own file tree (`/lib` with the standard library, `/home`, `/tmp`, `/dev`, `/proc`) is JavaScript state, so
 * the memory restore does not reset it: a file a run leaves there (a module in site-packages, a cache in /tmp) would
 * be seen by the next run. Each run therefore starts from the tree as it was when the engine started: what was added
 * is removed, a changed file gets its bytes back, modes are reset and `/tmp` is empty. The program may write anywhere,
 * as a process may in its own container; only its working directory's files come back.
 */

/** The subset of Emscripten's FS used here. */
export interface EmFS {
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array | string): void;
  readFile(path: string): Uint8Array;
  readdir(path: string): string[];
  stat(path: string): { mode: number; size: number; mtime: Date };
  lstat(path: string): { mode: number };
  isDir(mode: number): boolean;
  isFile(mode: number): boolean;
  unlink(path: string): void;
  rmdir(path: string): void;
  chdir(path: string): void;
  chmod(path: string, mode: number): void;
  /** Emscripten checks modes unless this is set: the runner sets it while it lays out a run itself. */
  ignorePermissions: boolean;
}

/** Laid out per run by run-python.ts. */
const RUN_ROOT = '/mirrorbox';
/** Writable scratch space, emptied before every run. */
const SCRATCH = '/tmp';
/** Emscripten's device and process trees: their nodes are left alone, except DEV_SHM's. */
const SPECIAL = new Set(['/dev', '/proc']);
/** A plain MEMFS folder inside /dev that any run may write: reset like the rest of the tree, or a run's files there
 * would be found by the next run. */
const DEV_SHM = '/dev/shm';

interface Entry {
  dir: boolean;
  mode: number;
  size: number;
  mtime: number;
  /** A file's bytes at start-up, to put back if a run changed them (the standard library's zip is 2.5 MB). */
  data?: Uint8Array;
}

export type Baseline = Map<string, Entry>;

export function captureBaseline(fs: EmFS): Baseline {
  const baseline: Baseline = new Map();
  for (const [path, dir] of walk(fs, '/')) {
    const st = fs.stat(path);
    baseline.set(path, {
      dir,
      mode: st.mode & 0o7777,
      size: st.size,
      mtime: st.mtime.getTime(),
      data: dir ? undefined : fs.readFile(path),
    });
  }
  baseline.set('/', { dir: true, mode: fs.stat('/').mode & 0o7777, size: 0, mtime: 0 });
  return baseline;
}

/** Puts the tree back to `baseline`; leaves `fs.ignorePermissions` on for the layout (the program may have made
 * any of it unreadable). */
export function resetFileSystem(fs: EmFS, baseline: Baseline): void {
  fs.ignorePermissions = true;
  removeTree(fs, RUN_ROOT);
  removeEntries(fs, SCRATCH);
  for (const [path, dir] of walk(fs, '/')) {
    const entry = baseline.get(path);
    if (entry && entry.dir === dir) continue;
    if (dir) removeTree(fs, path);
    else fs.unlink(path);
  }
  for (const [path, entry] of baseline) {
    fs.chmod(path, entry.mode);
    if (entry.dir || !entry.data) continue;
    const st = fs.stat(path);
    if (st.size !== entry.size || st.mtime.getTime() !== entry.mtime) {
      fs.writeFile(path, entry.data);
      entry.mtime = fs.stat(path).mtime.getTime();
    }
  }
}

/** Every path under `dir` (depth first, parents before children) with whether it is a directory. */
function walk(fs: EmFS, dir: string): [string, boolean][] {
  const out: [string, boolean][] = [];
  for (const name of fs.readdir(dir)) {
    if (name === '.' || name === '..') continue;
    const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
    if (path === RUN_ROOT) continue;
    // lstat: a symbolic link, even a dangling one, is an entry of its own.
    const isDir = fs.isDir(fs.lstat(path).mode);
    out.push([path, isDir]);
    if (isDir && !SPECIAL.has(path) && path !== SCRATCH) out.push(...walk(fs, path));
    if (path === '/dev' && isDir && fs.readdir(path).includes('shm')) {
      out.push([DEV_SHM, true], ...walk(fs, DEV_SHM));
    }
  }
  return out;
}

function removeEntries(fs: EmFS, dir: string): void {
  let names: string[];
  try {
    names = fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === '.' || name === '..') continue;
    const path = `${dir}/${name}`;
    if (fs.isDir(fs.lstat(path).mode)) removeTree(fs, path);
    else fs.unlink(path);
  }
}

export function removeTree(fs: EmFS, dir: string): void {
  try {
    fs.readdir(dir);
  } catch {
    return;
  }
  removeEntries(fs, dir);
  fs.rmdir(dir);
}

/** Emscripten's errno values (WASI numbering). */
const ENOSPC = 51;
const ENAMETOOLONG = 37;
/** Linux's limits on a path and on one of its names, in bytes (UTF-16 units here, an upper bound for ASCII). */
const PATH_MAX = 4096;
const NAME_MAX = 255;
/**
 * How many files, directories and links a run may hold beyond those it started with: each costs host memory (a few
 * hundred bytes of MEMFS node and name) that the file limit, counting bytes of data, does not see. Past it, creating
 * one fails with ENOSPC, as on a file system out of inodes.
 */
const MAX_NODES = 1 << 14;

/** The parts of Emscripten's FS and MEMFS the file limit hooks. */
interface MemNode {
  mode: number;
  usedBytes?: number;
  name: string;
  parent: MemNode;
  contents?: Record<string, MemNode> | Uint8Array;
}
interface MemStream {
  node: MemNode;
}
type Write = (
  stream: MemStream,
  buffer: Uint8Array,
  offset: number,
  length: number,
  position: number,
  canOwn?: boolean,
) => number;
type SetAttr = (node: MemNode, attr: { size?: number }) => void;
type Unlink = (parent: MemNode, name: string) => void;
type Rename = (node: MemNode, dir: MemNode, name: string) => void;
type Create = (parent: MemNode, name: string, ...rest: unknown[]) => MemNode;
interface OpsTable {
  file: { node: { setattr: SetAttr }; stream: { write: Write } };
  dir: { node: { unlink: Unlink; rmdir: Unlink; rename: Rename; mknod: Create; symlink: Create } };
}
interface HookedFS {
  filesystems: { MEMFS: { ops_table: OpsTable | null } };
  streams: (MemStream | null | undefined)[];
  close(stream: MemStream): void;
  lookupPath(path: string, opts?: object): unknown;
  symlink(target: string, path: string): unknown;
  isFile(mode: number): boolean;
  ErrnoError: new (errno: number) => Error;
}

/**
 * The run's share of `Limits.fileBytes`: the logical size (a sparse file counts its full length) of every regular
 * file the run holds — written or grown by it, or laid out for it (the test's files) — wherever it is. A file is
 * released when it is removed and no longer open. Pyodide's own files count from the moment a run changes them.
 */
export interface FileLimit {
  limitBytes: number;
  /** Off while the runner lays out the run: the test's files are counted, never refused. */
  enforce: boolean;
  /** A write, truncation or creation was refused with ENOSPC during the run. */
  hit: boolean;
  total: number;
  sizes: Map<MemNode, number>;
  /** Nodes created minus nodes removed during the run. */
  nodes: number;
}

const limits = new WeakMap<object, FileLimit>();

/**
 * The file limit of Emscripten's in-memory file system (MEMFS), installed once per engine: writes and truncations
 * that would take the run's files past the limit fail with ENOSPC before any memory is taken for them (MEMFS would
 * allocate a file's whole length at once: one byte written at 3 GiB is a 3 GiB buffer). `beginFileLimit` resets it
 * for each run.
 */
export function fileLimit(emfs: EmFS): FileLimit {
  const known = limits.get(emfs);
  if (known) return known;
  const fs = emfs as unknown as HookedFS;
  const ops = fs.filesystems.MEMFS.ops_table;
  // MEMFS builds its table of operations with the first node it creates, long before the runner starts.
  if (!ops) throw new Error('MEMFS has no operations table yet');
  const limit: FileLimit = { limitBytes: Infinity, enforce: false, hit: false, total: 0, sizes: new Map(), nodes: 0 };
  limits.set(emfs, limit);
  /** The size `node` had when the run first counted it, counted from then on. */
  const counted = (node: MemNode): number => {
    let size = limit.sizes.get(node);
    if (size === undefined) {
      size = node.usedBytes ?? 0;
      limit.sizes.set(node, size);
      limit.total += size;
    }
    return size;
  };
  const charge = (node: MemNode, newSize: number): void => {
    const old = counted(node);
    if (limit.enforce && newSize > old && limit.total - old + newSize > limit.limitBytes) {
      limit.hit = true;
      throw new fs.ErrnoError(ENOSPC);
    }
  };
  const settle = (node: MemNode): void => {
    const size = node.usedBytes ?? 0;
    limit.total += size - counted(node);
    limit.sizes.set(node, size);
  };
  const isOpen = (node: MemNode): boolean => fs.streams.some((s) => s?.node === node);
  const release = (node: MemNode | undefined): void => {
    const size = node && limit.sizes.get(node);
    if (node === undefined || size === undefined || isOpen(node)) return;
    limit.total -= size;
    limit.sizes.delete(node);
  };
  const attached = (node: MemNode): boolean =>
    (node.parent.contents as Record<string, MemNode> | undefined)?.[node.name] === node;

  const file = ops.file;
  const write = file.stream.write;
  file.stream.write = (stream, buffer, offset, length, position, canOwn) => {
    if (length > 0) {
      const node = stream.node;
      charge(node, canOwn ? length : Math.max(node.usedBytes ?? 0, position + length));
      try {
        return write(stream, buffer, offset, length, position, canOwn);
      } finally {
        settle(node);
      }
    }
    return write(stream, buffer, offset, length, position, canOwn);
  };
  const setattr = file.node.setattr;
  file.node.setattr = (node, attr) => {
    if (attr.size === undefined || !fs.isFile(node.mode)) return setattr(node, attr);
    charge(node, attr.size);
    try {
      setattr(node, attr);
    } finally {
      settle(node);
    }
  };
  const dir = ops.dir.node;
  for (const op of ['mknod', 'symlink'] as const) {
    const create = dir[op];
    dir[op] = (parent, name, ...rest) => {
      if (limit.enforce && limit.nodes >= MAX_NODES) {
        limit.hit = true;
        throw new fs.ErrnoError(ENOSPC);
      }
      const node = create(parent, name, ...rest);
      limit.nodes++;
      return node;
    };
  }
  const unlink = dir.unlink;
  dir.unlink = (parent, name) => {
    const node = (parent.contents as Record<string, MemNode>)[name];
    unlink(parent, name);
    limit.nodes--;
    release(node);
  };
  const rmdir = dir.rmdir;
  dir.rmdir = (parent, name) => {
    rmdir(parent, name);
    limit.nodes--;
  };
  const rename = dir.rename;
  dir.rename = (node, target, name) => {
    const replaced = (target.contents as Record<string, MemNode>)[name];
    rename(node, target, name);
    if (replaced !== node) release(replaced);
  };
  // Names and link targets are kept as JavaScript strings, outside the file limit: Linux's bounds keep them small
  // (a program making symbolic links to 10 MB targets would otherwise hold gigabytes in a few seconds).
  const lookupPath = fs.lookupPath.bind(fs);
  fs.lookupPath = (path, opts) => {
    const long = typeof path === 'string' && path.length > NAME_MAX;
    if (long && (path.length >= PATH_MAX || path.split('/').some((n) => n.length > NAME_MAX)))
      throw new fs.ErrnoError(ENAMETOOLONG);
    return lookupPath(path, opts);
  };
  const symlink = fs.symlink.bind(fs);
  fs.symlink = (target, path) => {
    if (typeof target === 'string' && target.length >= PATH_MAX) throw new fs.ErrnoError(ENAMETOOLONG);
    return symlink(target, path);
  };
  // A file removed while open holds its bytes until its last descriptor closes, as on Linux.
  const close = fs.close.bind(fs);
  fs.close = (stream) => {
    close(stream);
    if (!attached(stream.node)) release(stream.node);
  };
  return limit;
}

/** Starts a run's accounting: nothing counted, the limit not yet enforced (the runner lays out the run first). */
export function beginFileLimit(limit: FileLimit, limitBytes: number): void {
  limit.limitBytes = limitBytes;
  limit.enforce = false;
  limit.hit = false;
  limit.total = 0;
  limit.sizes = new Map();
  limit.nodes = 0;
}
