import type Binaryen from 'binaryen';
import { MONOTONIC_START_NS, CLOCK_TICK_NS } from '../../core/environment.ts';
import { CONFIG_HEADER_BYTES, CONFIG_PLACEHOLDER } from './guest-config.ts';
import { FILE_SIGNAL, MEMORY_SIGNAL } from './memory-signal.ts';

/**
 * Rewrites a WASI preview 1 command so that it honours the parts of the run contract @wasmer/sdk cannot: the SDK
 * has no import hooks, so the contract's system calls are implemented inside the module itself, as functions that
 * take the place of the imports of the same name (binaryen refers to functions by name, so no call is renumbered).
 *
 * - clocks, `clock_res_get`, `poll_oneoff` (sleep advances the virtual clock), `random_get` (sfc32): as the shim's
 *   src/runtimes/shim/contract-imports.ts, on mutable globals;
 * - `environ_*`: the request's environment in its order (the SDK's comes out in random order);
 * - `fd_fdstat_get`/`fd_filestat_get` on fds 0–2: pipes, as src/runtimes/shim/stdio.ts (the SDK's are terminals);
 * - `fd_seek` beyond 4 GiB: to the end of the file (the SDK wraps such positions, see fdSeek);
 * - preopens: only the run's directory (the SDK's `.` when the command starts in `/workspace`) is shown, named `/`,
 *   so wasi-libc resolves every path there, and the files the program writes can be read back from `/workspace`;
 * - the file limit: `fd_write`, `fd_pwrite`, `fd_allocate` and `fd_filestat_set_size` on regular files are checked
 *   against the room left (the config's file room, less what the run's files grew by) before the SDK sees them, and
 *   fail with ENOSPC past it; the first refusal writes FILE_SIGNAL to stderr; `path_open` with O_TRUNC gives the
 *   file's bytes back (see fileLimit);
 * - `memory.grow`: the first growth that brings memory within the memory-limit level writes MEMORY_SIGNAL to
 *   stderr, from the fresh pages, so the runner can tell "ended badly at the cap" as the shim does.
 *
 * Per-run values (clock start, seed, environment, memory level) are not baked in: they come from a passive data
 * segment that `patchConfig` (guest-config.ts) replaces per request. `_start` first copies its header into globals.
 */

export type Rewritten = { kind: 'ok'; template: Uint8Array } | { kind: 'error'; message: string };

const WASI = new Set(['wasi_snapshot_preview1', 'wasi_unstable']);
const P = 'mirrorbox$';
const CONFIG_SEGMENT = `${P}config`;
const SIGNAL_SEGMENT = `${P}memory-signal`;
const FILE_SIGNAL_SEGMENT = `${P}file-signal`;

const ERRNO_SUCCESS = 0;
const ERRNO_INVAL = 28;
const ERRNO_NOSPC = 51;
const ERRNO_FAULT = 21;
const FILETYPE_REGULAR_FILE = 4;
const FDFLAGS_APPEND = 1;
const OFLAGS_TRUNC = 8;
const WHENCE_CUR = 1;
const RIGHTS_FD_READ = 2n;
const RIGHTS_FD_WRITE = 64n;
const PREOPENTYPE_DIR = 0;
/** Any tag other than DIR: wasi-libc skips such a preopen without stopping its scan (EBADF would stop it). */
const PREOPENTYPE_HIDDEN = 1;
const DOT = 0x2e;
const SLASH = 0x2f;

type Module = Binaryen.Module;
type Expr = Binaryen.ExpressionRef;

/**
 * binaryen (14.8 MB of JS with top-level await) is loaded on the first rewrite, not with this file: a module worker
 * whose imports are still settling would drop the messages sent to it before it listens.
 */
let binaryen: typeof Binaryen;

export async function rewriteGuest(bytes: Uint8Array): Promise<Rewritten> {
  binaryen ??= (await import('binaryen')).default;
  let module: Module | undefined;
  try {
    // What WASI toolchains emit and V8 runs (without a target_features section binaryen would read plain MVP, and a
    // SIMD module would not survive); bulk memory is also what memory.init/fill need. Not "All": with GC and the
    // like enabled, binaryen writes encodings the SDK refuses.
    const F = binaryen.Features;
    // binaryen.js 132 takes the features as readBinary's second argument (its typings lag behind).
    const read = binaryen.readBinary as unknown as (bytes: Uint8Array, features: number) => Module;
    module = read(
      bytes,
      F.MVP |
        F.MutableGlobals |
        F.SignExt |
        F.NontrappingFPToInt |
        F.BulkMemory |
        F.SIMD128 |
        F.Multivalue |
        F.ReferenceTypes,
    );
    const result = rewrite(module);
    if (result) return { kind: 'error', message: result };
    return { kind: 'ok', template: module.emitBinary() };
  } catch (e) {
    return { kind: 'error', message: `cannot rewrite the module for wasmer: ${(e as Error).message}` };
  } finally {
    module?.dispose();
  }
}

