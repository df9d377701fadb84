import { describe, it, expect } from 'vitest';
import { suite } from './cases.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';

describe('numfmt suite', () => {
  const s = suite();
  const all = [...s.visible, ...s.hidden];
  suiteShape(suite, { minCases: 300 });

  it('covers every unit, rounding method and invalid mode', () => {
    for (const u of ['si', 'iec', 'iec-i'])
      expect(
        s.visible.some((c) => c.argv.includes(`--to=${u}`)),
        u,
      ).toBe(true);
    for (const u of ['si', 'iec', 'iec-i', 'auto', 'foo'])
      expect(
        s.visible.some((c) => c.argv.includes(`--from=${u}`)),
        u,
      ).toBe(true);
    for (const r of ['up', 'down', 'from-zero', 'towards-zero', 'nearest'])
      expect(
        s.visible.some((c) => c.argv.includes(`--round=${r}`)),
        r,
      ).toBe(true);
    for (const m of ['abort', 'fail', 'warn', 'ignore'])
      expect(
        s.visible.some((c) => c.argv.includes(`--invalid=${m}`)),
        m,
      ).toBe(true);
    for (const o of [
      '--padding',
      '--grouping',
      '--suffix',
      '--field',
      '--delimiter',
      '--header',
      '--format',
      '--from-unit',
      '--to-unit',
      '-z',
      '--debug',
    ])
      expect(
        s.visible.some((c) => c.argv.some((a) => a === o || a.startsWith(`${o}=`))),
        o,
      ).toBe(true);
  });

  it('keeps numbers within long double precision on both platforms', () => {
    // at most 27 digits (numfmt's own limit, above which both reject alike); 17-27 digit runs only as overflow tests
    for (const c of all) {
      const text = [
        ...c.argv.filter((a) => !a.startsWith('--format')),
        typeof c.stdin === 'string' ? c.stdin : '',
      ].join(' ');
      for (const run of text.match(/\d+/g) ?? [])
        if (run.replace(/^0+/, '').length > 16)
          expect(run.replace(/^0+/, '').length, `${c.id}: ${run}`).toBeGreaterThan(27);
    }
  });
});
