import { describe, it, expect } from 'vitest';
import { suite } from './cases.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';
import { decodeTextOrBytes } from '../../src/core/bytes.ts';

describe('lua suite', () => {
  const s = suite();
  suiteShape(suite, { minCases: 400 });
  const all = [...s.visible, ...s.hidden];
  const program = (c: (typeof all)[number]): string =>
    [
      ...c.argv,
      c.stdin === undefined ? '' : new TextDecoder().decode(decodeTextOrBytes(c.stdin)),
      ...Object.values(c.files ?? {}).map((f) => new TextDecoder().decode(decodeTextOrBytes(f))),
    ].join('\n');

  it('covers every interpreter option', () => {
    for (const opt of ['-e', '-l', '-v', '-E', '-W', '-', '--'])
      expect(
        all.some((c) => c.argv.includes(opt)),
        opt,
      ).toBe(true);
  });

  it('keeps what fidelityNotes excludes out', () => {
    const excluded = /io\.popen\(|os\.execute|os\.tmpname|io\.tmpfile|os\.clock|collectgarbage|string\.dump|loadlib/;
    for (const c of all) {
      expect(excluded.test(program(c)), c.id).toBe(false);
      expect(c.argv, c.id).not.toContain('-i');
    }
  });
});