/** Returns an error message, or undefined when the module was rewritten. */
function rewrite(m: Module): string | undefined {
  const startExport = m.getExport('_start');
  const memoryExport = m.getExport('memory');
  if (!startExport || !memoryExport) return 'the module lacks _start or memory';
  const originalStart = binaryen.getExportInfo(startExport).value;
  const memoryName = binaryen.getExportInfo(memoryExport).value;

  const imports = wasiImports(m);
  const g = globals(m);
  const b = new Builder(m);

  // Imports the rewritten functions still need, under names of their own.
  const real = (base: string, params: Binaryen.Type[], results: Binaryen.Type): string => {
    const name = `${P}real_${base}`;
    m.addFunctionImport(name, 'wasi_snapshot_preview1', base, binaryen.createType(params), results);
    return name;
  };
  const i32 = binaryen.i32;
  const i64 = binaryen.i64;
  const realFdstat = real('fd_fdstat_get', [i32, i32], i32);
  const realFilestat = real('fd_filestat_get', [i32, i32], i32);
  const realPrestat = real('fd_prestat_get', [i32, i32], i32);
  const realPrestatName = real('fd_prestat_dir_name', [i32, i32, i32], i32);
  const realWrite = real('fd_write', [i32, i32, i32, i32], i32);
  const realSeek = real('fd_seek', [i32, i64, i32, i32], i32);
  const files: FileImports = {
    fdstat: realFdstat,
    filestat: realFilestat,
    seek: realSeek,
    write: realWrite,
    pwrite: real('fd_pwrite', [i32, i32, i32, i64, i32], i32),
    allocate: real('fd_allocate', [i32, i64, i64], i32),
    setSize: real('fd_filestat_set_size', [i32, i64], i32),
    pathOpen: real('path_open', [i32, i32, i32, i32, i32, i64, i64, i32, i32], i32),
    pathFilestat: real('path_filestat_get', [i32, i32, i32, i32, i32], i32),
  };
  fileLimitHelpers(b, g, files);

  const replacements: Record<string, (name: string) => void> = {
    clock_time_get: (name) => b.fn(name, [i32, i64, i32], i32, [], clockTimeGet(b, g)),
    clock_res_get: (name) => b.fn(name, [i32, i32], i32, [], clockResGet(b)),
    random_get: (name) => b.fn(name, [i32, i32], i32, [i32, i32, i32], randomGet(b)),
    poll_oneoff: (name) =>
      b.fn(name, [i32, i32, i32, i32], i32, [i32, i32, i32, i32, i32, i64, i64, i64, i64, i64], pollOneoff(b, g)),
    environ_sizes_get: (name) => b.fn(name, [i32, i32], i32, [], environSizesGet(b, g)),
    environ_get: (name) => b.fn(name, [i32, i32], i32, [i32], environGet(b, g)),
    fd_fdstat_get: (name) => b.fn(name, [i32, i32], i32, [], fdstatGet(b, realFdstat)),
    fd_filestat_get: (name) => b.fn(name, [i32, i32], i32, [], filestatGet(b, realFilestat)),
    fd_prestat_get: (name) => b.fn(name, [i32, i32], i32, [i32, i32, i32], prestatGet(b, realPrestat, realPrestatName)),
    fd_seek: (name) => b.fn(name, [i32, i64, i32, i32], i32, [i32], fdSeek(b, realSeek)),
    fd_prestat_dir_name: (name) => b.fn(name, [i32, i32, i32], i32, [i32], prestatDirName(b, realPrestatName)),
    fd_write: (name) => b.fn(name, [i32, i32, i32, i32], i32, [i64, i64, i32, i64], fdWrite(b, files)),
    fd_pwrite: (name) => b.fn(name, [i32, i32, i32, i64, i32], i32, [i64, i32, i64], fdPwrite(b, files)),
    fd_allocate: (name) => b.fn(name, [i32, i64, i64], i32, [i64, i32], fdAllocate(b, files)),
    fd_filestat_set_size: (name) => b.fn(name, [i32, i64], i32, [i64, i32], fdSetSize(b, files)),
    path_open: (name) => b.fn(name, [i32, i32, i32, i32, i32, i64, i64, i32, i32], i32, [i64, i32], pathOpen(b, files)),
  };
  for (const { name, base } of imports) {
    const replace = replacements[base];
    if (!replace) continue;
    m.removeFunction(name);
    replace(name);
  }

  // sfc32 step, shared by random_get.
  b.fn(`${P}next`, [], i32, [i32], sfc32Next(b, g));

  // memory.grow → memory_grow_pre/post calls (binaryen's own instrumentation, restricted to memory.grow).
  binaryen.setPassArgument('instrument-memory', 'memory.grow');
  try {
    m.runPasses(['instrument-memory']);
  } finally {
    binaryen.setPassArgument('instrument-memory', null);
  }
  for (const name of INSTRUMENT_IMPORTS) if (m.getFunction(name)) m.removeFunction(name);
  b.fn('memory_grow_pre', [i32, i32], i32, [], b.get(1, i32));
  b.fn('memory_grow_post', [i32, i32], i32, [i32], growPost(b, g, realWrite));

  // `_start`: load the config header, then run the program.
  b.fn(`${P}init`, [], binaryen.none, [i64, i64, i64, i64, i64], init(b, g));
  b.fn(
    `${P}start`,
    [],
    binaryen.none,
    [],
    m.block(null, [m.call(`${P}init`, [], binaryen.none), m.call(originalStart, [], binaryen.none)]),
  );
  m.removeExport('_start');
  m.addFunctionExport(`${P}start`, '_start');

  addSegments(m, memoryName);
  return undefined;
}

const INSTRUMENT_IMPORTS = [
  'memory_grow_pre',
  'memory_grow_post',
  'load_ptr',
  'load_val_i32',
  'load_val_i64',
  'load_val_f32',
  'load_val_f64',
  'store_ptr',
  'store_val_i32',
  'store_val_i64',
  'store_val_f32',
  'store_val_f64',
];

function wasiImports(m: Module): { name: string; base: string }[] {
  const out: { name: string; base: string }[] = [];
  for (let i = 0; i < m.getNumFunctions(); i++) {
    const info = binaryen.getFunctionInfo(m.getFunctionByIndex(i));
    if (info.module && WASI.has(info.module)) out.push({ name: info.name, base: info.base ?? '' });
  }
  return out;
}

interface Globals {
  realtime0: string;
  elapsed: string;
  rng: [string, string, string, string];
  envCount: string;
  envBytes: string;
  memoryLevel: string;
  signalled: string;
  fileRoom: string;
  fileSignalled: string;
}

function globals(m: Module): Globals {
  const add = (name: string, type: Binaryen.Type): string => {
    m.addGlobal(`${P}${name}`, type, true, type === binaryen.i64 ? i64Const(m, 0n) : m.i32.const(0));
    return `${P}${name}`;
  };
  return {
    realtime0: add('realtime0', binaryen.i64),
    elapsed: add('elapsed', binaryen.i64),
    rng: [add('a', binaryen.i32), add('b', binaryen.i32), add('c', binaryen.i32), add('d', binaryen.i32)],
    envCount: add('env_count', binaryen.i32),
    envBytes: add('env_bytes', binaryen.i32),
    memoryLevel: add('memory_level', binaryen.i32),
    signalled: add('signalled', binaryen.i32),
    fileRoom: add('file_room', binaryen.i64),
    fileSignalled: add('file_signalled', binaryen.i32),
  };
}

