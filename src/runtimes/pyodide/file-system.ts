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
/** Emscripten's device and process trees: their directories become read-only, their nodes are left alone. */
const SPECIAL = new Set(['/dev', '/proc']);

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
