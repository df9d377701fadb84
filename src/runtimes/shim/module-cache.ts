import type { WasmProgram } from '../../core/run-request.ts';
import { prepareModule, type Prepared } from './prepare.ts';

/**
 * Compiles each program once per memory limit and remembers the result (including "invalid"), so scoring 600
 * tests compiles the candidate once, not 600 times.
 */
export class ModuleCache {
  private readonly entries = new Map<string, Promise<Prepared>>();
  constructor(private readonly capacity = 16) {}

  static key(program: WasmProgram, memoryBytes: number): string {
    return `${program.id}@${memoryBytes}`;
  }

  get(program: WasmProgram, memoryBytes: number): Promise<Prepared> {
    const key = ModuleCache.key(program, memoryBytes);
    let entry = this.entries.get(key);
    if (entry) {
      // Refresh recency: Map iteration order is insertion order.
      this.entries.delete(key);
    } else {
      entry = prepareModule(program.bytes, memoryBytes);
    }
    this.entries.set(key, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return entry;
  }
}
