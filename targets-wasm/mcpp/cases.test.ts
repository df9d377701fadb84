import { describe, it, expect } from 'vitest';
import { suite } from './cases.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';
import { decodeTextOrBytes } from '../../src/core/bytes.ts';

describe('mcpp suite', () => {
  const s = suite();
  suiteShape(suite, { minCases: 400 });
  const all = [...s.visible, ...s.hidden];

  it('covers the preprocessing modes and the main options', () => {
    for (const opt of [
      '-@std',
      '-@poststd',
      '-@kr',
      '-@oldprep',
      '-@compat',
      '-C',
      '-P',
      '-N',
      '-K',
      '-k',
      '-a',
      '-+',
      '-2',
      '-3',
      '-j',
      '-v',
      '-o',
      '-I-',
      '-m32',
      '-m64',
      '-W31',
    ])
      expect(
        all.some((c) => c.argv.includes(opt)),
        opt,
      ).toBe(true);
  });

  it('gives every case the system include directories and never an absolute-path option', () => {
    for (const c of all) {
      expect(Object.keys(c.files ?? {}), c.id).toEqual(
        expect.arrayContaining(['usr/include/.keep', 'usr/local/include/.keep']),
      );
      for (const opt of ['-M', '-MM', '-MD', '-MMD', '-z', '-Q']) expect(c.argv, c.id).not.toContain(opt);
    }
  });

  it('includes files only under -P, and keeps system headers out', () => {
    for (const c of all) {
      const text = c.stdin === undefined ? '' : new TextDecoder().decode(decodeTextOrBytes(c.stdin));
      if (/#include\s+"/.test(text) && Object.keys(c.files ?? {}).length > 2) expect(c.argv, c.id).toContain('-P');
      expect(/#include\s+<(stdio|stdlib|string|limits)\.h>/.test(text), c.id).toBe(false);
    }
  });
});
