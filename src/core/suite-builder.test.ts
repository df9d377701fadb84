import { describe, expect, it } from 'vitest';
import { SuiteBuilder } from './suite-builder.ts';

describe('SuiteBuilder', () => {
  it('pairs a visible case with its dual: same feature, dualOf, values from the second seed', () => {
    const b = new SuiteBuilder({ target: 't' });
    b.pair('count', 'numbers', (p) => ({ argv: [String(p.int(0, 1_000_000))] }));
    const { visible, hidden } = b.suite();
    expect(visible).toEqual([{ id: 'count', argv: [expect.any(String)], feature: 'numbers' }]);
    expect(hidden).toEqual([{ id: 'count-dual', argv: [expect.any(String)], feature: 'numbers', dualOf: 'count' }]);
    expect(hidden[0]?.argv).not.toEqual(visible[0]?.argv);
  });

  it('gives a case the same values whatever comes before it', () => {
    const make = (p: { int(a: number, b: number): number }) => ({ argv: [String(p.int(0, 1_000_000))] });
    const alone = new SuiteBuilder({ target: 't' });
    alone.pair('x', 'f', make);
    const later = new SuiteBuilder({ target: 't' });
    later.pair('w', 'f', make);
    later.pair('x', 'f', make);
    expect(later.suite().hidden[1]).toEqual(alone.suite().hidden[0]);
  });

  it('refuses duplicate ids, unreadable ids and repeated inputs', () => {
    const b = new SuiteBuilder({ target: 't' });
    b.vis('a', 'f', { argv: ['1'] });
    expect(() => b.vis('a', 'f', { argv: ['2'] })).toThrow('duplicate case id a');
    expect(() => b.vis('B c', 'f', { argv: ['3'] })).toThrow('bad case id B c');
    expect(() => b.vis('b', 'f', { argv: ['1'] })).toThrow('case b repeats the inputs of another case');
    expect(() => b.hid('nope', { argv: ['4'] })).toThrow('dual of unknown visible case nope');
  });

  it('draws the dual again when its inputs repeat a case, and gives up after twenty seeds', () => {
    const b = new SuiteBuilder({ target: 't' });
    b.pair('coin', 'f', (p) => ({ argv: [String(p.int(0, 1))] }));
    const [v] = b.suite().visible;
    const [h] = b.suite().hidden;
    expect(h?.argv).not.toEqual(v?.argv);
    expect(() => b.pair('same', 'f', () => ({ argv: ['always'] }))).toThrow('no fresh inputs for the dual of same');
  });

  it('leaves out the duals that noDual names and every n-th pair’s', () => {
    const b = new SuiteBuilder({ target: 't', noDual: (id) => id === 'b', visibleOnlyEvery: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) b.pair(id, 'f', (p) => ({ argv: [id, String(p.int(0, 1e9))] }));
    b.two('g', 'f', { argv: ['g'] }, { argv: ['g2'] });
    expect(b.suite().hidden.map((c) => c.id)).toEqual(['a-dual', 'd-dual', 'e-dual', 'g-dual']);
  });

  it('stores bytes as base64 and text as text', () => {
    const b = new SuiteBuilder({ target: 't' });
    b.vis('bin', 'f', {
      argv: [],
      stdin: new Uint8Array([0, 255]),
      files: { 'a.txt': 'hi', 'b.bin': new Uint8Array([1]) },
    });
    expect(b.suite().visible[0]).toMatchObject({
      stdin: { base64: 'AP8=' },
      files: { 'a.txt': 'hi', 'b.bin': { base64: 'AQ==' } },
    });
  });
});
