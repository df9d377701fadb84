import { database, type Database } from './database.ts';

/**
 * Whether the browser is keeping what the user does. Writes never throw into the UI: a refused write (storage full,
 * IndexedDB unavailable) leaves everything in memory and raises a banner that says what to do.
 */
export type StorageProblem = { kind: 'quota' | 'unavailable' | 'failed'; message: string };

class StorageStatus {
  problem = $state<StorageProblem | null>(null);
  /** The latest refused write for each key, so "Try again" can redo them and the banner goes once all succeed. */
  readonly refused = new Map<string, (db: Database) => Promise<unknown>>();

  async retry(): Promise<void> {
    for (const [key, write] of [...this.refused]) await persist(key, write);
  }
}

export const storageStatus = new StorageStatus();

export function isQuotaError(e: unknown): boolean {
  if (!(e instanceof Error) && !(e instanceof DOMException)) return false;
  return e.name === 'QuotaExceededError' || /quota/i.test(e.message);
}

function problemOf(e: unknown): StorageProblem {
  if (isQuotaError(e))
    return {
      kind: 'quota',
      message:
        "This browser's storage for mirrorbox is full, so recent changes are not saved. They are safe in this tab: export your workspace now, or clear the oracle history to make room.",
    };
  const detail = e instanceof Error ? e.message : String(e);
  if (e instanceof Error && /indexeddb|not allowed|security/i.test(`${e.name} ${detail}`))
    return {
      kind: 'unavailable',
      message: `This browser does not let mirrorbox save (${detail}); private windows often do this. Your work stays in this tab until you close it: export your workspace to keep it.`,
    };
  return {
    kind: 'failed',
    message: `Saving failed (${detail}). Your work is still in this tab: export your workspace to keep it.`,
  };
}

/**
 * Runs one write. Resolves to true when it was stored; on failure records the problem and resolves to false, so
 * callers keep their in-memory state either way. `key` names what is written (a later write of the same key
 * supersedes a refused one).
 */
export async function persist(key: string, write: (db: Database) => Promise<unknown>): Promise<boolean> {
  try {
    await write(await database());
    storageStatus.refused.delete(key);
    if (storageStatus.refused.size === 0) storageStatus.problem = null;
    return true;
  } catch (e) {
    storageStatus.refused.set(key, write);
    storageStatus.problem = problemOf(e);
    return false;
  }
}

/** Runs one read; a failing database reads as `fallback` (and raises the banner). */
export async function retrieve<T>(read: (db: Database) => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read(await database());
  } catch (e) {
    storageStatus.problem = problemOf(e);
    return fallback;
  }
}
