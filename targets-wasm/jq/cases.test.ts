import { describe, it, expect } from 'vitest';
import type { TestCase } from '../../src/core/test-case.ts';
import { suite } from './cases.ts';

/** Everything the program is given, as one comparable string. */
function inputsOf(c: TestCase): string {
  return JSON.stringify([c.argv, c.stdin ?? null, c.files ?? null, c.env ?? null, c.clock ?? null]);
}

function stdinBytes(c: TestCase): Uint8Array {
  if (c.stdin === undefined) return new Uint8Array(0);
  if (typeof c.stdin === 'string') return new TextEncoder().encode(c.stdin);
  const bin = atob(c.stdin.base64);
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}

describe('jq suite', () => {
  const s = suite();
  const all = [...s.visible, ...s.hidden];

  it('has at least 500 cases', () => {
    expect(all.length).toBeGreaterThanOrEqual(500);
  });

  it('has unique ids', () => {
    const ids = all.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('hides about a third of the cases', () => {
    const ratio = s.hidden.length / all.length;
    expect(ratio).toBeGreaterThanOrEqual(0.28);
    expect(ratio).toBeLessThanOrEqual(0.4);
  });

  it('gives every hidden case a dualOf naming a visible case', () => {
    const visibleIds = new Set(s.visible.map((c) => c.id));
    for (const c of s.hidden) {
      expect(c.dualOf, c.id).toBeDefined();
      expect(visibleIds.has(c.dualOf as string), `${c.id} -> ${c.dualOf}`).toBe(true);
    }
    for (const c of s.visible) expect(c.dualOf, c.id).toBeUndefined();
  });

  it('labels every case with a feature', () => {
    for (const c of all) {
      expect(typeof c.feature, c.id).toBe('string');
      expect((c.feature as string).length, c.id).toBeGreaterThan(0);
    }
  });

  it('gives hidden cases the feature of their dual', () => {
    const byId = new Map(s.visible.map((c) => [c.id, c]));
    for (const c of s.hidden) expect(c.feature, c.id).toBe(byId.get(c.dualOf as string)?.feature);
  });

  it('is deterministic', () => {
    expect(suite()).toEqual(suite());
  });

  it('never repeats the inputs of a dual in its hidden case', () => {
    const byId = new Map(s.visible.map((c) => [c.id, c]));
    for (const c of s.hidden) {
      const dual = byId.get(c.dualOf as string) as TestCase;
      expect(inputsOf(c), c.id).not.toBe(inputsOf(dual));
    }
  });

  it('has no two cases with identical inputs', () => {
    const seen = new Map<string, string>();
    for (const c of all) {
      const key = inputsOf(c);
      expect(seen.get(key), c.id).toBeUndefined();
      seen.set(key, c.id);
    }
  });

  it('keeps inputs well-formed and small', () => {
    for (const c of all) {
      expect(Array.isArray(c.argv), c.id).toBe(true);
      for (const a of c.argv) expect(typeof a, c.id).toBe('string');
      if (c.stdin !== undefined && typeof c.stdin !== 'string')
        expect(c.stdin.base64, c.id).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      expect(stdinBytes(c).length, c.id).toBeLessThan(64 * 1024);
      // argv strings cannot carry NUL bytes
      for (const a of c.argv) expect(a.includes('\0'), c.id).toBe(false);
    }
  });

  it('keeps every file input well-formed', () => {
    for (const c of all)
      for (const [name, value] of Object.entries(c.files ?? {})) {
        expect(name, c.id).toMatch(/^[A-Za-z0-9._-][A-Za-z0-9._/-]*$/);
        if (typeof value !== 'string') expect(value.base64, c.id).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      }
  });

  it('covers the documented options', () => {
    for (const opt of [
      '-n',
      '-r',
      '-j',
      '-a',
      '-S',
      '-c',
      '--tab',
      '--indent',
      '-s',
      '-e',
      '-R',
      '--seq',
      '--stream',
      '--arg',
      '--argjson',
      '--slurpfile',
      '--rawfile',
      '--args',
      '--jsonargs',
      '-f',
      '-C',
    ])
      expect(
        all.some((c) => c.argv.includes(opt)),
        opt,
      ).toBe(true);
  });

  it('pins time-dependent cases with a clock', () => {
    for (const c of all)
      if (c.argv.some((a) => /\bnow\b/.test(a)))
        expect(c.clock === undefined || !Number.isNaN(Date.parse(c.clock)), c.id).toBe(true);
  });

  it("never dumps the whole environment (natively it holds libfaketime's variables)", () => {
    for (const c of all)
      for (const a of c.argv)
        expect(
          /(\$ENV|\benv)\s*($|[,)\]]|\|\s*(keys|to_entries|length|tojson|tostring|\.\[\]))/.test(a),
          `${c.id}: ${a}`,
        ).toBe(false);
  });
});
