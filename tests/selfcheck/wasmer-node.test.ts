// The runner self-checks on the @wasmer/sdk backend in Node (docs/runtimes-wasmer.md).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/digest.ts';
import { createWasmerNodeRunner } from '../../src/node/wasmer-node.ts';
import { selfChecks } from './checks.ts';

const bytes = new Uint8Array(readFileSync(new URL('../../build/fixtures/probe.wasm', import.meta.url)));
const probe = { id: sha256Hex(bytes), bytes };

describe('runner self-check: @wasmer/sdk in Node', () => {
  const runner = createWasmerNodeRunner();
  afterAll(() => runner.close());
  for (const check of selfChecks) {
    it(check.name, { timeout: 20_000 }, async () => {
      expect(await check.run(runner, probe)).toBeUndefined();
    });
  }
});
