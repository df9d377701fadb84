import { describe, expect, it } from 'vitest';
import { listTargetIds, loadBuiltTarget } from '../../src/node/target-store.ts';
import { mirrorbox } from './cli.ts';

/** What must hold for every target in targets-wasm/, through the CLI as a user runs it. */
for (const id of listTargetIds()) {
  // pack check runs every case twice (jq: ~25 s alone on 2 cores), so these get more time than the default.
  describe(`target ${id}`, { timeout: 240_000 }, () => {
    const built = loadBuiltTarget(id);

    it('is built and listed as built', () => {
      expect(built.kind, built.kind === 'error' ? built.message : '').toBe('ok');
      const rows = JSON.parse(mirrorbox(['targets', '--json']).out) as { id: string; built: boolean }[];
      expect(rows.find((r) => r.id === id)?.built).toBe(true);
    });

    it('passes pack check (deterministic gold, matching the lock file)', () => {
      const r = mirrorbox(['pack', 'check', id]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    });

    it('scores its own oracle 100% visible and hidden', () => {
      if (built.kind !== 'ok') return;
      const r = mirrorbox(['score', id, built.value.oraclePath, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).solved).toBe(true);
    });

    it('has between 28% and 40% hidden cases, each the dual of a visible one', () => {
      if (built.kind !== 'ok') return;
      const { visible, hidden } = built.value.pack;
      const ratio = hidden.length / (visible.length + hidden.length);
      expect(ratio).toBeGreaterThanOrEqual(0.28);
      expect(ratio).toBeLessThanOrEqual(0.4);
      const ids = new Set(visible.map((v) => v.case.id));
      expect(hidden.filter((h) => !ids.has(h.case.dualOf ?? '')).map((h) => h.case.id)).toEqual([]);
    });
  });
}
