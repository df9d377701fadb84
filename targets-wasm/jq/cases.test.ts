import { describe, it, expect } from 'vitest';
import { suite } from './cases.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';

describe('jq suite', () => {
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

  it('covers the documented options', () => {
    for (const opt of [
      '-n',
      '-r',
      '-j',
      '-a',
      '-S',
      '-c',
      '--tab',
      '--indent',
      '-s',
      '-e',
      '-R',
      '--seq',
      '--stream',
      '--arg',
      '--argjson',
      '--slurpfile',
      '--rawfile',
      '--args',
      '--jsonargs',
      '-f',
      '-C',
    ])
      expect(
        all.some((c) => c.argv.includes(opt)),
        opt,
      ).toBe(true);
  });

  it('pins time-dependent cases with a clock', () => {
    for (const c of all)
      if (c.argv.some((a) => /\bnow\b/.test(a)))
        expect(c.clock === undefined || !Number.isNaN(Date.parse(c.clock)), c.id).toBe(true);
  });

  it("never dumps the whole environment (natively it holds libfaketime's variables)", () => {
    for (const c of all)
      for (const a of c.argv)
        expect(
          /(\$ENV|\benv)\s*($|[,)\]]|\|\s*(keys|to_entries|length|tojson|tostring|\.\[\]))/.test(a),
          `${c.id}: ${a}`,
        ).toBe(false);
  });
});
