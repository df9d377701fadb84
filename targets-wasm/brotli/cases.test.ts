import { describe, it, expect } from 'vitest';
import type { TextOrBytes } from '../../src/core/test-case.ts';
import { suite } from './cases.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';

function bytesOf(v: TextOrBytes | undefined): Uint8Array {
  if (v === undefined) return new Uint8Array(0);
  if (typeof v === 'string') return new TextEncoder().encode(v);
  return Uint8Array.from(atob(v.base64), (ch) => ch.charCodeAt(0));
}

describe('brotli suite', () => {
  suiteShape(suite, { minCases: 500, checkStdinSize: false });

  // suite() runs the native encoder (cached per process): give the first call time.
  const s = suite();
  const all = [...s.visible, ...s.hidden];

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
    expect(total).toBeLessThan(3 * 1024 * 1024);
  });

  it('decompresses or tests in every case that reads a stream', () => {
    for (const c of all) {
      const decodes = c.argv.some((a) => a === '--decompress' || a === '--test' || /^-[^-]*[dt]/.test(a));
      const help = c.argv.some((a) => /^-[^-]*[hV]/.test(a) || a === '--help' || a === '--version');
      const reads = c.stdin !== undefined || c.files !== undefined;
      if (reads && !help) expect(decodes, c.id).toBe(true);
    }
  });

  it('covers every quality, every window and the damaged-stream families', () => {
    const ids = new Set(s.visible.map((c) => c.id));
    for (let q = 0; q <= 11; q++) expect(ids.has(`quality-${q}`), `q${q}`).toBe(true);
    for (let w = 10; w <= 24; w++) expect(ids.has(`lgwin-${w}`), `w${w}`).toBe(true);
    for (const prefix of ['truncated-', 'flip-', 'overwrite-', 'garbage-', 'concat-', 'empty-'])
      expect(s.visible.filter((c) => c.id.startsWith(prefix)).length, prefix).toBeGreaterThan(0);
  });
});
