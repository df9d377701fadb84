import { wasi, type WASI } from '@bjorn3/browser_wasi_shim';

type ImportFn = (...args: never[]) => unknown;
type Memory = { memory: WebAssembly.Memory };
/** A span of guest memory an import reads or writes: pointer and length, both unsigned. */
type Span = readonly [ptr: number, len: number];

const IOVEC_BYTES = 8;
const SUBSCRIPTION_BYTES = 48;
const EVENT_BYTES = 32;
const FDSTAT_BYTES = 24;
const FILESTAT_BYTES = 64;
const PRESTAT_BYTES = 8;

/**
 * Which spans of guest memory each import touches, from its arguments (i32 arguments arrive as signed numbers,
 * i64 ones as bigints and are never pointers). `iovs` reads an iovec array from memory, itself checked first.
 */
type SpanRule = (args: readonly unknown[], ctx: Context) => Span[] | undefined;

interface Context {
  /** The iovec array and every buffer it names; undefined when the array itself is out of memory. */
  iovs(ptr: unknown, count: unknown): Span[] | undefined;
  /** How many strings the program's argv (or environment) has, and the bytes they take with their NULs. */
  strings(which: 'args' | 'env'): { count: number; bytes: number };
}

const u = (v: unknown): number => Number(v) >>> 0;
const span = (ptr: unknown, len: unknown): Span => [u(ptr), u(len)];

const RULES: Record<string, SpanRule> = {
  args_get: (a, c) => stringTable(a, c.strings('args')),
  args_sizes_get: (a) => [span(a[0], 4), span(a[1], 4)],
  environ_get: (a, c) => stringTable(a, c.strings('env')),
  environ_sizes_get: (a) => [span(a[0], 4), span(a[1], 4)],
  clock_res_get: (a) => [span(a[1], 8)],
  clock_time_get: (a) => [span(a[2], 8)],
  fd_fdstat_get: (a) => [span(a[1], FDSTAT_BYTES)],
  fd_filestat_get: (a) => [span(a[1], FILESTAT_BYTES)],
  fd_prestat_get: (a) => [span(a[1], PRESTAT_BYTES)],
  fd_prestat_dir_name: (a) => [span(a[1], a[2])],
  fd_read: (a, c) => withIovs(c.iovs(a[1], a[2]), span(a[3], 4)),
  fd_pread: (a, c) => withIovs(c.iovs(a[1], a[2]), span(a[4], 4)),
  fd_write: (a, c) => withIovs(c.iovs(a[1], a[2]), span(a[3], 4)),
  fd_pwrite: (a, c) => withIovs(c.iovs(a[1], a[2]), span(a[4], 4)),
  fd_readdir: (a) => [span(a[1], a[2]), span(a[4], 4)],
  fd_seek: (a) => [span(a[3], 8)],
  fd_tell: (a) => [span(a[1], 8)],
  path_create_directory: (a) => [span(a[1], a[2])],
  path_filestat_get: (a) => [span(a[2], a[3]), span(a[4], FILESTAT_BYTES)],
  path_filestat_set_times: (a) => [span(a[2], a[3])],
  path_link: (a) => [span(a[2], a[3]), span(a[5], a[6])],
  path_open: (a) => [span(a[2], a[3]), span(a[8], 4)],
  path_readlink: (a) => [span(a[1], a[2]), span(a[3], a[4]), span(a[5], 4)],
  path_remove_directory: (a) => [span(a[1], a[2])],
  path_rename: (a) => [span(a[1], a[2]), span(a[4], a[5])],
  path_symlink: (a) => [span(a[0], a[1]), span(a[3], a[4])],
  path_unlink_file: (a) => [span(a[1], a[2])],
  poll_oneoff: (a) => [span(a[0], u(a[2]) * SUBSCRIPTION_BYTES), span(a[1], u(a[2]) * EVENT_BYTES), span(a[3], 4)],
  random_get: (a) => [span(a[0], a[1])],
};

/** argv/environ: the pointer array and the buffer of strings. */
function stringTable(a: readonly unknown[], s: { count: number; bytes: number }): Span[] {
  return [span(a[0], s.count * 4), span(a[1], s.bytes)];
}

function withIovs(iovs: Span[] | undefined, ...rest: Span[]): Span[] | undefined {
  return iovs === undefined ? undefined : [...iovs, ...rest];
}

/**
 * Makes every import that reads or writes guest memory check all of its spans before it does anything, and fail
 * with EFAULT when one reaches past the end of memory, as Linux does for a bad pointer. The shim itself clamps
 * (`Uint8Array.slice` past the end writes what fits and reports success) or throws half-way through, after
 * earlier iovecs were already consumed.
 */
export function guardGuestMemory(shim: WASI): void {
  const imports = shim.wasiImport as Record<string, ImportFn>;
  const memory = (): WebAssembly.Memory => (shim.inst.exports as unknown as Memory).memory;
  const encoder = new TextEncoder();
  const fits = ([ptr, len]: Span, size: number): boolean => ptr + len <= size;
  for (const [name, rule] of Object.entries(RULES)) {
    const inner = imports[name];
    if (!inner) continue;
    imports[name] = ((...args: unknown[]) => {
      const size = memory().buffer.byteLength;
      const ctx: Context = {
        iovs: (ptr: unknown, count: unknown): Span[] | undefined => {
          const array = span(ptr, u(count) * IOVEC_BYTES);
          if (!fits(array, size)) return undefined;
          const view = new DataView(memory().buffer);
          const out: Span[] = [array];
          for (let i = 0; i < u(count); i++) {
            const at = array[0] + i * IOVEC_BYTES;
            out.push([view.getUint32(at, true), view.getUint32(at + 4, true)]);
          }
          return out;
        },
        strings: (which) => {
          const list = which === 'args' ? shim.args : shim.env;
          return { count: list.length, bytes: list.reduce((n, s) => n + encoder.encode(s).length + 1, 0) };
        },
      };
      const spans = rule(args, ctx);
      if (spans === undefined || !spans.every((s) => fits(s, size))) return wasi.ERRNO_FAULT;
      return (inner as (...a: unknown[]) => unknown)(...args);
    }) as ImportFn;
  }
}
