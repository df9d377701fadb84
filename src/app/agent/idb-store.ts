import type { Checkpoint, CheckpointStore } from '../../agent/checkpoint.ts';
import type { TrajectoryEvent } from '../../agent/trajectory.ts';
import { database, type StoredAgentRun } from '../storage/database.ts';

/**
 * A run's CheckpointStore on IndexedDB: the checkpoint is one record of `agent-runs` (replaced whole, so a torn write
 * leaves the previous one), the trajectory one record per line in `agent-events`. Both are written as JSON text, the
 * same bytes the CLI's folder holds, so what is stored is exactly what the loop's redact() let through.
 */
export class IdbCheckpointStore implements CheckpointStore {
  constructor(readonly runId: string) {}

  async load(): Promise<Checkpoint | undefined> {
    const run = await (await database()).get('agent-runs', this.runId);
    return run?.checkpoint === undefined ? undefined : (JSON.parse(run.checkpoint) as Checkpoint);
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    // Serialised before the first await: the loop changes its live state as soon as this promise is pending.
    const text = JSON.stringify(checkpoint);
    const db = await database();
    const tx = db.transaction('agent-runs', 'readwrite');
    const run = await tx.store.get(this.runId);
    if (!run) throw new Error(`agent run ${this.runId} is not in storage`);
    await tx.store.put({ ...run, checkpoint: text, updatedAt: Date.now() });
    await tx.done;
  }

  async appendEvents(events: TrajectoryEvent[]): Promise<void> {
    const lines = events.map((e) => JSON.stringify(e));
    const db = await database();
    const tx = db.transaction('agent-events', 'readwrite');
    for (const line of lines) void tx.store.add({ run: this.runId, line });
    await tx.done;
  }

  /** The trajectory's lines in the order they were appended. */
  async lines(): Promise<string[]> {
    const rows = await (await database()).getAllFromIndex('agent-events', 'run', this.runId);
    return rows.sort((a, b) => (a.id ?? 0) - (b.id ?? 0)).map((r) => r.line);
  }
}

/** Registers a new run (before the loop's first save) and returns its store. */
export async function createRun(meta: Omit<StoredAgentRun, 'createdAt' | 'updatedAt'>): Promise<IdbCheckpointStore> {
  const now = Date.now();
  await (await database()).put('agent-runs', { ...meta, createdAt: now, updatedAt: now });
  return new IdbCheckpointStore(meta.id);
}

/** A target's runs, newest first. */
export async function runsOf(target: string): Promise<StoredAgentRun[]> {
  const runs = await (await database()).getAllFromIndex('agent-runs', 'target', target);
  return runs.sort((a, b) => b.createdAt - a.createdAt);
}

export async function deleteRun(id: string): Promise<void> {
  const db = await database();
  const tx = db.transaction(['agent-runs', 'agent-events'], 'readwrite');
  void tx.objectStore('agent-runs').delete(id);
  const events = tx.objectStore('agent-events');
  for (const key of await events.index('run').getAllKeys(id)) void events.delete(key);
  await tx.done;
}

const keyName = (provider: string): string => `agent-key:${provider}`;

/** A key the user asked to remember on this device ("remember on this device"); never part of a run's records. */
export async function rememberedKey(provider: string): Promise<string | undefined> {
  return (await (await database()).get('settings', keyName(provider)))?.value;
}

export async function rememberKey(provider: string, key: string | undefined): Promise<void> {
  const db = await database();
  if (key) await db.put('settings', { name: keyName(provider), value: key });
  else await db.delete('settings', keyName(provider));
}

/** A model's price as the form holds it (USD per million tokens, as typed). */
export interface PriceForm {
  input: string;
  output: string;
  cacheRead: string;
  cacheWrite: string;
}

const priceName = (model: string): string => `agent-price:${model}`;

export async function priceOf(model: string): Promise<PriceForm | undefined> {
  const text = (await (await database()).get('settings', priceName(model)))?.value;
  if (text === undefined) return undefined;
  const v = JSON.parse(text) as Partial<PriceForm>;
  const field = (x: unknown): string => (typeof x === 'string' ? x : '');
  return {
    input: field(v.input),
    output: field(v.output),
    cacheRead: field(v.cacheRead),
    cacheWrite: field(v.cacheWrite),
  };
}

export async function savePrice(model: string, price: PriceForm): Promise<void> {
  if (!model) return;
  await (await database()).put('settings', { name: priceName(model), value: JSON.stringify(price) });
}
