import { describe, expect, it } from 'vitest';
import { Prng } from './prng.ts';
import { joinShellWords, quoteShellWord, splitShellWords } from './shell-words.ts';

const words = (line: string): string[] => {
  const r = splitShellWords(line);
  if (r.kind === 'error') throw new Error(r.message);
  return r.words;
};

describe('splitShellWords', () => {
  it('splits on runs of blanks and ignores leading and trailing ones', () => {
    expect(words('  -J   8c6e3fbc-4f5a-11ee-be56-0242ac120002\tx\n y ')).toEqual([
      '-J',
      '8c6e3fbc-4f5a-11ee-be56-0242ac120002',
      'x',
      'y',
    ]);
    expect(words('')).toEqual([]);
    expect(words(' \t ')).toEqual([]);
  });

  it('keeps single-quoted text literally, backslashes included', () => {
    expect(words(`'a  b' 'c\\d' 'say "hi"'`)).toEqual(['a  b', 'c\\d', 'say "hi"']);
  });

  it('honours only the POSIX escapes inside double quotes', () => {
    expect(words(`"a \\"b\\" \\\\ \\$x \\n"`)).toEqual(['a "b" \\ $x \\n']);
    expect(words(`"it's"`)).toEqual(["it's"]);
  });

  it('escapes any character with a backslash outside quotes', () => {
    expect(words('a\\ b \\" \\\\ \\\'')).toEqual(['a b', '"', '\\', "'"]);
  });

  it('joins adjacent quoted and plain parts into one word', () => {
    expect(words(`-o'NAME,TYPE'"+TIME"x`)).toEqual(['-oNAME,TYPE+TIMEx']);
  });

  it('gives empty words for empty quotes', () => {
    expect(words(`'' "" a ''`)).toEqual(['', '', 'a', '']);
  });

  it('joins lines at backslash-newline', () => {
    expect(words('a\\\nb c')).toEqual(['ab', 'c']);
    expect(words('"a\\\nb"')).toEqual(['ab']);
  });

  it('expands nothing', () => {
    expect(words('$HOME * ~ > out | x; y')).toEqual(['$HOME', '*', '~', '>', 'out', '|', 'x;', 'y']);
  });

  it('says where and how to fix unterminated quotes and a lone backslash', () => {
    expect(splitShellWords(`a 'b`)).toEqual({ kind: 'error', message: expect.stringMatching(/closing '/), at: 2 });
    expect(splitShellWords(`a "b\\"`)).toEqual({ kind: 'error', message: expect.stringMatching(/closing "/), at: 2 });
    expect(splitShellWords('a\\')).toEqual({ kind: 'error', message: expect.stringMatching(/lone backslash/), at: 1 });
  });
});

describe('joinShellWords', () => {
  it('leaves plain words alone and quotes the rest', () => {
    expect(joinShellWords(['-J', 'a-b', 'x y', '', "it's", '$x'])).toBe(`-J a-b 'x y' '' 'it'\\''s' '$x'`);
    expect(quoteShellWord('-o=NAME,TYPE')).toBe('-o=NAME,TYPE');
  });

  it('is the inverse of splitShellWords for any words', () => {
    const prng = new Prng('shell-words');
    const alphabet = ['a', 'Z', '0', ' ', '\t', '\n', "'", '"', '\\', '$', '*', '-', 'é', '✓', '\r'];
    for (let n = 0; n < 500; n++) {
      const list = Array.from({ length: prng.int(0, 5) }, () =>
        Array.from({ length: prng.int(0, 8) }, () => prng.pick(alphabet)).join(''),
      );
      expect(words(joinShellWords(list))).toEqual(list);
    }
  });
});
