import { afterAll, describe, expect, it } from 'vitest';
import { createNodePool } from '../node/node-pool.ts';
import { buildDir } from '../node/paths.ts';
import { loadBuiltTarget, readProgramFile } from '../node/target-store.ts';
import { relativeTimeLimitMs } from './limits.ts';
import { measureOracleTimes, relativeTimeLimits } from './oracle-times.ts';

describe('the relative time limit', () => {
  it('is 20 × the oracle’s time, never under 1 s', () => {
    expect(relativeTimeLimitMs(0.4)).toBe(1000);
    expect(relativeTimeLimitMs(50)).toBe(1000);
    expect(relativeTimeLimitMs(50.01)).toBe(1001);
    expect(relativeTimeLimitMs(120)).toBe(2400);
  });

  const pool = createNodePool(2);
  afterAll(() => pool.close());

  it('times the real oracle on each case, and leaves out a case it does not finish', { timeout: 60_000 }, async () => {
    const built = loadBuiltTarget('uuidparse');
    if (built.kind === 'error') throw new Error(built.message);
    const { pack, oracle } = built.value;
    const cases = pack.visible.slice(0, 6).map((v) => v.case);
    const times = await measureOracleTimes({ pack, oracle, runner: pool, cases });
    expect([...times.keys()].sort()).toEqual(cases.map((c) => c.id).sort());
    for (const ms of times.values()) expect(ms).toBeGreaterThan(0);
    for (const [id, limit] of relativeTimeLimits(times))
      expect(limit).toBe(Math.max(1000, Math.ceil(20 * (times.get(id) as number))));

    // A program that never ends stands in for an oracle that does not finish: its case gets no time.
    const spin = readProgramFile(`${buildDir}/fixtures/spin.wasm`);
    if (spin.kind === 'error') throw new Error(spin.message);
    const none = await measureOracleTimes({
      pack,
      oracle: spin.value,
      runner: pool,
      cases: cases.slice(0, 1),
      limits: { wallMs: 200 },
    });
    expect(none.size).toBe(0);
  });
});
