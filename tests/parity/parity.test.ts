// Every built target's full suite through the @wasmer/sdk backend, against the pack the shim backend made: the same
// outcome digest for every case, visible and hidden. About 60 s on the 2-core machine (jq alone ~30 s).
import { afterAll, describe, expect, it } from 'vitest';
import { caseRequest } from '../../src/core/case-request.ts';
import { outcomeDigest, outcomeFromJson, outcomeOf } from '../../src/core/gold.ts';
import { DEFAULT_LIMITS } from '../../src/core/limits.ts';
import { describeStop } from '../../src/core/run-result.ts';
import type { TestCase } from '../../src/core/test-case.ts';
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
      const { pack, oracle } = built.value;
      const expected: { testCase: TestCase; digest: string }[] = [
        ...pack.visible.map((v) => ({ testCase: v.case, digest: outcomeDigest(outcomeFromJson(v.gold)) })),
        ...pack.hidden.map((h) => ({ testCase: h.case, digest: h.digest })),
      ];
      const differing: string[] = [];
      await Promise.all(
        expected.map(async ({ testCase, digest }) => {
          const result = await runner.run(caseRequest(oracle, pack.target.program, testCase, DEFAULT_LIMITS));
          const outcome = outcomeOf(result);
          if (!outcome) differing.push(`${testCase.id}: ${describeStop(result)}`);
          else if (outcomeDigest(outcome) !== digest) differing.push(`${testCase.id}: different outcome`);
        }),
      );
      expect(differing.sort()).toEqual([]);
    });
  });
}
