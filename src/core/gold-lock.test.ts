import { describe, expect, it } from 'vitest';
import { describeDrift, hasDrift, lockDrift, makeLock } from './gold-lock.ts';

describe('gold lock drift', () => {
  const lock = makeLock('t', 'sha', { a: '1', b: '2', c: '3' });

  it('finds nothing when every digest matches', () => {
    expect(hasDrift(lockDrift(lock, { c: '3', a: '1', b: '2' }))).toBe(false);
  });

  it('names changed, new and gone cases', () => {
    const drift = lockDrift(lock, { a: '1', b: 'X', d: '4' });
    expect(drift).toEqual({ added: ['d'], removed: ['c'], changed: ['b'] });
    expect(describeDrift(drift)).toBe('1 changed (b); 1 new (d); 1 gone (c)');
  });

  it('writes cases in a stable order', () => {
    expect(Object.keys(makeLock('t', 's', { z: '1', a: '2' }).cases)).toEqual(['a', 'z']);
  });
});