function i64Const(m: Module, value: bigint): Expr {
  // binaryen.js 132 takes one bigint here; its typings still describe the old (low, high) pair.
  const make = m.i64.const as unknown as (v: bigint) => Expr;
  return make.call(m.i64, BigInt.asIntN(64, value));
}

/** A thin layer over binaryen's expression builder, to keep the functions below readable. */
class Builder {
  constructor(readonly m: Module) {}
  fn(name: string, params: Binaryen.Type[], result: Binaryen.Type, vars: Binaryen.Type[], body: Expr): void {
    this.m.addFunction(name, binaryen.createType(params), result, vars, body);
  }
  get(index: number, type: Binaryen.Type): Expr {
    return this.m.local.get(index, type);
  }
  set(index: number, value: Expr): Expr {
    return this.m.local.set(index, value);
  }
  c32(value: number): Expr {
    return this.m.i32.const(value);
  }
  c64(value: bigint): Expr {
    return i64Const(this.m, value);
  }
  gget(name: string, type: Binaryen.Type): Expr {
    return this.m.global.get(name, type);
  }
  gset(name: string, value: Expr): Expr {
    return this.m.global.set(name, value);
  }
  block(...items: Expr[]): Expr {
    return this.m.block(null, items);
  }
  ret(value: Expr): Expr {
    return this.m.return(value);
  }
}

const i32 = (): Binaryen.Type => binaryen.i32;
const i64 = (): Binaryen.Type => binaryen.i64;

/** Advances both virtual clocks by one tick, as every clock read does in the shim. */
function tick(b: Builder, g: Globals): Expr {
  return b.gset(g.elapsed, b.m.i64.add(b.gget(g.elapsed, i64()), b.c64(CLOCK_TICK_NS)));
}

function realtimeNow(b: Builder, g: Globals): Expr {
  return b.m.i64.add(b.gget(g.realtime0, i64()), b.gget(g.elapsed, i64()));
}

function monotonicNow(b: Builder, g: Globals): Expr {
  return b.m.i64.add(b.c64(MONOTONIC_START_NS), b.gget(g.elapsed, i64()));
}

// clock_time_get(id, precision, out): realtime for 0; monotonic for 1 and the CPU-time clocks 2, 3.
function clockTimeGet(b: Builder, g: Globals): Expr {
  const { m } = b;
  const id = (): Expr => b.get(0, i32());
  const out = (): Expr => b.get(2, i32());
  return b.block(
    m.if(
      m.i32.eqz(id()),
      b.block(tick(b, g), m.i64.store(0, 1, out(), realtimeNow(b, g)), b.ret(b.c32(ERRNO_SUCCESS))),
    ),
    m.if(
      m.i32.le_u(id(), b.c32(3)),
      b.block(tick(b, g), m.i64.store(0, 1, out(), monotonicNow(b, g)), b.ret(b.c32(ERRNO_SUCCESS))),
    ),
    b.c32(ERRNO_INVAL),
  );
}

function clockResGet(b: Builder): Expr {
  const { m } = b;
  return b.block(
    m.if(m.i32.gt_u(b.get(0, i32()), b.c32(3)), b.ret(b.c32(ERRNO_INVAL))),
    m.i64.store(0, 1, b.get(1, i32()), b.c64(1000n)),
    b.c32(ERRNO_SUCCESS),
  );
}

// sfc32, as src/core/prng.ts nextUint32: local 0 is t.
function sfc32Next(b: Builder, g: Globals): Expr {
  const { m } = b;
  const [a, bb, c, d] = g.rng;
  const get = (name: string): Expr => b.gget(name, i32());
  return b.block(
    b.set(0, m.i32.add(m.i32.add(get(a), get(bb)), get(d))),
    b.gset(d, m.i32.add(get(d), b.c32(1))),
    b.gset(a, m.i32.xor(get(bb), m.i32.shr_u(get(bb), b.c32(9)))),
    b.gset(bb, m.i32.add(get(c), m.i32.shl(get(c), b.c32(3)))),
    b.gset(c, m.i32.add(m.i32.rotl(get(c), b.c32(21)), b.get(0, i32()))),
    b.get(0, i32()),
  );
}

// random_get(buf, len): one generator word per 4 bytes, low byte first, as Prng.fill. Locals: 2 i, 3 word, 4 j.
function randomGet(b: Builder): Expr {
  const { m } = b;
  const buf = (): Expr => b.get(0, i32());
  const len = (): Expr => b.get(1, i32());
  const i = (): Expr => b.get(2, i32());
  const at = (): Expr => m.i32.add(buf(), i());
  const tail = b.block(
    b.set(4, b.c32(0)),
    m.loop(
      'tail',
      b.block(
        m.if(
          m.i32.lt_u(m.i32.add(i(), b.get(4, i32())), len()),
          b.block(
            m.i32.store8(0, 1, m.i32.add(at(), b.get(4, i32())), b.get(3, i32())),
            b.set(3, m.i32.shr_u(b.get(3, i32()), b.c32(8))),
            b.set(4, m.i32.add(b.get(4, i32()), b.c32(1))),
            m.br('tail', m.i32.lt_u(b.get(4, i32()), b.c32(4))),
          ),
        ),
      ),
    ),
  );
  return b.block(
    b.set(2, b.c32(0)),
    m.block('done', [
      m.loop(
        'words',
        b.block(
          m.br('done', m.i32.ge_u(i(), len())),
          b.set(3, m.call(`${P}next`, [], i32())),
          m.if(m.i32.ge_u(m.i32.sub(len(), i()), b.c32(4)), m.i32.store(0, 1, at(), b.get(3, i32())), tail),
          b.set(2, m.i32.add(i(), b.c32(4))),
          m.br('words'),
        ),
      ),
    ]),
    b.c32(ERRNO_SUCCESS),
  );
}

