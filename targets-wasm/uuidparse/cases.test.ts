import { describe, it, expect } from 'vitest';
import { suite } from './cases.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';

describe('uuidparse suite', () => {
  const s = suite();
  suiteShape(suite, { minCases: 400 });

  it('covers every version nibble and every variant', () => {
    for (const v of '0123456789abcdef')
      expect(
        s.visible.some((c) => c.id === `version-${v}`),
        v,
      ).toBe(true);
    for (const v of ['ncs', 'dce', 'ms', 'other'])
      expect(
        s.visible.some((c) => c.id === `variant-${v}`),
        v,
      ).toBe(true);
  });
});
