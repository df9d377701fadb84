import type { Checkpoint, CheckpointStore } from './checkpoint.ts';
import type { TrajectoryEvent } from './trajectory.ts';

/**
 * A CheckpointStore in memory, for tests and for an app session that persists elsewhere. It keeps what a durable
 * store would write — the checkpoint as JSON text and each event as a JSON line — so what it holds is exactly what
 * would reach storage (tests search these bytes for the key).
 */
export class MemoryCheckpointStore implements CheckpointStore {
  private checkpointJson: string | undefined;
  private readonly lines: string[] = [];
  /** Every checkpoint text ever saved, oldest first. */
  readonly saved: string[] = [];

  async load(): Promise<Checkpoint | undefined> {
    return this.checkpointJson === undefined ? undefined : (JSON.parse(this.checkpointJson) as Checkpoint);
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    this.checkpointJson = JSON.stringify(checkpoint);
    this.saved.push(this.checkpointJson);
  }

  async appendEvents(events: TrajectoryEvent[]): Promise<void> {
    for (const e of events) this.lines.push(JSON.stringify(e));
  }

  /** The trajectory as JSON lines (trajectory.jsonl). */
  jsonl(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }

  events(): TrajectoryEvent[] {
    return this.lines.map((l) => JSON.parse(l) as TrajectoryEvent);
  }

  /** Everything this store holds, as the bytes it would write. */
  allBytes(): string {
    return [...this.saved, ...this.lines].join('\n');
  }
}