// poll_oneoff(in, out, count, nevents). Locals: 4 i, 5 sub, 6 events, 7 found, 8 tag, 9 userdata, 10 wait,
// 11 best wait, 12 best userdata, 13 now.

const SUBSCRIPTION_BYTES = 48;
const EVENT_BYTES = 32;

function writeEvent(b: Builder, at: () => Expr, userdata: Expr, type: Expr, isClock: boolean): Expr {
  const { m } = b;
  return b.block(
    m.i64.store(0, 1, at(), userdata),
    m.i32.store16(8, 1, at(), b.c32(ERRNO_SUCCESS)),
    m.i32.store8(10, 1, at(), type),
    m.i64.store(16, 1, at(), b.c64(isClock ? 0n : 1n)),
    m.i32.store16(24, 1, at(), b.c32(0)),
  );
}

function pollOneoff(b: Builder, g: Globals): Expr {
  const { m } = b;
  const L = (n: number, t: Binaryen.Type = binaryen.i32): Expr => b.get(n, t);
  const sub = (): Expr => L(5);
  const clockSub = b.block(
    // now = realtime or monotonic, by the subscription's clock id.
    b.set(13, m.if(m.i32.eqz(m.i32.load(16, 1, sub())), realtimeNow(b, g), monotonicNow(b, g))),
    // wait = absolute ? timeout - now : timeout
    b.set(
      10,
      m.if(
        m.i32.and(m.i32.load16_u(40, 1, sub()), b.c32(1)),
        m.i64.sub(m.i64.load(24, 1, sub()), L(13, i64())),
        m.i64.load(24, 1, sub()),
      ),
    ),
    m.if(
      m.i32.or(m.i32.eqz(L(7)), m.i64.lt_s(L(10, i64()), L(11, i64()))),
      b.block(b.set(7, b.c32(1)), b.set(11, L(10, i64())), b.set(12, L(9, i64()))),
    ),
  );
  const fdSub = b.block(
    writeEvent(b, () => m.i32.add(L(1), m.i32.mul(L(6), b.c32(EVENT_BYTES))), L(9, i64()), L(8), false),
    b.set(6, m.i32.add(L(6), b.c32(1))),
  );
  return b.block(
    m.if(m.i32.eqz(L(2)), b.ret(b.c32(ERRNO_INVAL))),
    m.block('subs', [
      m.loop(
        'each',
        b.block(
          m.br('subs', m.i32.ge_u(L(4), L(2))),
          b.set(5, m.i32.add(L(0), m.i32.mul(L(4), b.c32(SUBSCRIPTION_BYTES)))),
          b.set(9, m.i64.load(0, 1, sub())),
          b.set(8, m.i32.load8_u(8, 1, sub())),
          m.if(m.i32.eqz(L(8)), clockSub, fdSub),
          b.set(4, m.i32.add(L(4), b.c32(1))),
          m.br('each'),
        ),
      ),
    ]),
    // Nothing ready but a clock: the sleep happens at once, on the virtual clock.
    m.if(
      m.i32.and(m.i32.eqz(L(6)), L(7)),
      b.block(
        m.if(m.i64.gt_s(L(11, i64()), b.c64(0n)), b.gset(g.elapsed, m.i64.add(b.gget(g.elapsed, i64()), L(11, i64())))),
        writeEvent(b, () => L(1), L(12, i64()), b.c32(0), true),
        b.set(6, b.c32(1)),
      ),
    ),
    m.i32.store(0, 1, L(3), L(6)),
    b.c32(ERRNO_SUCCESS),
  );
}

function environSizesGet(b: Builder, g: Globals): Expr {
  const { m } = b;
  return b.block(
    m.i32.store(0, 1, b.get(0, i32()), b.gget(g.envCount, i32())),
    m.i32.store(0, 1, b.get(1, i32()), b.gget(g.envBytes, i32())),
    b.c32(ERRNO_SUCCESS),
  );
}

// environ_get(environ, buf): the strings and the offset table straight from the config segment, then each offset
// made a pointer. Local 2: i.
function environGet(b: Builder, g: Globals): Expr {
  const { m } = b;
  const environ = (): Expr => b.get(0, i32());
  const buf = (): Expr => b.get(1, i32());
  const count = (): Expr => b.gget(g.envCount, i32());
  const tableBytes = (): Expr => m.i32.shl(count(), b.c32(2));
  const slot = (): Expr => m.i32.add(environ(), m.i32.shl(b.get(2, i32()), b.c32(2)));
  return b.block(
    m.memory.init(
      CONFIG_SEGMENT,
      buf(),
      m.i32.add(b.c32(CONFIG_HEADER_BYTES), tableBytes()),
      b.gget(g.envBytes, i32()),
    ),
    m.memory.init(CONFIG_SEGMENT, environ(), b.c32(CONFIG_HEADER_BYTES), tableBytes()),
    m.block('done', [
      m.loop(
        'each',
        b.block(
          m.br('done', m.i32.ge_u(b.get(2, i32()), count())),
          m.i32.store(0, 1, slot(), m.i32.add(m.i32.load(0, 1, slot()), buf())),
          b.set(2, m.i32.add(b.get(2, i32()), b.c32(1))),
          m.br('each'),
        ),
      ),
    ]),
    b.c32(ERRNO_SUCCESS),
  );
}

// fd_fdstat_get on stdin/stdout/stderr: a pipe (file type unknown), readable or writable, as the shim's Pipe.
function fdstatGet(b: Builder, realName: string): Expr {
  const { m } = b;
  const fd = (): Expr => b.get(0, i32());
  const out = (): Expr => b.get(1, i32());
  return b.block(
    m.if(
      m.i32.lt_u(fd(), b.c32(3)),
      b.block(
        m.memory.fill(out(), b.c32(0), b.c32(24)),
        m.i64.store(8, 1, out(), m.if(m.i32.eqz(fd()), b.c64(RIGHTS_FD_READ), b.c64(RIGHTS_FD_WRITE))),
        b.ret(b.c32(ERRNO_SUCCESS)),
      ),
    ),
    m.call(realName, [fd(), out()], i32()),
  );
}

