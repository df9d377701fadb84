import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/digest.ts';
import { createNodePool } from '../../src/node/node-pool.ts';
import { selfChecks } from './checks.ts';

const bytes = new Uint8Array(readFileSync(new URL('../../build/fixtures/probe.wasm', import.meta.url)));
const probe = { id: sha256Hex(bytes), bytes };

describe('runner self-check: Node worker pool', () => {
  const pool = createNodePool(2);
  afterAll(() => pool.close());
  for (const check of selfChecks) {
    it(check.name, async () => {
      expect(await check.run(pool, probe)).toBeUndefined();
    });
  }
});
