// Every built target's full suite through the @wasmer/sdk backend, against the pack the shim backend made: the same
// outcome digest for every case, visible and hidden. About 60 s on the 2-core machine (jq alone ~30 s).
import { afterAll, describe, expect, it } from 'vitest';
import { scoreCandidate } from '../../src/core/score.ts';
import { describeVerdict } from '../../src/core/verdict.ts';
import { createWasmerNodeRunner } from '../../src/node/wasmer-node.ts';
import { listTargetIds, loadBuiltTarget } from '../../src/node/target-store.ts';

const runner = createWasmerNodeRunner();
afterAll(() => runner.close());

for (const id of listTargetIds()) {
  describe(`target ${id}`, () => {
    const built = loadBuiltTarget(id);

    it('gives the pack’s outcome for every case through wasmer', { timeout: 600_000 }, async () => {
      expect(built.kind, built.kind === 'error' ? built.message : '').toBe('ok');
      if (built.kind !== 'ok') return;
      // The oracle scored as a candidate: every case must pass against the gold and digests the shim made.
      const report = await scoreCandidate({ pack: built.value.pack, candidate: built.value.oracle, runner });
      const differing = report.cases
        .filter((c) => c.verdict.kind !== 'pass')
        .map((c) => `${c.id}: ${describeVerdict(c.verdict)}`);
      expect(differing.sort()).toEqual([]);
      expect(report.cases.length).toBe(built.value.pack.visible.length + built.value.pack.hidden.length);
    });
  });
}
