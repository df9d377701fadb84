import { describe, expect, it } from 'vitest';
import { Prng } from './prng.ts';

describe('Prng', () => {
  it('is a pure function of its seed', () => {
    expect(new Prng('uuidparse').hex(16)).toBe(new Prng('uuidparse').hex(16));
    expect(new Prng(1).hex(16)).not.toBe(new Prng(2).hex(16));
  });

  it('keeps ints inside their bounds', () => {
    const r = new Prng(5);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(r.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });
});