// fd_filestat_get on fds 0–2: the shim's pipe answers with an all-zero filestat (file type unknown, size 0).
function filestatGet(b: Builder, realName: string): Expr {
  const { m } = b;
  return b.block(
    m.if(
      m.i32.lt_u(b.get(0, i32()), b.c32(3)),
      b.block(m.memory.fill(b.get(1, i32()), b.c32(0), b.c32(64)), b.ret(b.c32(ERRNO_SUCCESS))),
    ),
    m.call(realName, [b.get(0, i32()), b.get(1, i32())], i32()),
  );
}

// fd_prestat_get(fd, buf): only the directory the SDK calls `.` stays a directory preopen; the others are hidden.
// To read the name without memory of its own, it borrows buf's padding byte (buf+1) and puts it back.
// Locals: 2 result, 3 saved byte, 4 name byte.
function prestatGet(b: Builder, realName: string, realDirName: string): Expr {
  const { m } = b;
  const fd = (): Expr => b.get(0, i32());
  const buf = (): Expr => b.get(1, i32());
  return b.block(
    b.set(2, m.call(realName, [fd(), buf()], i32())),
    m.if(b.get(2, i32()), b.ret(b.get(2, i32()))),
    m.if(m.i32.ne(m.i32.load8_u(0, 1, buf()), b.c32(PREOPENTYPE_DIR)), b.ret(b.c32(ERRNO_SUCCESS))),
    m.if(
      m.i32.eq(m.i32.load(4, 1, buf()), b.c32(1)),
      b.block(
        b.set(3, m.i32.load8_u(1, 1, buf())),
        b.set(2, m.call(realDirName, [fd(), m.i32.add(buf(), b.c32(1)), b.c32(1)], i32())),
        b.set(4, m.i32.load8_u(1, 1, buf())),
        m.i32.store8(1, 1, buf(), b.get(3, i32())),
        m.if(m.i32.and(m.i32.eqz(b.get(2, i32())), m.i32.eq(b.get(4, i32()), b.c32(DOT))), b.ret(b.c32(ERRNO_SUCCESS))),
      ),
    ),
    m.i32.store8(0, 1, buf(), b.c32(PREOPENTYPE_HIDDEN)),
    b.c32(ERRNO_SUCCESS),
  );
}

// fd_prestat_dir_name(fd, path, len): the run's directory is `/` to the program. Local 3: result.
function prestatDirName(b: Builder, realName: string): Expr {
  const { m } = b;
  const path = (): Expr => b.get(1, i32());
  return b.block(
    b.set(3, m.call(realName, [b.get(0, i32()), path(), b.get(2, i32())], i32())),
    m.if(
      m.i32.and(
        m.i32.and(m.i32.eqz(b.get(3, i32())), m.i32.eq(b.get(2, i32()), b.c32(1))),
        m.i32.eq(m.i32.load8_u(0, 1, path()), b.c32(DOT)),
      ),
      m.i32.store8(0, 1, path(), b.c32(SLASH)),
    ),
    b.get(3, i32()),
  );
}

// fd_seek(fd, offset, whence, newoffset). The SDK is itself 32-bit WebAssembly and keeps file positions modulo
// 2^32: a seek to 1 TiB lands at 0 and reads the file again (hexyl -s 1TiB). No file in the SDK can be that large,
// so such a seek goes to the end instead (reads then see end of file, as natively) and reports the position asked
// for. Local 4: result.
function fdSeek(b: Builder, realName: string): Expr {
  const { m } = b;
  const offset = (): Expr => b.get(1, i64());
  const out = (): Expr => b.get(3, i32());
  const WHENCE_END = 2;
  return b.block(
    m.if(
      m.i64.gt_s(offset(), b.c64(0xffffffffn)),
      b.block(
        b.set(4, m.call(realName, [b.get(0, i32()), b.c64(0n), b.c32(WHENCE_END), out()], i32())),
        m.if(b.get(4, i32()), b.ret(b.get(4, i32()))),
        m.i64.store(
          0,
          1,
          out(),
          m.if(m.i32.eqz(b.get(2, i32())), offset(), m.i64.add(m.i64.load(0, 1, out()), offset())),
        ),
        b.ret(b.c32(ERRNO_SUCCESS)),
      ),
    ),
    m.call(realName, [b.get(0, i32()), offset(), b.get(2, i32()), out()], i32()),
  );
}

// memory_grow_post(id, result): on the first growth to the memory-limit level, write MEMORY_SIGNAL to stderr from
// the pages just added (still unused by the program) and clear them again. Local 2: base of the new pages.
function growPost(b: Builder, g: Globals, realWrite: string): Expr {
  const { m } = b;
  const result = (): Expr => b.get(1, i32());
  const base = (): Expr => b.get(2, i32());
  const size = MEMORY_SIGNAL.length;
  const level = (): Expr => b.gget(g.memoryLevel, i32());
  const reached = m.i32.and(
    m.i32.and(m.i32.ne(result(), b.c32(-1)), m.i32.eqz(b.gget(g.signalled, i32()))),
    m.i32.and(
      m.i32.ne(level(), b.c32(0)),
      m.i32.and(m.i32.ge_u(m.memory.size(), level()), m.i32.gt_u(m.memory.size(), result())),
    ),
  );
  return b.block(
    m.if(
      reached,
      b.block(
        b.gset(g.signalled, b.c32(1)),
        b.set(2, m.i32.shl(result(), b.c32(16))),
        m.memory.init(SIGNAL_SEGMENT, m.i32.add(base(), b.c32(16)), b.c32(0), b.c32(size)),
        m.i32.store(0, 1, base(), m.i32.add(base(), b.c32(16))),
        m.i32.store(4, 1, base(), b.c32(size)),
        m.drop(m.call(realWrite, [b.c32(2), base(), b.c32(1), m.i32.add(base(), b.c32(8))], i32())),
        m.memory.fill(base(), b.c32(0), b.c32(16 + size)),
      ),
    ),
    result(),
  );
}

