import { Directory, File, OpenFile, wasi, type Inode, type WASI } from '@bjorn3/browser_wasi_shim';

type ImportFn = (...args: never[]) => unknown;
type Memory = { memory: WebAssembly.Memory };

const IOVEC_BYTES = 8;

/**
 * How many files and directories a run may create beyond the test's own: each costs host memory (its name, its map
 * entry, a few KiB measured with long names) that the limit in bytes does not see. Past it, creating one fails with
 * ENOSPC as on a file system out of inodes (the same budget as Pyodide's and QuickJS's).
 */
export const MAX_NEW_NODES = 1 << 14;

/**
 * The run's file limit (Limits.fileBytes) on the shim's in-memory files. Every import that can make a file longer
 * (`fd_write`, `fd_pwrite`, `fd_allocate`, `fd_filestat_set_size`) is checked before the shim allocates anything:
 * a file's new length is what counts, so a write far past the end (a sparse file) costs its full length, as the
 * shim would allocate it. Past the limit the call fails with ENOSPC, the program goes on, and the run is reported
 * as `file-limit` (see `refused`).
 *
 * The bytes held are tracked as an upper bound (growth adds, shrinking is not subtracted); only when a growth would
 * pass the limit are the files really held counted again — every file reachable from `/` or still open, each
 * once — so deleting or truncating files gives the room back.
 */
export class FileBudget {
  private held: number;
  /** Nodes reachable at the start, and an upper bound of those now (each creating call adds one). */
  private readonly startNodes: number;
  private nodes: number;
  /** Calls that may have removed a node (unlink, rmdir, rename over), and their number at the last count. */
  removals = 0;
  private removalsCounted = -1;
  /** True once any call was refused for want of room. */
  refused = false;

  constructor(
    private readonly limitBytes: number,
    private readonly root: Map<string, Inode>,
    private readonly fds: () => readonly unknown[],
  ) {
    this.held = this.count();
    this.startNodes = this.nodes = this.countNodes();
  }

  /**
   * Whether the run may create one more file or directory; on yes it is counted (an upper bound: opening an existing
   * file with O_CREAT counts too, and only when the bound is reached are the nodes really held counted again).
   */
  allowNode(): boolean {
    if (this.nodes - this.startNodes >= MAX_NEW_NODES) {
      // Counted again only if something may have been removed since the last count: a program that keeps trying
      // past the refusal must not walk the whole tree on every try.
      if (this.removalsCounted !== this.removals) this.nodes = this.countNodes();
      this.removalsCounted = this.removals;
      if (this.nodes - this.startNodes >= MAX_NEW_NODES) {
        this.refused = true;
        return false;
      }
    }
    this.nodes++;
    return true;
  }

  private countNodes(): number {
    let total = 0;
    const walk = (dir: Map<string, Inode>): void => {
      for (const node of dir.values()) {
        total++;
        if (node instanceof Directory) walk(node.contents);
      }
    };
    walk(this.root);
    return total;
  }

  /** Whether `file` may grow to `newLength` bytes; on no, the refusal is remembered. */
  allow(file: File, newLength: bigint): boolean {
    const growth = newLength - file.size;
    if (growth <= 0n) return true;
    if (BigInt(this.held) + growth > BigInt(this.limitBytes)) {
      this.held = this.count();
      if (BigInt(this.held) + growth > BigInt(this.limitBytes)) {
        this.refused = true;
        return false;
      }
    }
    this.held += Number(growth);
    return true;
  }

  private count(): number {
    const seen = new Set<File>();
    const walk = (dir: Map<string, Inode>): void => {
      for (const node of dir.values()) {
        if (node instanceof Directory) walk(node.contents);
        else if (node instanceof File) seen.add(node);
      }
    };
    walk(this.root);
    for (const fd of this.fds()) if (fd instanceof OpenFile) seen.add(fd.file);
    let total = 0;
    for (const file of seen) total += file.data.byteLength;
    return total;
  }
}

/** Puts the budget in front of the shim's growing imports. Guest memory spans are checked before (guest-memory.ts). */
export function applyFileBudget(shim: WASI, budget: FileBudget): void {
  const imports = shim.wasiImport as Record<string, ImportFn>;
  const view = (): DataView => new DataView((shim.inst.exports as unknown as Memory).memory.buffer);
  const openFile = (fd: number): OpenFile | undefined => {
    const obj = shim.fds[fd];
    return obj instanceof OpenFile && !obj.file.readonly ? obj : undefined;
  };
  const iovBytes = (iovs: number, count: number): bigint => {
    const mem = view();
    let total = 0n;
    for (let i = 0; i < count >>> 0; i++) total += BigInt(mem.getUint32((iovs >>> 0) + i * IOVEC_BYTES + 4, true));
    return total;
  };
  const guard = <A extends unknown[]>(name: string, newLength: (file: OpenFile, ...args: A) => bigint): void => {
    const inner = imports[name] as unknown as (...args: unknown[]) => number;
    imports[name] = ((fd: number, ...rest: A) => {
      const file = openFile(fd);
      if (file && !budget.allow(file.file, newLength(file, ...rest))) return wasi.ERRNO_NOSPC;
      return inner(fd, ...rest);
    }) as unknown as ImportFn;
  };
  // i64 arguments arrive signed; as the unsigned sizes they stand for, a negative one is far past any limit.
  const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
  guard('fd_write', (f, iovs: number, count: number) => f.file_pos + iovBytes(iovs, count));
  guard('fd_pwrite', (_f, iovs: number, count: number, offset: bigint) => u64(offset) + iovBytes(iovs, count));
  guard('fd_allocate', (_f, offset: bigint, len: bigint) => u64(offset) + u64(len));
  guard('fd_filestat_set_size', (_f, size: bigint) => u64(size));
  const OFLAGS_CREAT = 1;
  const creating = (name: string, creates: (...args: number[]) => boolean): void => {
    const inner = imports[name] as unknown as (...args: unknown[]) => number;
    imports[name] = ((...args: number[]) => {
      if (creates(...args) && !budget.allowNode()) return wasi.ERRNO_NOSPC;
      return inner(...args);
    }) as unknown as ImportFn;
  };
  // path_open(fd, dirflags, path, path_len, oflags, …)
  creating('path_open', (...args) => ((args[4] ?? 0) & OFLAGS_CREAT) !== 0);
  creating('path_create_directory', () => true);
  for (const name of ['path_unlink_file', 'path_remove_directory', 'path_rename']) {
    const inner = imports[name] as unknown as (...args: unknown[]) => number;
    imports[name] = ((...args: unknown[]) => {
      budget.removals++;
      return inner(...args);
    }) as unknown as ImportFn;
  }
}
