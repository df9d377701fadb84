import type { Serializable } from 'node:child_process';
import type { Endpoint } from 'comlink';

/**
 * Either end of a Node IPC channel: a ChildProcess seen from the parent, or `process` seen from the child. Both
 * send with `send` and deliver with a 'message' event; with `serialization: 'advanced'` the messages are V8
 * structured clones, so Uint8Array, bigint and Map survive as they do across worker_threads.
 */
export interface IpcChannel {
  send?: ((message: Serializable) => boolean) | undefined;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

type Listener = Parameters<Endpoint['addEventListener']>[1];

/**
 * A comlink Endpoint over an IPC channel. Transfer lists are dropped: IPC copies everything, and nothing the runner
 * protocol sends needs to move rather than copy. A message sent after the other side went away is dropped too; the
 * pool learns of the death from the process's exit, not from a failed send.
 */
export function ipcEndpoint(channel: IpcChannel): Endpoint {
  const wrapped = new Map<Listener, (message: unknown) => void>();
  return {
    postMessage(message: unknown) {
      try {
        channel.send?.(message as Serializable);
      } catch {
        // ERR_IPC_CHANNEL_CLOSED: the process is gone, and its exit event says so.
      }
    },
    addEventListener(_type, listener) {
      const deliver = (data: unknown): void => {
        if (typeof listener === 'function') listener({ data } as MessageEvent);
        else listener.handleEvent({ data } as MessageEvent);
      };
      wrapped.set(listener, deliver);
      channel.on('message', deliver);
    },
    removeEventListener(_type, listener) {
      const deliver = wrapped.get(listener);
      if (!deliver) return;
      channel.off('message', deliver);
      wrapped.delete(listener);
    },
  };
}
