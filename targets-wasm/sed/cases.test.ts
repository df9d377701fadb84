import { describe, it, expect } from 'vitest';
import { suite } from './cases.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';

describe('sed suite', () => {
  const s = suite();
  const all = [...s.visible, ...s.hidden];
  suiteShape(suite, { minCases: 500 });

  it('keeps every file input well-formed', () => {
    for (const c of all)
      for (const [name, value] of Object.entries(c.files ?? {})) {
        expect(name, c.id).toMatch(/^[A-Za-z0-9._-][A-Za-z0-9._/-]*$/);
        if (typeof value !== 'string') expect(value.base64, c.id).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      }
  });

  it('covers the documented commands and options', () => {
    const scripts = all.map((c) => c.argv.join(' ')).join('\n');
    for (const opt of ['-n', '-e', '-f', '-E', '-r', '-s', '-z', '-i', '--posix', '--debug', '-u', '-l', '--sandbox'])
      expect(
        all.some((c) => c.argv.some((a) => a === opt || a.startsWith(opt))),
        opt,
      ).toBe(true);
    for (const re of [
      /\by\//,
      /\$!N/,
      /\bx\b/,
      /\bG\b/,
      /\bH\b/,
      /\bD\b/,
      /\bP\b/,
      /\bT\b/,
      /\bz\b/,
      /\bF\b/,
      /\bQ\b/,
      /\bR /,
      /\bW /,
    ])
      expect(re.test(scripts), String(re)).toBe(true);
  });

  it('keeps the e command out (WASI cannot spawn)', () => {
    for (const c of all) {
      if (c.argv.includes('--sandbox')) continue;
      for (const a of c.argv)
        expect(/(^|[;{}\n]|\d|\$)\s*e(\s|$)/.test(a) && !a.startsWith('-'), `${c.id}: ${a}`).toBe(false);
    }
  });
});
