// Every built target's suite through the @wasmer/sdk backend, against the pack the shim backend made: the same
// outcome digest for every case checked, visible and hidden — a spread sample of 200 per target here, every case with
// MIRRORBOX_PARITY=full (`npm run test:parity`).
import { afterAll, describe, expect, it } from 'vitest';
import { scoreCandidate } from '../../src/core/score.ts';
import { describeVerdict } from '../../src/core/verdict.ts';
import { createWasmerNodeRunner } from '../../src/node/wasmer-node.ts';
import { listTargetIds, loadBuiltTarget } from '../../src/node/target-store.ts';
import { parityIds, parityLimit } from './sample.ts';

const runner = createWasmerNodeRunner();
const limit = parityLimit(process.env);
afterAll(() => runner.close());

for (const id of listTargetIds()) {
  describe(`target ${id}`, () => {
    const built = loadBuiltTarget(id);

    it('gives the pack’s outcome for every case through wasmer', { timeout: 600_000 }, async () => {
      expect(built.kind, built.kind === 'error' ? built.message : '').toBe('ok');
      if (built.kind !== 'ok') return;
      // The oracle scored as a candidate: every case must pass against the gold and digests the shim made.
      const { pack } = built.value;
      const ids = parityIds(pack, limit);
      const report = await scoreCandidate({ pack, candidate: built.value.oracle, runner, ids });
      const differing = report.cases
        .filter((c) => c.verdict.kind !== 'pass')
        .map((c) => `${c.id}: ${describeVerdict(c.verdict)}`);
      expect(differing.sort()).toEqual([]);
      expect(report.cases.length).toBe(ids?.size ?? pack.visible.length + pack.hidden.length);
    });
  });
}
