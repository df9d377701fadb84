import { expect, it } from 'vitest';
import { decodeTextOrBytes } from '../../src/core/bytes.ts';
import type { TestCase, TestSuite } from '../../src/core/test-case.ts';

/** Everything a program is given, as one comparable string. */
export function inputsOf(c: TestCase): string {
  return JSON.stringify([c.argv, c.stdin ?? null, c.files ?? null, c.env ?? null, c.clock ?? null]);
}

/**
 * The rules every target's test suite follows (docs/pack-format.md), registered as tests inside the caller's
 * describe block. Each target's cases.test.ts adds only what is particular to its program.
 */
export function suiteShape(suite: () => TestSuite, options: { minCases: number; checkStdinSize?: boolean }): void {
  const s = suite();
  const all = [...s.visible, ...s.hidden];

  it(`has at least ${options.minCases} cases`, () => {
    expect(all.length).toBeGreaterThanOrEqual(options.minCases);
  });

  it('has unique, readable ids', () => {
    const ids = all.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('hides about a third of the cases', () => {
    const ratio = s.hidden.length / all.length;
    expect(ratio).toBeGreaterThanOrEqual(0.28);
    expect(ratio).toBeLessThanOrEqual(0.4);
  });

  it('gives every hidden case a dualOf naming a visible case, and no visible case one', () => {
    const visibleIds = new Set(s.visible.map((c) => c.id));
    for (const c of s.hidden) expect(visibleIds.has(c.dualOf ?? ''), `${c.id} -> ${c.dualOf}`).toBe(true);
    for (const c of s.visible) expect(c.dualOf, c.id).toBeUndefined();
  });

  it('labels every case with a feature, hidden cases with their dual’s', () => {
    for (const c of all) expect(c.feature?.length ?? 0, c.id).toBeGreaterThan(0);
    const byId = new Map(s.visible.map((c) => [c.id, c]));
    for (const c of s.hidden) expect(c.feature, c.id).toBe(byId.get(c.dualOf as string)?.feature);
  });

  it('is deterministic', () => {
    expect(suite()).toEqual(s);
  });

  it('has no two cases with identical inputs (so no hidden case repeats its dual)', () => {
    const seen = new Map<string, string>();
    for (const c of all) {
      const key = inputsOf(c);
      expect(seen.get(key), c.id).toBeUndefined();
      seen.set(key, c.id);
    }
  });

  it('keeps argv well-formed' + (options.checkStdinSize === false ? '' : ' and stdin under 64 KiB'), () => {
    for (const c of all) {
      for (const a of c.argv) {
        expect(typeof a, c.id).toBe('string');
        // A C string cannot carry NUL, natively or in WASI.
        expect(a.includes('\0'), c.id).toBe(false);
      }
      if (c.stdin !== undefined && typeof c.stdin !== 'string') {
        expect(c.stdin.base64, c.id).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      }
      if (options.checkStdinSize !== false && c.stdin !== undefined) {
        expect(decodeTextOrBytes(c.stdin).length, c.id).toBeLessThan(64 * 1024);
      }
    }
  });
}
