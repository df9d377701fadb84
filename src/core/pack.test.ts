import { describe, expect, it } from 'vitest';
import { parsePack, PACK_FORMAT } from './pack.ts';

const good = {
  format: PACK_FORMAT,
  target: { id: 't', program: 't', upstream: { package: 'p', version: '1' }, bucket: 'S', description: '' },
  oracle: { file: 'oracle.wasm', sha256: 'ab', bytes: 1 },
  docs: {},
  visible: [{ case: { id: 'a', argv: [] }, gold: { code: 0, stdout: '', stderr: '' } }],
  hidden: [{ case: { id: 'b', argv: ['x'] }, digest: 'cd' }],
};

describe('parsePack', () => {
  it('accepts a well-formed pack', () => {
    expect(parsePack(good).kind).toBe('ok');
  });

  it.each([
    ['not an object', 42, /not a JSON object/],
    ['another format', { ...good, format: 'x' }, /format/],
    ['duplicate ids', { ...good, hidden: [{ case: { id: 'a', argv: [] }, digest: 'x' }] }, /appears twice/],
    [
      'a hidden case with gold instead of a digest',
      { ...good, hidden: [{ case: { id: 'c', argv: [] }, gold: {} }] },
      /no digest/,
    ],
    ['argv of numbers', { ...good, visible: [{ case: { id: 'a', argv: [1] }, gold: {} }] }, /string argv/],
  ])('rejects %s with a one-line reason', (_label, value, pattern) => {
    const r = parsePack(value);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') {
      expect(r.message).toMatch(pattern);
      expect(r.message).not.toContain('\n');
    }
  });
});
