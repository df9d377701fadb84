import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/node/paths.ts';
import { loadBuiltTarget } from '../../src/node/target-store.ts';
import { mirrorbox } from './cli.ts';

/**
 * The team's reference solutions (tests/fixtures/solutions/<target>-<language>/) must each solve their target through
 * the CLI, with the language inferred from the files: proof that every toolchain delivers the oracle's contract.
 */
const solutionsDir = `${repoRoot}tests/fixtures/solutions`;

describe('reference solutions through the CLI', () => {
  for (const name of readdirSync(solutionsDir).sort()) {
    const target = name.slice(0, name.lastIndexOf('-'));
    it(`${name} scores 100% visible and hidden`, { timeout: 180_000 }, () => {
      const built = loadBuiltTarget(target);
      if (built.kind === 'error') throw new Error(built.message);
      const { pack } = built.value;
      const r = mirrorbox(['score', target, `${solutionsDir}/${name}`, '--json']);
      expect(r.code, r.err).toBe(0);
      const report = JSON.parse(r.out);
      expect(report.visible).toEqual({ passed: pack.visible.length, total: pack.visible.length });
      expect(report.hidden).toEqual({ passed: pack.hidden.length, total: pack.hidden.length });
      expect(report.solved).toBe(true);
    });
  }
});
