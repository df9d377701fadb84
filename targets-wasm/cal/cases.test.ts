import { describe, it, expect } from 'vitest';
import type { TestCase } from '../../src/core/test-case.ts';
import { suite } from './cases.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';

describe('cal suite', () => {
  const s = suite();
  const all = [...s.visible, ...s.hidden];
  suiteShape(suite, { minCases: 300 });

  it('pins the clock of every case that reads it', () => {
    // no year given: no arguments, a month name alone, or a relative timestamp
    const needsClock = (c: TestCase) => {
      const positional = c.argv.filter((a) => !a.startsWith('-') || /^-\d/.test(a));
      return (
        !positional.some((a) => /^\+?\d+$/.test(a)) && !positional.some((a) => a.startsWith('@') || /^\d{4}-/.test(a))
      );
    };
    for (const c of all)
      if (
        needsClock(c) &&
        c.argv.length > 0 &&
        !c.id.startsWith('err-') &&
        !['help', 'help-short', 'version', 'version-short', 'help-abbrev', 'version-after-error'].includes(c.id)
      )
        expect(c.clock, c.id).toBeDefined();
  });

  it('covers every month name and the main options', () => {
    for (const m of [
      'january',
      'february',
      'march',
      'april',
      'may',
      'june',
      'july',
      'august',
      'september',
      'october',
      'november',
      'december',
    ])
      expect(
        s.visible.some((c) => c.id === `name-${m}`),
        m,
      ).toBe(true);
    for (const opt of [
      '-1',
      '-3',
      '-n',
      '-S',
      '-s',
      '-m',
      '-j',
      '-y',
      '-Y',
      '-w',
      '-v',
      '--iso',
      '--reform=julian',
      '--reform=1752',
    ])
      expect(
        all.some((c) => c.argv.includes(opt)),
        opt,
      ).toBe(true);
  });
});
