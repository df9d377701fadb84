/**
 * Splits an argument line the way a POSIX shell splits words — quoting and backslashes only. Nothing is expanded:
 * `$HOME`, `*`, `~`, `>` and `|` reach the program as typed, because there is no shell, only one program's argv.
 *
 * - blanks (space, tab, newline) separate words;
 * - `'…'` keeps everything literally; `"…"` keeps everything but `\"`, `\\`, `\$`, `` \` `` and backslash-newline;
 * - outside quotes a backslash keeps the next character literally, and backslash-newline joins lines;
 * - `''` or `""` is an empty word.
 */
export type ShellWords = { kind: 'ok'; words: string[] } | { kind: 'error'; message: string; at: number };

const BLANK = /[ \t\n]/;
/** Characters a backslash escapes inside double quotes (anything else keeps its backslash). */
const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`', '\n']);

export function splitShellWords(line: string): ShellWords {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (BLANK.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1)
        return { kind: 'error', message: "unterminated single quote: add a closing ' (or escape it as \\')", at: i };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      const start = i;
      i++;
      for (;;) {
        if (i >= line.length)
          return {
            kind: 'error',
            message: 'unterminated double quote: add a closing " (or escape it as \\")',
            at: start,
          };
        const d = line[i] as string;
        if (d === '"') break;
        if (d === '\\' && i + 1 < line.length && DOUBLE_QUOTE_ESCAPES.has(line[i + 1] as string)) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      inWord = true;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= line.length)
        return { kind: 'error', message: 'the line ends with a lone backslash: remove it or write \\\\', at: i };
      if (line[i + 1] !== '\n') {
        word += line[i + 1];
        inWord = true;
      }
      i += 2;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return { kind: 'ok', words };
}

/** Characters that never need quoting. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word so that `splitShellWords` gives it back unchanged; plain words stay as they are. */
export function quoteShellWord(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The argument line that stands for `words` (the inverse of splitShellWords). */
export function joinShellWords(words: readonly string[]): string {
  return words.map(quoteShellWord).join(' ');
}
