import type { Duplex } from 'node:stream';
import { deserialize, serialize } from 'node:v8';
import type { Endpoint } from 'comlink';

/**
 * The largest frame a side accepts: a run's result (two streams of the output limit and the files of the file limit
 * at their defaults, 96 MiB) with room to spare, and far below what would hurt the CLI. A side that announces more
 * is treated as hostile.
 */
export const MAX_FRAME_BYTES = 512 * 2 ** 20;

/**
 * A comlink Endpoint over a plain stream socket (the sandboxed child's fd 3) with framing of its own: a 4-byte
 * big-endian length, then a V8 structured clone (`v8.serialize`, so Uint8Array, bigint and Map survive as they do
 * across worker_threads). Not Node's IPC channel: its parser runs inside Node's own read callback, where a frame
 * that is not a V8 value throws an exception nothing can catch, and it buffers whatever length a frame announces. The
 * other side may be owned by a candidate (the permission model does not check writes to an open descriptor), so a
 * frame past MAX_FRAME_BYTES or one that does not deserialize calls `onBad` and nothing more is read. Transfer lists
 * are dropped (everything is copied); a message sent after the other side went away is dropped too, the pool learning
 * of the death from the process's exit.
 */
export function framedEndpoint(socket: Duplex, onBad: (why: string) => void): Endpoint {
  const listeners = new Set<(data: unknown) => void>();
  const wrapped = new Map<Parameters<Endpoint['addEventListener']>[1], (data: unknown) => void>();
  let chunks: Buffer[] = [];
  let buffered = 0;
  let broken = false;
  const fail = (why: string): void => {
    broken = true;
    chunks = [];
    buffered = 0;
    socket.destroy();
    onBad(why);
  };
  // The length of the frame being received, once its 4 bytes are in: the chunks are joined once per frame, not once
  // per chunk (a result of tens of MiB arrives in thousands of chunks).
  let size: number | undefined;
  const join = (): Buffer => {
    const all = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    chunks = [all];
    return all;
  };
  socket.on('data', (chunk: Buffer) => {
    if (broken) return;
    chunks.push(chunk);
    buffered += chunk.byteLength;
    for (;;) {
      if (size === undefined) {
        if (buffered < 4) return;
        size = join().readUInt32BE(0);
        if (size > MAX_FRAME_BYTES) return fail(`a frame of ${size} bytes`);
      }
      if (buffered < 4 + size) return;
      const all = join();
      let message: unknown;
      try {
        message = deserialize(all.subarray(4, 4 + size));
      } catch {
        return fail('a frame that is not a structured clone');
      }
      const rest = all.subarray(4 + size);
      chunks = rest.byteLength > 0 ? [rest] : [];
      buffered = rest.byteLength;
      size = undefined;
      for (const deliver of [...listeners]) deliver(message);
      if (broken) return;
    }
  });
  // A socket error (the other side gone) is the process's exit to report, not an exception of this process.
  socket.on('error', () => undefined);
  return {
    postMessage(message: unknown) {
      if (broken || socket.destroyed) return;
      let body: Buffer;
      try {
        body = serialize(message);
      } catch {
        return;
      }
      const head = Buffer.alloc(4);
      head.writeUInt32BE(body.byteLength);
      socket.write(Buffer.concat([head, body]));
    },
    addEventListener(_type, listener) {
      const deliver = (data: unknown): void => {
        if (typeof listener === 'function') listener({ data } as MessageEvent);
        else listener.handleEvent({ data } as MessageEvent);
      };
      wrapped.set(listener, deliver);
      listeners.add(deliver);
    },
    removeEventListener(_type, listener) {
      const deliver = wrapped.get(listener);
      if (!deliver) return;
      listeners.delete(deliver);
      wrapped.delete(listener);
    },
  };
}
