/**
 * The committed record of every gold outcome's digest (`targets-wasm/<id>/gold.lock.json`). A rebuild of the oracle
 * or of the tests that changes any outcome is caught by comparing against it.
 */
export interface GoldLock {
  format: 'mirrorbox-gold-lock/1';
  target: string;
  /** Informational: the oracle these digests came from (a toolchain change may alter it without changing output). */
  oracleSha256: string;
  cases: Record<string, string>;
}

export interface LockDrift {
  added: string[];
  removed: string[];
  changed: string[];
}

export function lockDrift(lock: GoldLock, digests: Record<string, string>): LockDrift {
  const added = Object.keys(digests).filter((id) => !(id in lock.cases));
  const removed = Object.keys(lock.cases).filter((id) => !(id in digests));
  const changed = Object.keys(digests).filter((id) => id in lock.cases && lock.cases[id] !== digests[id]);
  return { added, removed, changed };
}

export function hasDrift(drift: LockDrift): boolean {
  return drift.added.length + drift.removed.length + drift.changed.length > 0;
}

export function describeDrift(drift: LockDrift): string {
  const part = (label: string, ids: string[]): string =>
    ids.length === 0 ? '' : `${ids.length} ${label} (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}); `;
  return (part('changed', drift.changed) + part('new', drift.added) + part('gone', drift.removed)).replace(/; $/, '');
}

export function makeLock(target: string, oracleSha256: string, digests: Record<string, string>): GoldLock {
  const cases: Record<string, string> = {};
  for (const id of Object.keys(digests).sort()) cases[id] = digests[id] as string;
  return { format: 'mirrorbox-gold-lock/1', target, oracleSha256, cases };
}
