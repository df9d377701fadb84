import { describe, expect, it } from 'vitest';
import { keyActions } from './key-map.ts';

describe('keyActions', () => {
  it('passes ordinary typing through as one input, Enter and Backspace included', () => {
    expect(keyActions('abc\x7fd\r')).toEqual([{ kind: 'input', data: 'abc\x7fd\r' }]);
  });

  it('turns Ctrl-D into end of file and Ctrl-C into an interrupt, keeping the order around them', () => {
    expect(keyActions('x\r\x04')).toEqual([{ kind: 'input', data: 'x\r' }, { kind: 'eof' }]);
    expect(keyActions('\x03')).toEqual([{ kind: 'interrupt' }]);
    expect(keyActions('a\x03b\x04\x04')).toEqual([
      { kind: 'input', data: 'a' },
      { kind: 'interrupt' },
      { kind: 'input', data: 'b' },
      { kind: 'eof' },
      { kind: 'eof' },
    ]);
  });

  it('keeps multi-byte characters whole', () => {
    expect(keyActions('é✓\x04')).toEqual([{ kind: 'input', data: 'é✓' }, { kind: 'eof' }]);
  });

  it('gives nothing for nothing', () => {
    expect(keyActions('')).toEqual([]);
  });
});
