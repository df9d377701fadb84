import { concatBytes } from '../../core/bytes.ts';

/** One output stream of a script run: collects bytes up to the limit and keeps exactly the first `limitBytes`. */
export class CappedOutput {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  constructor(private readonly limitBytes: number) {}

  /** Appends what fits; false when `data` did not fit entirely (the run must then stop with output-limit). */
  write(data: Uint8Array): boolean {
    const room = this.limitBytes - this.size;
    const kept = data.length > room ? data.subarray(0, Math.max(room, 0)) : data;
    if (kept.length > 0) {
      this.chunks.push(kept.slice());
      this.size += kept.length;
    }
    return kept.length === data.length;
  }

  bytes(): Uint8Array {
    return concatBytes(this.chunks);
  }
}
