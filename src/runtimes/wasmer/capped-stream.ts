import type { ReadableBytes } from '@wasmer/sdk';
import { concatBytes } from '../../core/bytes.ts';

/**
 * Collects one output pipe up to the output limit. The SDK's own `outputBytes` only truncates what it keeps and
 * lets the program run on (a flood then lasts until the wall-time limit), so the runner reads the pipe itself and
 * stops the process the moment the cap is passed.
 */
export class CappedStream {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  overflowed = false;

  constructor(private readonly limitBytes: number) {}

  /** Reads until end of stream or overflow; `onOverflow` is called once, as soon as the cap is passed. */
  async drain(stream: ReadableBytes | null, onOverflow: () => void): Promise<void> {
    if (!stream) return;
    for await (const chunk of stream) {
      if (this.overflowed) continue;
      const room = this.limitBytes - this.size;
      if (chunk.length > room) {
        // Keep exactly the first `limitBytes`, as the shim does, so both backends show the same cut.
        this.push(chunk.subarray(0, Math.max(room, 0)));
        this.overflowed = true;
        onOverflow();
        continue;
      }
      this.push(chunk);
    }
  }

  bytes(): Uint8Array {
    return concatBytes(this.chunks);
  }

  private push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk.slice());
    this.size += chunk.length;
  }
}
