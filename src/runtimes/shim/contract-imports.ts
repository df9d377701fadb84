import { wasi, type WASI } from '@bjorn3/browser_wasi_shim';
import { Prng } from '../../core/prng.ts';
import { StopRun } from './stop-run.ts';
import type { VirtualClock } from './virtual-clock.ts';

type Memory = { memory: WebAssembly.Memory };
type ImportFn = (...args: never[]) => unknown;

const SUBSCRIPTION_BYTES = 48;
const EVENT_BYTES = 32;
const EVENTTYPE_CLOCK = 0;
const SUBCLOCKFLAGS_ABSTIME = 1;

/**
 * Replaces the shim's imports where the environment contract differs from "whatever the host says": argv sizes
 * (the shim counts UTF-16 units where it writes UTF-8 bytes), clocks, sleep, randomness, signals and sockets.
 */
export function applyContract(shim: WASI, clock: VirtualClock, seed: number, checkDeadline: () => void): void {
  const imports = shim.wasiImport as Record<string, ImportFn>;
  const view = (): DataView => new DataView((shim.inst.exports as unknown as Memory).memory.buffer);
  const encoder = new TextEncoder();
  const random = new Prng(seed);

  imports.args_sizes_get = ((argcPtr: number, bufSizePtr: number) => {
    let size = 0;
    for (const arg of shim.args) size += encoder.encode(arg).length + 1;
    view().setUint32(argcPtr, shim.args.length, true);
    view().setUint32(bufSizePtr, size, true);
    return wasi.ERRNO_SUCCESS;
  }) as ImportFn;

  const read = (id: number): bigint | undefined => {
    if (id === wasi.CLOCKID_REALTIME) return clock.realtime();
    if (id === wasi.CLOCKID_MONOTONIC) return clock.monotonic();
    // Process and thread CPU clocks: a program's own CPU time, here just the same deterministic count.
    if (id === wasi.CLOCKID_PROCESS_CPUTIME_ID || id === wasi.CLOCKID_THREAD_CPUTIME_ID) return clock.monotonic();
    return undefined;
  };

  imports.clock_time_get = ((id: number, _precision: bigint, outPtr: number) => {
    checkDeadline();
    const t = read(id);
    if (t === undefined) return wasi.ERRNO_INVAL;
    view().setBigUint64(outPtr, t, true);
    return wasi.ERRNO_SUCCESS;
  }) as ImportFn;

  imports.clock_res_get = ((id: number, outPtr: number) => {
    if (id < 0 || id > 3) return wasi.ERRNO_INVAL;
    view().setBigUint64(outPtr, 1000n, true);
    return wasi.ERRNO_SUCCESS;
  }) as ImportFn;

  imports.random_get = ((ptr: number, len: number) => {
    random.fill(new Uint8Array((shim.inst.exports as unknown as Memory).memory.buffer, ptr, len));
    return wasi.ERRNO_SUCCESS;
  }) as ImportFn;

  // Sleeping advances the virtual clock and returns at once; fd subscriptions are always ready, since stdin is
  // fully known before the run and output pipes never block.
  imports.poll_oneoff = ((inPtr: number, outPtr: number, count: number, neventsPtr: number) => {
    checkDeadline();
    if (count === 0) return wasi.ERRNO_INVAL;
    const mem = view();
    let events = 0;
    let earliest: { userdata: bigint; waitNs: bigint } | undefined;
    for (let i = 0; i < count; i++) {
      const sub = inPtr + i * SUBSCRIPTION_BYTES;
      const userdata = mem.getBigUint64(sub, true);
      const tag = mem.getUint8(sub + 8);
      if (tag === EVENTTYPE_CLOCK) {
        const clockId = mem.getUint32(sub + 16, true);
        const timeout = mem.getBigUint64(sub + 24, true);
        const flags = mem.getUint16(sub + 40, true);
        const now = clockId === wasi.CLOCKID_REALTIME ? clock.peekRealtime() : clock.peekMonotonic();
        const waitNs = flags & SUBCLOCKFLAGS_ABSTIME ? timeout - now : timeout;
        if (!earliest || waitNs < earliest.waitNs) earliest = { userdata, waitNs };
      } else {
        writeEvent(mem, outPtr + events * EVENT_BYTES, userdata, tag);
        events++;
      }
    }
    if (events === 0 && earliest) {
      clock.advance(earliest.waitNs);
      writeEvent(mem, outPtr, earliest.userdata, EVENTTYPE_CLOCK);
      events = 1;
    }
    mem.setUint32(neventsPtr, events, true);
    return wasi.ERRNO_SUCCESS;
  }) as ImportFn;

  imports.sched_yield = (() => {
    checkDeadline();
    return wasi.ERRNO_SUCCESS;
  }) as ImportFn;

  imports.proc_raise = ((signal: number) => {
    throw new StopRun({ kind: 'signal', signal });
  }) as ImportFn;

  // No network: sockets are refused with an error the program can handle, instead of the shim's thrown string.
  for (const name of ['sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown']) {
    imports[name] = (() => wasi.ERRNO_NOTSUP) as ImportFn;
  }
}

function writeEvent(mem: DataView, at: number, userdata: bigint, type: number): void {
  mem.setBigUint64(at, userdata, true);
  mem.setUint16(at + 8, wasi.ERRNO_SUCCESS, true);
  mem.setUint8(at + 10, type);
  // fd_readwrite: nbytes and flags, zero for clocks; "some bytes available" for fd events.
  mem.setBigUint64(at + 16, type === EVENTTYPE_CLOCK ? 0n : 1n, true);
  mem.setUint16(at + 24, 0, true);
}
