import { describe, it, expect } from 'vitest';
import type { TextOrBytes } from '../../src/core/test-case.ts';
import { suite } from './cases.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';

function bytesOf(v: TextOrBytes | undefined): Uint8Array {
  if (v === undefined) return new Uint8Array(0);
  if (typeof v === 'string') return new TextEncoder().encode(v);
  return Uint8Array.from(atob(v.base64), (ch) => ch.charCodeAt(0));
}

describe('hexyl suite', () => {
  const s = suite();
  const all = [...s.visible, ...s.hidden];
  suiteShape(suite, { minCases: 300, checkStdinSize: false });

  it('keeps inputs well-formed and small', () => {
    let total = 0;
    for (const c of all) {
      for (const a of c.argv) {
        expect(typeof a, c.id).toBe('string');
        expect(a.includes('\0'), c.id).toBe(false);
        // absolute paths would reach outside the working directory natively
        expect(a.startsWith('/'), c.id).toBe(false);
      }
      const inputs = [c.stdin, ...Object.values(c.files ?? {})];
      for (const v of inputs) {
        if (v !== undefined && typeof v !== 'string') expect(v.base64, c.id).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
        const n = bytesOf(v).length;
        expect(n, c.id).toBeLessThan(64 * 1024);
        total += n;
      }
      for (const name of Object.keys(c.files ?? {})) expect(name, c.id).not.toMatch(/^\/|\.\.|\\/);
    }
    expect(total).toBeLessThan(1024 * 1024);
  });

  it('covers every byte class, border style and colour mode', () => {
    const ids = new Set(s.visible.map((c) => c.id));
    for (const k of ['nul', 'printable', 'whitespace', 'control', 'high', 'mixed'])
      expect(ids.has(`class-${k}`), k).toBe(true);
    for (const style of ['unicode', 'ascii', 'none'])
      for (const colour of ['always', 'never']) expect(ids.has(`border-${style}-${colour}`), style + colour).toBe(true);
    for (const when of ['always', 'never', 'auto']) expect(ids.has(`color-${when}`), when).toBe(true);
    for (const prefix of ['length-', 'skip-', 'offset-', 'squeeze-', 'error-'])
      expect(s.visible.filter((c) => c.id.startsWith(prefix)).length, prefix).toBeGreaterThan(3);
  });
});
