import { describe, it, expect } from 'vitest';
import { suite } from './cases.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';

describe('bc suite', () => {
  const s = suite();
  suiteShape(suite, { minCases: 400 });
  const all = [...s.visible, ...s.hidden];

  it('covers every option, short and long', () => {
    for (const opt of [
      '-h',
      '--help',
      '-l',
      '--mathlib',
      '-q',
      '--quiet',
      '-s',
      '--standard',
      '-w',
      '--warn',
      '-v',
      '--version',
    ])
      expect(
        all.some((c) => c.argv.includes(opt)),
        opt,
      ).toBe(true);
  });

  it('covers every math library function', () => {
    for (const f of ['s', 'c', 'a', 'l', 'e', 'j'])
      expect(
        s.visible.some((c) => c.id.startsWith(`mathlib-${f}-`)),
        f,
      ).toBe(true);
  });

  it('keeps the inputs fidelityNotes excludes out', () => {
    for (const c of all) {
      expect(c.argv, c.id).not.toContain('-i');
      expect(c.argv, c.id).not.toContain('--interactive');
      const stdin = typeof c.stdin === 'string' ? c.stdin : '';
      expect(/\blimits\b|\bhistory\b/.test(stdin), c.id).toBe(false);
    }
  });
});