// --- the file limit. The SDK's in-memory files are not ours to count, so the guest counts what its own calls make
// them grow by: before a call that can lengthen a regular file, the file's size (and, for fd_write, the position or
// append flag) is asked of the SDK, and the call is refused with ENOSPC when the new length would pass the room
// left; after it succeeded, the growth is taken from the room. Truncation gives bytes back (fd_filestat_set_size
// down, path_open with O_TRUNC); deleting a file does not (it may still be open), so the count is an upper bound.
// The helpers need a few bytes of memory for the SDK's answers: they borrow the first 64 bytes of memory and put
// them back before the program goes on, as init does.

interface FileImports {
  fdstat: string;
  filestat: string;
  seek: string;
  write: string;
  pwrite: string;
  allocate: string;
  setSize: string;
  pathOpen: string;
  pathFilestat: string;
}

const SCRATCH_WORDS = 8;

/** Saves the scratch words into locals first..first+n-1, runs `body` (which yields `type`), restores them. */
function borrowed(b: Builder, first: number, words: number, result: number, body: Expr[], type: Binaryen.Type): Expr {
  const { m } = b;
  const save: Expr[] = [];
  const restore: Expr[] = [];
  for (let i = 0; i < words; i++) {
    save.push(b.set(first + i, m.i64.load(8 * i, 1, b.c32(0))));
    restore.push(m.i64.store(8 * i, 1, b.c32(0), b.get(first + i, i64())));
  }
  return b.block(...save, ...body, ...restore, b.get(result, type));
}

function fileLimitHelpers(b: Builder, g: Globals, f: FileImports): void {
  const { m } = b;
  const words = Array.from({ length: SCRATCH_WORDS }, () => binaryen.i64);
  const regularSize = (call: Expr, result: number): Expr =>
    b.set(
      result,
      m.if(
        m.i32.and(m.i32.eqz(call), m.i32.eq(m.i32.load8_u(16, 1, b.c32(0)), b.c32(FILETYPE_REGULAR_FILE))),
        m.i64.load(32, 1, b.c32(0)),
        b.c64(-1n),
      ),
    );
  // fsize(fd): the size of a regular file, else -1 (stdio, directories, errors). Locals 1–8 saved words, 9 result.
  b.fn(
    `${P}fsize`,
    [i32()],
    i64(),
    [...words, binaryen.i64],
    b.block(
      m.if(m.i32.lt_u(b.get(0, i32()), b.c32(3)), b.ret(b.c64(-1n))),
      borrowed(b, 1, SCRATCH_WORDS, 9, [regularSize(m.call(f.filestat, [b.get(0, i32()), b.c32(0)], i32()), 9)], i64()),
    ),
  );
  // psize(fd, flags, path, len): as fsize, for a path. Locals 4–11 saved words, 12 result.
  b.fn(
    `${P}psize`,
    [i32(), i32(), i32(), i32()],
    i64(),
    [...words, binaryen.i64],
    borrowed(
      b,
      4,
      SCRATCH_WORDS,
      12,
      [regularSize(m.call(f.pathFilestat, [0, 1, 2, 3].map((i) => b.get(i, i32())).concat(b.c32(0)), i32()), 12)],
      i64(),
    ),
  );
  // fpos(fd): the file position. Locals 1 saved word, 2 result.
  b.fn(
    `${P}fpos`,
    [i32()],
    i64(),
    [binaryen.i64, binaryen.i64],
    borrowed(
      b,
      1,
      1,
      2,
      [
        b.set(
          2,
          m.if(
            m.i32.eqz(m.call(f.seek, [b.get(0, i32()), b.c64(0n), b.c32(WHENCE_CUR), b.c32(0)], i32())),
            m.i64.load(0, 1, b.c32(0)),
            b.c64(-1n),
          ),
        ),
      ],
      i64(),
    ),
  );
  // fappend(fd): whether writes go to the end. Locals 1–3 saved words, 4 result.
  b.fn(
    `${P}fappend`,
    [i32()],
    i32(),
    [binaryen.i64, binaryen.i64, binaryen.i64, binaryen.i32],
    borrowed(
      b,
      1,
      3,
      4,
      [
        b.set(
          4,
          m.if(
            m.i32.eqz(m.call(f.fdstat, [b.get(0, i32()), b.c32(0)], i32())),
            m.i32.and(m.i32.load16_u(2, 1, b.c32(0)), b.c32(FDFLAGS_APPEND)),
            b.c32(0),
          ),
        ),
      ],
      i32(),
    ),
  );
  // iovsum(iovs, count): the bytes an iovec array names, or -1 when the array or any buffer it names (or the 4-byte
  // result at `out`) reaches past the end of memory: the SDK would write the buffers before the bad one and then trap.
  // Locals 3 i, 4 total, 5 iovec.
  const memBytes = (): Expr => m.i64.shl(m.i64.extend_u(m.memory.size()), b.c64(16n));
  const past = (ptr: Expr, len: Expr): Expr => m.i64.gt_u(m.i64.add(m.i64.extend_u(ptr), len), memBytes());
  const iov = (): Expr => b.get(5, i32());
  b.fn(
    `${P}iovsum`,
    [i32(), i32(), i32()],
    i64(),
    [binaryen.i32, binaryen.i64, binaryen.i32],
    b.block(
      m.if(
        m.i32.or(
          past(b.get(0, i32()), m.i64.shl(m.i64.extend_u(b.get(1, i32())), b.c64(3n))),
          past(b.get(2, i32()), b.c64(4n)),
        ),
        b.ret(b.c64(-1n)),
      ),
      m.block('done', [
        m.loop(
          'each',
          b.block(
            m.br('done', m.i32.ge_u(b.get(3, i32()), b.get(1, i32()))),
            b.set(5, m.i32.add(b.get(0, i32()), m.i32.shl(b.get(3, i32()), b.c32(3)))),
            m.if(past(m.i32.load(0, 1, iov()), m.i64.extend_u(m.i32.load(4, 1, iov()))), b.ret(b.c64(-1n))),
            b.set(4, m.i64.add(b.get(4, i64()), m.i64.extend_u(m.i32.load(4, 1, iov())))),
            b.set(3, m.i32.add(b.get(3, i32()), b.c32(1))),
            m.br('each'),
          ),
        ),
      ]),
      b.get(4, i64()),
    ),
  );
  // refuse(): ENOSPC, and FILE_SIGNAL on stderr the first time. Locals 0–7 saved words.
  const size = FILE_SIGNAL.length;
  b.fn(
    `${P}refuse`,
    [],
    i32(),
    words,
    b.block(
      m.if(
        m.i32.eqz(b.gget(g.fileSignalled, i32())),
        b.block(
          b.gset(g.fileSignalled, b.c32(1)),
          ...Array.from({ length: SCRATCH_WORDS }, (_, i) => b.set(i, m.i64.load(8 * i, 1, b.c32(0)))),
          m.memory.init(FILE_SIGNAL_SEGMENT, b.c32(16), b.c32(0), b.c32(size)),
          m.i32.store(0, 1, b.c32(0), b.c32(16)),
          m.i32.store(4, 1, b.c32(0), b.c32(size)),
          m.drop(m.call(f.write, [b.c32(2), b.c32(0), b.c32(1), b.c32(8)], i32())),
          ...Array.from({ length: SCRATCH_WORDS }, (_, i) => m.i64.store(8 * i, 1, b.c32(0), b.get(i, i64()))),
        ),
      ),
      b.c32(ERRNO_NOSPC),
    ),
  );
  // allow(size, end): 0 when a file of `size` bytes (-1: not a regular file) may become `end` bytes long.
  b.fn(
    `${P}allow`,
    [i64(), i64()],
    i32(),
    [],
    b.block(
      m.if(
        m.i32.and(
          m.i64.ge_s(b.get(0, i64()), b.c64(0n)),
          m.i32.and(
            m.i64.gt_u(b.get(1, i64()), b.get(0, i64())),
            m.i64.gt_u(m.i64.sub(b.get(1, i64()), b.get(0, i64())), b.gget(g.fileRoom, i64())),
          ),
        ),
        b.ret(m.call(`${P}refuse`, [], i32())),
      ),
      b.c32(ERRNO_SUCCESS),
    ),
  );
  // took(size, end, shrinks): a file of `size` bytes is now `end` long; shrinking gives bytes back when `shrinks`.
  const room = (): Expr => b.gget(g.fileRoom, i64());
  const grown = (): Expr => m.i64.sub(b.get(1, i64()), b.get(0, i64()));
  b.fn(
    `${P}took`,
    [i64(), i64(), i32()],
    binaryen.none,
    [],
    m.if(
      m.i64.ge_s(b.get(0, i64()), b.c64(0n)),
      m.if(
        m.i64.gt_u(b.get(1, i64()), b.get(0, i64())),
        b.gset(g.fileRoom, m.if(m.i64.gt_u(room(), grown()), m.i64.sub(room(), grown()), b.c64(0n))),
        m.if(b.get(2, i32()), b.gset(g.fileRoom, m.i64.add(room(), m.i64.sub(b.get(0, i64()), b.get(1, i64()))))),
      ),
    ),
  );
}

