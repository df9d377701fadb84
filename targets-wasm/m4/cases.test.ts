import { describe, it, expect } from 'vitest';
import { suite } from './cases.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';
import { decodeTextOrBytes } from '../../src/core/bytes.ts';

describe('m4 suite', () => {
  const s = suite();
  suiteShape(suite, { minCases: 400 });
  const all = [...s.visible, ...s.hidden];
  const text = (c: (typeof all)[number]): string =>
    c.stdin === undefined ? '' : new TextDecoder().decode(decodeTextOrBytes(c.stdin));

  it('uses every builtin but the ones fidelityNotes excludes', () => {
    const builtins = [
      'changecom',
      'changequote',
      'decr',
      'define',
      'defn',
      'divert',
      'divnum',
      'dnl',
      'dumpdef',
      'errprint',
      'eval',
      'format',
      'ifdef',
      'ifelse',
      'include',
      'incr',
      'index',
      'indir',
      'len',
      'm4exit',
      'm4wrap',
      'patsubst',
      'popdef',
      'pushdef',
      'regexp',
      'shift',
      'sinclude',
      'substr',
      'traceoff',
      'traceon',
      'translit',
      'undefine',
      'undivert',
      'builtin',
      'debugmode',
      'debugfile',
      '__file__',
      '__line__',
      '__program__',
    ];
    for (const name of builtins)
      expect(
        all.some((c) => text(c).includes(name)),
        name,
      ).toBe(true);
  });

  it('keeps processes, temporary names and --help out', () => {
    for (const c of all) {
      expect(/\b(e?syscmd|sysval|mkstemp|maketemp)\b/.test(text(c)), c.id).toBe(false);
      expect(c.argv, c.id).not.toContain('--help');
    }
  });
});
