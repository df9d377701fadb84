import { describe, it, expect } from 'vitest';
import { suite } from './cases.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';
import { decodeTextOrBytes } from '../../src/core/bytes.ts';

describe('gron suite', () => {
  const s = suite();
  suiteShape(suite, { minCases: 400 });
  const all = [...s.visible, ...s.hidden];
  const text = (c: (typeof all)[number]): string =>
    c.stdin === undefined ? '' : new TextDecoder().decode(decodeTextOrBytes(c.stdin));

  it('covers every option, short and long', () => {
    for (const opt of [
      '-u',
      '--ungron',
      '-v',
      '--values',
      '-c',
      '--colorize',
      '-m',
      '--monochrome',
      '-s',
      '--stream',
      '-k',
      '--insecure',
      '-j',
      '--json',
      '--no-sort',
      '--version',
      '--help',
      '-h',
    ])
      expect(
        all.some((c) => c.argv.includes(opt)),
        opt,
      ).toBe(true);
  });

  it('keeps the inputs fidelityNotes excludes out', () => {
    for (const c of all) {
      // No network on WASI.
      for (const a of c.argv) expect(/^https?:\/\//.test(a), c.id).toBe(false);
      // --values panics on an empty line, with a stack trace that differs between builds.
      const values = c.argv.some((a) => /^--?values?$|^-v$/.test(a)) && !c.argv.includes('-u');
      if (values) expect(/(^|\n)\n/.test(text(c)), c.id).toBe(false);
      // --no-sort shows Go's random map order for objects of two or more keys.
      if (c.argv.includes('--no-sort') && !c.argv.includes('-u') && !c.argv.includes('-s')) {
        let doc: unknown;
        try {
          doc = JSON.parse(text(c));
        } catch {
          continue;
        }
        const wide = (v: unknown): boolean =>
          v !== null &&
          typeof v === 'object' &&
          ((!Array.isArray(v) && Object.keys(v).length > 1) || Object.values(v).some(wide));
        expect(wide(doc), c.id).toBe(false);
      }
    }
  });

  it('has malformed-input cases for both directions', () => {
    expect(s.visible.filter((c) => c.id.startsWith('bad-')).length).toBeGreaterThanOrEqual(30);
    expect(
      s.visible.filter((c) => c.id.startsWith('ungron-') && /bad|merge|no-|empty/.test(c.id)).length,
    ).toBeGreaterThanOrEqual(10);
  });
});
