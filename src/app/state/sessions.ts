import type { Loaded } from '../packs/pack-store.ts';
import { TargetSession } from './target-session.svelte.ts';

const sessions = new Map<string, Promise<Loaded<TargetSession>>>();

/** The session of a target, opened once per page (failed opens are retried on the next visit). */
export function openSession(id: string): Promise<Loaded<TargetSession>> {
  let entry = sessions.get(id);
  if (!entry) {
    entry = TargetSession.open(id);
    sessions.set(id, entry);
    void entry.then((r) => {
      if (r.kind === 'error') sessions.delete(id);
    });
  }
  return entry;
}
