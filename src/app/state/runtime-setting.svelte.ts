import { persist } from '../storage/storage-status.svelte.ts';
import { database } from '../storage/database.ts';

/** Which backend runs WASI programs in this browser: the shim pool (default) or @wasmer/sdk. */
export type RuntimeChoice = 'shim' | 'wasmer';

const KEY = 'runtime';

function isChoice(value: unknown): value is RuntimeChoice {
  return value === 'shim' || value === 'wasmer';
}

/**
 * The app-wide runtime setting, saved in IndexedDB like everything else the app keeps. Read once at start; a choice
 * the user makes before that read finishes wins over the stored one.
 */
class RuntimeSetting {
  value = $state<RuntimeChoice>('shim');
  private chosen = false;

  constructor() {
    // No IndexedDB (some private modes): the default stays, and choose() reports the problem through persist().
    void database()
      .then((db) => db.get('settings', KEY))
      .then((stored) => {
        if (!this.chosen && isChoice(stored?.value)) this.value = stored.value;
      })
      .catch(() => undefined);
  }

  choose(value: RuntimeChoice): void {
    this.chosen = true;
    this.value = value;
    void persist(`setting:${KEY}`, (db) => db.put('settings', { name: KEY, value }));
  }
}

export const runtimeSetting = new RuntimeSetting();