const fsize = (b: Builder, fd: Expr): Expr => b.m.call(`${P}fsize`, [fd], i64());
const allow = (b: Builder, size: Expr, end: Expr): Expr => b.m.call(`${P}allow`, [size, end], i32());
const took = (b: Builder, size: Expr, end: Expr, shrinks: boolean): Expr =>
  b.m.call(`${P}took`, [size, end, b.c32(shrinks ? 1 : 0)], binaryen.none);

// fd_write(fd, iovs, count, nwritten). Locals 4 size, 5 base (where the write starts), 6 result, 7 total.
function fdWrite(b: Builder, f: FileImports): Expr {
  const { m } = b;
  const size = (): Expr => b.get(4, i64());
  const isFile = (): Expr => m.i64.ge_s(size(), b.c64(0n));
  return b.block(
    b.set(7, m.call(`${P}iovsum`, [b.get(1, i32()), b.get(2, i32()), b.get(3, i32())], i64())),
    m.if(m.i64.eq(b.get(7, i64()), b.c64(-1n)), b.ret(b.c32(ERRNO_FAULT))),
    b.set(4, fsize(b, b.get(0, i32()))),
    m.if(
      isFile(),
      b.block(
        b.set(
          5,
          m.if(m.call(`${P}fappend`, [b.get(0, i32())], i32()), size(), m.call(`${P}fpos`, [b.get(0, i32())], i64())),
        ),
        b.set(6, allow(b, size(), m.i64.add(b.get(5, i64()), b.get(7, i64())))),
        m.if(b.get(6, i32()), b.ret(b.get(6, i32()))),
      ),
    ),
    b.set(
      6,
      m.call(
        f.write,
        [0, 1, 2, 3].map((i) => b.get(i, i32())),
        i32(),
      ),
    ),
    m.if(
      m.i32.and(m.i32.eqz(b.get(6, i32())), isFile()),
      took(b, size(), m.i64.add(b.get(5, i64()), m.i64.extend_u(m.i32.load(0, 1, b.get(3, i32())))), false),
    ),
    b.get(6, i32()),
  );
}

// fd_pwrite(fd, iovs, count, offset, nwritten). Locals 5 size, 6 result, 7 total.
function fdPwrite(b: Builder, f: FileImports): Expr {
  const { m } = b;
  const size = (): Expr => b.get(5, i64());
  const end = (more: Expr): Expr => m.i64.add(b.get(3, i64()), more);
  return b.block(
    b.set(7, m.call(`${P}iovsum`, [b.get(1, i32()), b.get(2, i32()), b.get(4, i32())], i64())),
    m.if(m.i64.eq(b.get(7, i64()), b.c64(-1n)), b.ret(b.c32(ERRNO_FAULT))),
    b.set(5, fsize(b, b.get(0, i32()))),
    b.set(6, allow(b, size(), end(b.get(7, i64())))),
    m.if(b.get(6, i32()), b.ret(b.get(6, i32()))),
    b.set(
      6,
      m.call(f.pwrite, [b.get(0, i32()), b.get(1, i32()), b.get(2, i32()), b.get(3, i64()), b.get(4, i32())], i32()),
    ),
    m.if(m.i32.eqz(b.get(6, i32())), took(b, size(), end(m.i64.extend_u(m.i32.load(0, 1, b.get(4, i32())))), false)),
    b.get(6, i32()),
  );
}

