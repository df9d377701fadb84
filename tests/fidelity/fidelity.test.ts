import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outcomeDigest, outcomeFromJson } from '../../src/core/gold.ts';
import { listTargetIds, loadBuiltTarget } from '../../src/node/target-store.ts';
import { nativePath, runNative } from './native-run.ts';

/**
 * Fidelity: every input of every target's suite gives the same bytes (stdout, stderr, exit code, written files) from
 * the WASI oracle as from the native program under the same environment. Inputs where WASI cannot match (documented
 * per target in its target.json "fidelityNotes") are kept out of the suites, so there are no exceptions here.
 */
for (const id of listTargetIds()) {
  const built = loadBuiltTarget(id);
  describe(`fidelity: ${id} oracle against the native program`, () => {
    it('is built and has a native program to compare with', () => {
      expect(built.kind, built.kind === 'error' ? built.message : '').toBe('ok');
      if (built.kind !== 'ok') return;
      const native = nativePath(built.value.pack.target);
      expect(native, 'target.json names no native program').toBeDefined();
      expect(
        existsSync(native as string),
        `${native} is missing: npm test installs it (target.json packages.test)`,
      ).toBe(true);
    });
    if (built.kind !== 'ok' || !existsSync(nativePath(built.value.pack.target) ?? '')) return;
    const { pack } = built.value;

    it(`matches on all ${pack.visible.length} visible cases`, () => {
      const mismatches = pack.visible
        .filter((v) => outcomeDigest(runNative(pack.target, v.case)) !== outcomeDigest(outcomeFromJson(v.gold)))
        .map((v) => v.case.id);
      expect(mismatches).toEqual([]);
    });

    it(`matches on all ${pack.hidden.length} hidden cases (compared by digest)`, () => {
      const mismatches = pack.hidden
        .filter((h) => outcomeDigest(runNative(pack.target, h.case)) !== h.digest)
        .map((h) => h.case.id);
      expect(mismatches).toEqual([]);
    });
  });
}
