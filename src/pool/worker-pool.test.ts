import { describe, expect, it } from 'vitest';
import { createNodePool } from '../node/node-pool.ts';
import { caseRequest } from '../core/case-request.ts';
import { DEFAULT_LIMITS } from '../core/limits.ts';
import { loadBuiltTarget } from '../node/target-store.ts';

describe('WorkerPool.releaseIdleWorkers', () => {
  it('replaces the idle workers, and the pool then runs the same program to the same bytes', async () => {
    const built = loadBuiltTarget('uuidparse');
    if (built.kind === 'error') throw new Error(built.message);
    const { pack, oracle } = built.value;
    const pool = createNodePool(2);
    try {
      const request = caseRequest(oracle, 'uuidparse', pack.visible[0]!.case, DEFAULT_LIMITS);
      const before = await pool.run(request);
      expect(before.kind).toBe('exited');
      expect(pool.releaseIdleWorkers()).toBe(2);
      const after = await pool.run(request);
      expect({ ...after, ms: 0 }).toEqual({ ...before, ms: 0 });
    } finally {
      await pool.close();
    }
    expect(pool.releaseIdleWorkers()).toBe(0);
  });
});
