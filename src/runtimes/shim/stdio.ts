import { Fd, wasi } from '@bjorn3/browser_wasi_shim';
import { concatBytes } from '../../core/bytes.ts';
import { StopRun } from './stop-run.ts';

/**
 * Standard streams are pipes, not character devices: isatty() is false, seeking fails with ESPIPE, and file type is
 * "unknown" (WASI preview 1 has no pipe type). Programs that colour or buffer differently on a terminal therefore behave as
 * they do under a test harness natively.
 */
const FILETYPE_PIPE = wasi.FILETYPE_UNKNOWN;

/** What both directions share: a pipe's file type and rights, and no seeking. */
abstract class Pipe extends Fd {
  constructor(private readonly rights: number) {
    super();
  }
  override fd_fdstat_get() {
    const fdstat = new wasi.Fdstat(FILETYPE_PIPE, 0);
    fdstat.fs_rights_base = BigInt(this.rights);
    return { ret: wasi.ERRNO_SUCCESS, fdstat };
  }
  override fd_filestat_get() {
    return { ret: wasi.ERRNO_SUCCESS, filestat: new wasi.Filestat(0n, FILETYPE_PIPE, 0n) };
  }
  override fd_seek() {
    return { ret: wasi.ERRNO_SPIPE, offset: 0n };
  }
  override fd_tell() {
    return { ret: wasi.ERRNO_SPIPE, offset: 0n };
  }
}

export class InputPipe extends Pipe {
  private pos = 0;
  constructor(
    private readonly data: Uint8Array,
    private readonly checkDeadline: () => void,
  ) {
    super(wasi.RIGHTS_FD_READ);
  }
  override fd_read(size: number) {
    this.checkDeadline();
    const chunk = this.data.subarray(this.pos, Math.min(this.data.length, this.pos + size));
    this.pos += chunk.length;
    return { ret: wasi.ERRNO_SUCCESS, data: chunk.slice() };
  }
}

export class OutputPipe extends Pipe {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  constructor(
    private readonly stream: 'stdout' | 'stderr',
    private readonly limitBytes: number,
    private readonly checkDeadline: () => void,
  ) {
    super(wasi.RIGHTS_FD_WRITE);
  }
  override fd_write(data: Uint8Array) {
    this.checkDeadline();
    const room = this.limitBytes - this.size;
    if (data.length > room) {
      // Keep what fits so the user sees where the flood started.
      this.append(data.subarray(0, Math.max(room, 0)));
      throw new StopRun({ kind: 'output-limit', stream: this.stream });
    }
    this.append(data);
    return { ret: wasi.ERRNO_SUCCESS, nwritten: data.length };
  }
  bytes(): Uint8Array {
    return concatBytes(this.chunks);
  }
  private append(data: Uint8Array): void {
    // The shim hands us a fresh slice of memory, so keeping it without copying is safe.
    if (data.length === 0) return;
    this.chunks.push(data);
    this.size += data.length;
  }
}