// fd_allocate(fd, offset, len). Locals 3 size, 4 result.
function fdAllocate(b: Builder, f: FileImports): Expr {
  const { m } = b;
  const end = (): Expr => m.i64.add(b.get(1, i64()), b.get(2, i64()));
  return b.block(
    b.set(3, fsize(b, b.get(0, i32()))),
    b.set(4, allow(b, b.get(3, i64()), end())),
    m.if(b.get(4, i32()), b.ret(b.get(4, i32()))),
    b.set(4, m.call(f.allocate, [b.get(0, i32()), b.get(1, i64()), b.get(2, i64())], i32())),
    m.if(m.i32.eqz(b.get(4, i32())), took(b, b.get(3, i64()), end(), false)),
    b.get(4, i32()),
  );
}

// fd_filestat_set_size(fd, size). Locals 2 old size, 3 result.
function fdSetSize(b: Builder, f: FileImports): Expr {
  const { m } = b;
  return b.block(
    b.set(2, fsize(b, b.get(0, i32()))),
    b.set(3, allow(b, b.get(2, i64()), b.get(1, i64()))),
    m.if(b.get(3, i32()), b.ret(b.get(3, i32()))),
    b.set(3, m.call(f.setSize, [b.get(0, i32()), b.get(1, i64())], i32())),
    m.if(m.i32.eqz(b.get(3, i32())), took(b, b.get(2, i64()), b.get(1, i64()), true)),
    b.get(3, i32()),
  );
}

// path_open(fd, dirflags, path, len, oflags, base, inheriting, fdflags, opened): O_TRUNC gives the old bytes back.
// Locals 9 old size, 10 result.
function pathOpen(b: Builder, f: FileImports): Expr {
  const { m } = b;
  const args = [0, 1, 2, 3, 4].map((i) => b.get(i, i32()));
  return b.block(
    b.set(
      9,
      m.if(m.i32.and(b.get(4, i32()), b.c32(OFLAGS_TRUNC)), m.call(`${P}psize`, args.slice(0, 4), i64()), b.c64(-1n)),
    ),
    b.set(10, m.call(f.pathOpen, [...args, b.get(5, i64()), b.get(6, i64()), b.get(7, i32()), b.get(8, i32())], i32())),
    m.if(
      m.i32.and(m.i32.eqz(b.get(10, i32())), m.i64.gt_s(b.get(9, i64()), b.c64(0n))),
      took(b, b.get(9, i64()), b.c64(0n), true),
    ),
    b.get(10, i32()),
  );
}

// Copies the config header into globals. Before the program has run, the first 40 bytes of memory are borrowed for
// it (saved in locals 0–4 and put back), since the module has no memory of the rewriter's own.
function init(b: Builder, g: Globals): Expr {
  const { m } = b;
  const words = CONFIG_HEADER_BYTES / 8;
  const save: Expr[] = [];
  const restore: Expr[] = [];
  for (let i = 0; i < words; i++) {
    save.push(b.set(i, m.i64.load(8 * i, 1, b.c32(0))));
    restore.push(m.i64.store(8 * i, 1, b.c32(0), b.get(i, i64())));
  }
  const load32 = (offset: number): Expr => m.i32.load(offset, 1, b.c32(0));
  return b.block(
    ...save,
    m.memory.init(CONFIG_SEGMENT, b.c32(0), b.c32(0), b.c32(CONFIG_HEADER_BYTES)),
    b.gset(g.realtime0, m.i64.load(0, 1, b.c32(0))),
    ...g.rng.map((name, i) => b.gset(name, load32(8 + 4 * i))),
    b.gset(g.envCount, load32(24)),
    b.gset(g.envBytes, load32(28)),
    b.gset(g.memoryLevel, load32(32)),
    b.gset(g.fileRoom, m.i64.extend_u(load32(36))),
    ...restore,
  );
}

/**
 * Adds the two passive segments (the signal text, then the config placeholder, which must be last) by setting the
 * memory again with every existing segment kept under its own name, since binaryen.js has no call that adds one.
 */
function addSegments(m: Module, memoryName: string): void {
  const info = m.getMemoryInfo(memoryName);
  // binaryen.js 132 has getDataSegmentInfo(ref) at run time; its typings still describe an older call.
  const api = m as unknown as {
    getNumDataSegments(): number;
    getDataSegmentByIndex(index: number): number;
    getDataSegmentInfo(ref: number): { name: string; offset: number | null; data: ArrayBuffer; passive: boolean };
  };
  const segments: (Binaryen.MemorySegment & { name: string })[] = [];
  for (let i = 0; i < api.getNumDataSegments(); i++) {
    const seg = api.getDataSegmentInfo(api.getDataSegmentByIndex(i));
    segments.push({
      name: seg.name,
      data: new Uint8Array(seg.data),
      passive: seg.passive,
      offset: m.i32.const(seg.offset ?? 0),
    });
  }
  segments.push({ name: SIGNAL_SEGMENT, data: MEMORY_SIGNAL, passive: true, offset: m.i32.const(0) });
  segments.push({ name: FILE_SIGNAL_SEGMENT, data: FILE_SIGNAL, passive: true, offset: m.i32.const(0) });
  segments.push({ name: CONFIG_SEGMENT, data: CONFIG_PLACEHOLDER, passive: true, offset: m.i32.const(0) });
  m.removeExport('memory');
  m.setMemory(info.initial, info.max ?? 65536, 'memory', segments, info.shared, info.is64, memoryName);
}
