/**
 * Test-suite generator for `sed` (GNU sed 4.9).
 *
 * Deterministic: every random value comes from a `Prng` seeded with a fixed string, so `suite()` returns the same
 * cases on every call. Every case carries a `feature` label; every hidden case is the dual (`dualOf`) of a visible
 * case: the same script shape (same feature) run on other text, other numbers or other words.
 *
 * Families: addresses, the `s` command (flags, replacement escapes, regular expressions), the other commands, the
 * command-line options, files (`r R w W`, `-i`, `-f`, several inputs), error messages and exit codes (1 usage or
 * script error, 2 missing input, 4 I/O error, q/Q exit codes), and edge inputs (no final newline, empty input, NUL
 * bytes, long lines, non-ASCII bytes).
 *
 * Kept out (see target.json fidelityNotes): the `e` command and `s///e` (no processes under WASI), device files other
 * than /dev/stdout and /dev/stderr, symlinks and permission errors.
 */
import type { TestSuite, TextOrBytes } from '../../src/core/test-case.ts';
import { Prng } from '../../src/core/prng.ts';
import { SuiteBuilder, type CaseInput } from '../../src/core/suite-builder.ts';

// ---------------------------------------------------------------------------------------------------------------
// Text generation
// ---------------------------------------------------------------------------------------------------------------

const WORDS = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'apple',
  'banana',
  'cherry',
  'plum',
  'foo',
  'bar',
  'baz',
  'qux',
  'stream',
  'editor',
  'line',
  'word',
  'Hello',
  'World',
  'ERROR',
  'Warning',
  'info',
  'red',
  'green',
  'blue',
  'cat',
  'dog',
  'fish',
  'north',
  'south',
  'east',
  'west',
  'tree',
  'river',
  'stone',
  'cloud',
  'path',
  'node',
  'value',
  'key',
];
const PUNCT = [',', '.', ';', ':', '!', '?', '-', '(', ')', '/', '=', '+', '*', '&', '#', '%'];

function word(p: Prng): string {
  const r = p.int(0, 9);
  if (r === 0) return String(p.int(0, 99999));
  if (r === 1) return p.pick(WORDS).toUpperCase();
  if (r === 2) return p.pick(WORDS) + p.pick(PUNCT);
  return p.pick(WORDS);
}

function line(p: Prng, minWords = 1, maxWords = 8): string {
  const n = p.int(minWords, maxWords);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(word(p));
  let sep = ' ';
  let s = parts.join(sep);
  const r = p.int(0, 14);
  if (r === 0) s = '  ' + s;
  else if (r === 1) s = s.replace(' ', '\t');
  else if (r === 2) s = s + ' ';
  sep = '';
  return s + sep;
}

/** Lines of text, some empty; always newline-terminated unless `noFinalNewline`. */
function lines(p: Prng, min: number, max: number, opts: { blanks?: boolean; noFinalNewline?: boolean } = {}): string {
  const n = p.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(opts.blanks !== false && p.int(0, 9) === 0 ? '' : line(p));
  return out.join('\n') + (opts.noFinalNewline ? '' : '\n');
}

/** Numbered lines "line 1" ... (handy for addresses). */
function numbered(p: Prng, min: number, max: number): string {
  const n = p.int(min, max);
  const out: string[] = [];
  for (let i = 1; i <= n; i++) out.push(`${p.pick(WORDS)} ${i} ${word(p)}`);
  return out.join('\n') + '\n';
}

/** A word that occurs in `text` (falls back to a vocabulary word). */
function wordIn(p: Prng, text: string): string {
  const found = text.match(/[A-Za-z]{3,}/g);
  return found && found.length > 0 ? p.pick(found) : p.pick(WORDS);
}

function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Encoding helpers
// ---------------------------------------------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = i + 1 < bytes.length ? (bytes[i + 1] as number) : 0;
    const c = i + 2 < bytes.length ? (bytes[i + 2] as number) : 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63];
    out += B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

/** Binary data from a mix of text (UTF-8) and raw byte arrays. */
function bin(...parts: (string | number[])[]): TextOrBytes {
  const bytes: number[] = [];
  for (const part of parts) {
    if (typeof part === 'string') bytes.push(...new TextEncoder().encode(part));
    else bytes.push(...part);
  }
  return { base64: base64(Uint8Array.from(bytes)) };
}

// ---------------------------------------------------------------------------------------------------------------
// Suite assembly
// ---------------------------------------------------------------------------------------------------------------

type Input = CaseInput;

/** `sed ARGS` on generated stdin text. */
function onText(args: string[], text: string): Input {
  return { argv: args, stdin: text };
}

// ---------------------------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------------------------

function addAddresses(b: SuiteBuilder): void {
  const f = (d: string) => `address: ${d}`;
  for (let i = 0; i < 4; i++) {
    b.pair(`addr-line-${i}`, f('line number'), (p) => {
      const t = numbered(p, 5, 15);
      return onText(['-n', `${p.int(1, lineCount(t))}p`], t);
    });
  }
  b.pair('addr-line-beyond', f('line number beyond the input'), (p) => {
    const t = numbered(p, 2, 5);
    return onText(['-n', `${p.int(10, 99)}p`], t);
  });
  b.pair('addr-last', f('$ (last line)'), (p) => onText(['-n', '$p'], lines(p, 3, 10)));
  b.pair('addr-last-delete', f('$ (last line)'), (p) => onText(['$d'], lines(p, 3, 10)));
  b.pair('addr-last-no-newline', f('$ (last line) without final newline'), (p) =>
    onText(['$s/$/ END/'], lines(p, 2, 6, { noFinalNewline: true })),
  );
  for (let i = 0; i < 4; i++) {
    b.pair(`addr-regex-${i}`, f('/regex/'), (p) => {
      const t = lines(p, 6, 14);
      return onText(['-n', `/${wordIn(p, t)}/p`], t);
    });
  }
  b.pair('addr-regex-delete', f('/regex/'), (p) => {
    const t = lines(p, 6, 14);
    return onText([`/${wordIn(p, t)}/d`], t);
  });
  b.pair('addr-regex-i-flag', f('/regex/I (case-insensitive)'), (p) => {
    const t = lines(p, 6, 14);
    return onText(['-n', `/${wordIn(p, t).toUpperCase()}/Ip`], t);
  });
  b.pair('addr-regex-custom-delim', f('\\%regex% (other delimiter)'), (p) => {
    const t = Array.from({ length: p.int(4, 9) }, () => `/usr/${p.pick(WORDS)}/${p.pick(WORDS)}`).join('\n') + '\n';
    return onText(['-n', `\\%/${wordIn(p, t)}/%p`], t);
  });
  b.pair('addr-regex-custom-delim-escaped', f('\\%regex% (other delimiter)'), (p) => {
    const t = Array.from({ length: p.int(4, 9) }, () => `${p.pick(WORDS)}|${p.pick(WORDS)}`).join('\n') + '\n';
    return onText(['-n', `\\|${wordIn(p, t)}\\|${wordIn(p, t)}|p`], t);
  });
  const steps: [number, number][] = [
    [0, 3],
    [1, 2],
    [2, 3],
    [3, 1],
    [5, 0],
    [0, 4],
  ];
  steps.forEach(([first, step], i) => {
    b.pair(`addr-step-${first}-${step}`, f('first~step'), (p, w) => {
      const t = numbered(p, 8, 20);
      return onText(['-n', w === 'v' ? `${first}~${step}p` : `${(first + i) % 4}~${step + 1}p`], t);
    });
  });
  b.pair('addr-step-delete', f('first~step'), (p) => onText([`${p.int(0, 2)}~${p.int(2, 4)}d`], numbered(p, 8, 16)));
  for (let i = 0; i < 3; i++) {
    b.pair(`addr-plus-${i}`, f('addr1,+N'), (p) => {
      const t = numbered(p, 8, 16);
      return onText(['-n', `${p.int(1, 5)},+${p.int(0, 4)}p`], t);
    });
  }
  b.pair('addr-plus-regex', f('addr1,+N'), (p) => {
    const t = lines(p, 8, 16);
    return onText([`/${wordIn(p, t)}/,+1d`], t);
  });
  for (let i = 0; i < 3; i++) {
    b.pair(`addr-tilde-${i}`, f('addr1,~N'), (p) => {
      const t = numbered(p, 8, 20);
      return onText(['-n', `${p.int(1, 6)},~${p.int(1, 5)}p`], t);
    });
  }
  b.pair('addr-tilde-regex', f('addr1,~N'), (p) => {
    const t = numbered(p, 8, 16);
    return onText(['-n', `/ ${p.int(2, 5)} /,~4p`], t);
  });
  b.pair('addr-zero-regex', f('0,/regex/'), (p) => {
    const t = numbered(p, 6, 12);
    return onText(['-n', `0,/${t.split('\n')[0]?.split(' ')[0]}/p`], t);
  });
  b.pair('addr-one-regex', f('1,/regex/ (vs 0,/regex/)'), (p) => {
    const t = numbered(p, 6, 12);
    return onText(['-n', `1,/${t.split('\n')[0]?.split(' ')[0]}/p`], t);
  });
  b.pair('addr-zero-regex-subst', f('0,/regex/'), (p) => {
    const t = lines(p, 6, 12);
    const w = wordIn(p, t);
    return onText([`0,/${w}/s//[${w.toUpperCase()}]/`], t);
  });
  for (let i = 0; i < 3; i++) {
    b.pair(`addr-range-${i}`, f('addr1,addr2 line range'), (p) => {
      const t = numbered(p, 8, 16);
      const a = p.int(1, 6);
      return onText(['-n', `${a},${a + p.int(0, 5)}p`], t);
    });
  }
  b.pair('addr-range-backwards', f('addr1,addr2 with addr2 < addr1'), (p) => {
    const t = numbered(p, 8, 16);
    const a = p.int(4, 8);
    return onText(['-n', `${a},${a - p.int(1, 3)}p`], t);
  });
  b.pair('addr-range-regex', f('/re1/,/re2/ range'), (p) => {
    const t = numbered(p, 10, 20);
    return onText(['-n', `/ ${p.int(2, 4)} /,/ ${p.int(5, 9)} /p`], t);
  });
  b.pair('addr-range-regex-repeat', f('/re1/,/re2/ range'), (p) => {
    const t =
      Array.from({ length: p.int(10, 18) }, (_, i) => (i % 5 === 1 ? 'BEGIN' : i % 5 === 3 ? 'END' : line(p))).join(
        '\n',
      ) + '\n';
    return onText(['/BEGIN/,/END/d'], t);
  });
  b.pair('addr-range-line-regex', f('N,/regex/ range'), (p) => {
    const t = numbered(p, 8, 16);
    return onText(['-n', `${p.int(1, 3)},/ ${p.int(4, 7)} /p`], t);
  });
  b.pair('addr-range-regex-last', f('/regex/,$ range'), (p) => {
    const t = numbered(p, 8, 16);
    return onText([`/ ${p.int(3, 7)} /,$d`], t);
  });
  b.pair('addr-range-unclosed', f('/re1/,/re2/ range'), (p) => {
    const t = numbered(p, 6, 10);
    return onText(['-n', `/ ${p.int(2, 4)} /,/nomatch/p`], t);
  });
  b.pair('addr-negate', f('! negation'), (p) => {
    const t = numbered(p, 6, 12);
    return onText(['-n', `${p.int(2, 5)}!p`], t);
  });
  b.pair('addr-negate-range', f('! negation'), (p) => {
    const t = numbered(p, 6, 12);
    const a = p.int(2, 4);
    return onText([`${a},${a + 2}!d`], t);
  });
  b.pair('addr-negate-regex', f('! negation'), (p) => {
    const t = lines(p, 6, 12);
    return onText([`/${wordIn(p, t)}/!s/^/# /`], t);
  });
  b.pair('addr-negate-last', f('! negation'), (p) => onText(['$!s/$/,/'], lines(p, 3, 8)));
  b.pair('addr-block', f('{ } command block'), (p) => {
    const t = numbered(p, 6, 12);
    return onText(['-n', `${p.int(2, 4)},${p.int(5, 8)}{s/ /_/g;p}`], t);
  });
  b.pair('addr-block-nested', f('{ } command block'), (p) => {
    const t = lines(p, 6, 12);
    return onText(['-n', `/${wordIn(p, t)}/{/${wordIn(p, t)}/!{s/$/ (one)/;p}}`], t);
  });
  b.pair('addr-regex-anchored', f('/regex/ with anchors'), (p) => {
    const t = lines(p, 6, 12);
    const w = wordIn(p, t);
    return onText(['-n', `/^${w}/p;/${w}$/p`], t);
  });
  b.pair('addr-empty-regex-reuse', f('// reuses the last regex'), (p) => {
    const t = lines(p, 6, 12);
    return onText(['-n', `/${wordIn(p, t)}/{//p;s//<&>/p}`], t);
  });
  b.one('addr-regex-m-flag', f('/regex/M (multi-line)'), (p) =>
    onText(['-n', 'N;/^' + 'b/Mp'], 'a\nb\nc\nbd\nbe\nf\n' + lines(p, 1, 2)),
  );
  b.one('addr-dollar-multiple-files', f('$ with several input files'), (p) => ({
    argv: ['-n', '$p', 'a.txt', 'b.txt'],
    files: { 'a.txt': lines(p, 2, 4), 'b.txt': lines(p, 2, 4) },
  }));
  b.one('addr-zero-step', f('first~step'), (p) => onText(['-n', '0~0p'], numbered(p, 3, 6)));
  b.one('addr-step-zero-step', f('first~step'), (p) => onText(['-n', '2~0p'], numbered(p, 4, 6)));
}

// ---------------------------------------------------------------------------------------------------------------
// The s command
// ---------------------------------------------------------------------------------------------------------------

function addSubstitute(b: SuiteBuilder): void {
  const f = (d: string) => `s: ${d}`;
  for (let i = 0; i < 3; i++) {
    b.pair(`s-basic-${i}`, f('basic substitution'), (p) => {
      const t = lines(p, 4, 10);
      return onText([`s/${wordIn(p, t)}/${p.pick(WORDS)}/`], t);
    });
  }
  b.pair('s-global', f('g flag'), (p) => {
    const t = lines(p, 4, 10);
    return onText([`s/${p.pick(['a', 'e', 'o', 'r', 'l'])}/_/g`], t);
  });
  for (let i = 0; i < 3; i++) {
    b.pair(`s-nth-${i}`, f('N flag (Nth match)'), (p) => {
      const t = lines(p, 4, 10);
      return onText([`s/${p.pick(['a', 'e', 'o', ' '])}/#/${p.int(1, 4)}`], t);
    });
  }
  b.pair('s-nth-global', f('Ng flag (Nth match and after)'), (p) => {
    const t = lines(p, 4, 10);
    return onText([`s/${p.pick(['a', 'e', 'o', ' '])}/#/${p.int(2, 3)}g`], t);
  });
  b.pair('s-print', f('p flag'), (p) => {
    const t = lines(p, 4, 10);
    return onText(['-n', `s/${wordIn(p, t)}/[&]/p`], t);
  });
  b.pair('s-print-no-n', f('p flag'), (p) => {
    const t = lines(p, 4, 8);
    return onText([`s/${wordIn(p, t)}/[&]/gp`], t);
  });
  b.pair('s-icase', f('i/I flag'), (p) => {
    const t = lines(p, 4, 10);
    return onText([`s/${wordIn(p, t).toUpperCase()}/<&>/Ig`], t);
  });
  b.pair('s-icase-lower-i', f('i/I flag'), (p) => {
    const t = lines(p, 4, 10);
    return onText([`s/${wordIn(p, t).toLowerCase()}/*/ig`], t);
  });
  b.pair('s-multiline-m', f('m/M flag'), (p) => onText(['N;N;s/^/> /Mg'], lines(p, 6, 9, { blanks: false })));
  b.pair('s-multiline-dollar', f('m/M flag'), (p) => onText(['N;s/$/;/mg'], lines(p, 4, 9, { blanks: false })));
  b.pair('s-multiline-backtick', f('m/M flag'), (p) =>
    onText(["N;N;s/\\`./{/M;s/.\\'/}/M"], lines(p, 6, 9, { blanks: false })),
  );
  b.pair('s-write-file', f('w flag'), (p) => {
    const t = lines(p, 4, 10);
    return onText([`s/${wordIn(p, t)}/X/w changed.txt`], t);
  });
  b.pair('s-write-stdout', f('w flag'), (p) => {
    const t = lines(p, 4, 10);
    return onText(['-n', `s/${wordIn(p, t)}/(&)/w /dev/stdout`], t);
  });
  b.pair('s-flags-combined', f('combined flags'), (p) => {
    const t = lines(p, 4, 10);
    return onText(['-n', `s/${wordIn(p, t).toUpperCase()}/=/2gIpw out.txt`], t);
  });
  b.pair('s-ampersand', f('& in replacement'), (p) => {
    const t = lines(p, 4, 10);
    return onText([`s/[a-z]*${p.pick(['a', 'e', 'o'])}[a-z]*/{&}/g`], t);
  });
  b.pair('s-escaped-ampersand', f('\\& in replacement'), (p) => {
    const t = lines(p, 3, 8);
    return onText([`s/${wordIn(p, t)}/& \\& &/`], t);
  });
  b.pair('s-groups', f('\\(\\) groups and \\1..\\9'), (p) => {
    const t =
      Array.from({ length: p.int(4, 9) }, () => `${p.pick(WORDS)} ${p.pick(WORDS)} ${p.int(0, 999)}`).join('\n') + '\n';
    return onText(['s/\\([a-zA-Z]*\\) \\([a-zA-Z]*\\) \\([0-9]*\\)/\\3 \\2 \\1/'], t);
  });
  b.pair('s-groups-ere', f('\\(\\) groups and \\1..\\9'), (p) => {
    const t = Array.from({ length: p.int(4, 9) }, () => `${p.pick(WORDS)}=${p.int(0, 999)}`).join('\n') + '\n';
    return onText(['-E', 's/([a-z]+)=([0-9]+)/\\2:\\1 (\\0)/'], t);
  });
  b.pair('s-nine-groups', f('\\(\\) groups and \\1..\\9'), (p) => {
    const t = Array.from({ length: p.int(3, 6) }, () => p.hex(6).slice(0, 10)).join('\n') + '\n';
    return onText(['-E', 's/(.)(.)(.)(.)(.)(.)(.)(.)(.)/\\9\\8\\7\\6\\5\\4\\3\\2\\1/'], t);
  });
  b.pair('s-case-upper', f('\\U \\L \\E case conversion'), (p) => {
    const t = lines(p, 4, 10);
    return onText([`s/${wordIn(p, t)}/\\U&/g`], t);
  });
  b.pair('s-case-lower', f('\\U \\L \\E case conversion'), (p) => onText(['s/.*/\\L&/'], lines(p, 4, 10)));
  b.pair('s-case-mixed', f('\\U \\L \\E case conversion'), (p) =>
    onText(['-E', 's/(\\w+) (\\w+)/\\U\\1\\E \\2/'], lines(p, 4, 10)),
  );
  b.pair('s-case-first', f('\\u \\l one character'), (p) => onText(['s/\\b[a-z]/\\u&/g'], lines(p, 4, 10)));
  b.pair('s-case-first-lower', f('\\u \\l one character'), (p) =>
    onText(['-E', 's/\\b([A-Z])([A-Z]*)/\\l\\1\\L\\2/g'], lines(p, 4, 10)),
  );
  b.pair('s-case-u-then-l', f('\\u \\l one character'), (p) => onText(['-E', 's/(\\w+)/\\u\\L\\1/g'], lines(p, 4, 10)));
  b.pair('s-newline-replacement', f('\\n in replacement'), (p) => onText(['s/ /\\n/g'], lines(p, 3, 6)));
  b.pair('s-newline-in-pattern', f('\\n in regex after N'), (p) => onText(['N;s/\\n/ + /'], lines(p, 4, 9)));
  b.pair('s-tab-escape', f('\\t and other escapes'), (p) => onText(['s/ /\\t/g;s/\\t/<TAB>/2'], lines(p, 3, 8)));
  b.pair('s-hex-escape', f('\\t and other escapes'), (p) =>
    onText(['s/a/\\x41/g;s/e/\\o105/;s/o/\\d79/'], lines(p, 3, 8)),
  );
  b.pair('s-escaped-delim', f('escaped delimiter'), (p) => {
    const t = Array.from({ length: p.int(3, 7) }, () => `/${p.pick(WORDS)}/${p.pick(WORDS)}`).join('\n') + '\n';
    return onText(['s/\\//\\\\/g'], t);
  });
  b.pair('s-other-delim', f('other delimiters'), (p) => {
    const t = Array.from({ length: p.int(3, 7) }, () => `/${p.pick(WORDS)}/${p.pick(WORDS)}`).join('\n') + '\n';
    const d = p.pick(['|', ',', '#', ':', '_']);
    return onText([`s${d}/${wordIn(p, t)}${d}X${d}`], t);
  });
  b.pair('s-delim-in-class', f('other delimiters'), (p) => onText(['s,[,;],|,g'], lines(p, 3, 8)));
  b.pair('s-empty-match-global', f('empty matches'), (p) => onText(['s/x*/-/g'], lines(p, 2, 5)));
  b.pair('s-empty-match-nth', f('empty matches'), (p) => onText(['s/[0-9]*/#/3'], lines(p, 2, 5)));
  b.pair('s-star-after-match', f('empty matches'), (p) => onText(['s/b*/X/g'], 'abc\nbbb\naabba\n' + lines(p, 1, 3)));
  b.pair('s-nth-beyond', f('N flag (Nth match)'), (p) => onText([`s/a/A/${p.int(20, 40)}`], lines(p, 2, 5)));
  b.pair('s-whole-line', f('basic substitution'), (p) => onText(['s/.*/[&]/'], lines(p, 3, 8)));
  b.pair('s-anchors', f('regex anchors'), (p) => onText(['s/^/> /;s/$/ </'], lines(p, 3, 8)));
  b.pair('s-anchor-literal', f('regex anchors'), (p) =>
    onText(['s/a^b/X/;s/c$d/Y/;s/^*/Z/'], `a^b c$d\n*x\n${lines(p, 1, 3)}`),
  );
  b.pair('s-class-digit', f('bracket expressions and classes'), (p) =>
    onText(['s/[[:digit:]]\\+/<num>/g'], lines(p, 4, 9)),
  );
  b.pair('s-class-alpha', f('bracket expressions and classes'), (p) => onText(['s/[[:alpha:]]/./g'], lines(p, 3, 6)));
  b.pair('s-class-space', f('bracket expressions and classes'), (p) =>
    onText(['s/[[:space:]]\\{1,\\}/_/g'], lines(p, 3, 8)),
  );
  b.pair('s-class-upper-punct', f('bracket expressions and classes'), (p) =>
    onText(['s/[[:upper:]]/U/g;s/[[:punct:]]/P/g'], lines(p, 3, 8)),
  );
  b.pair('s-class-negated', f('bracket expressions and classes'), (p) => onText(['s/[^a-z ]/?/g'], lines(p, 3, 8)));
  b.pair('s-class-bracket-first', f('bracket expressions and classes'), (p) =>
    onText(['s/[]x[]/#/g;s/[^]a]/./3'], `a]b[c\n[x]\n${lines(p, 1, 3)}`),
  );
  b.pair('s-class-range-dash', f('bracket expressions and classes'), (p) => onText(['s/[a-c-]/+/g'], lines(p, 3, 8)));
  b.pair('s-class-xdigit-alnum', f('bracket expressions and classes'), (p) =>
    onText(['-E', 's/[[:xdigit:]]{2,}/<x>/g;s/[^[:alnum:]<>]+/ /g'], lines(p, 3, 8)),
  );
  b.pair('s-interval-bre', f('BRE intervals \\{m,n\\}'), (p) => onText(['s/[a-z]\\{3,5\\}/X/g'], lines(p, 3, 8)));
  b.pair('s-interval-exact', f('BRE intervals \\{m,n\\}'), (p) => onText(['s/[0-9]\\{2\\}/NN/g'], lines(p, 3, 8)));
  b.pair('s-interval-ere', f('ERE intervals {m,n}'), (p) => onText(['-E', 's/[a-z]{2,}?/X/g'], lines(p, 3, 8)));
  b.pair('s-interval-open', f('ERE intervals {m,n}'), (p) =>
    onText(['-E', 's/(ab|[0-9]){1,}/<&>/g'], lines(p, 3, 8) + 'ababab1 a2b\n'),
  );
  b.pair('s-bre-plus-question', f('BRE GNU \\+ \\? \\|'), (p) =>
    onText(['s/e\\+/E/g;s/ab\\?c/X/g'], lines(p, 3, 8) + 'ac abc abbc eee\n'),
  );
  b.pair('s-bre-alternation', f('BRE GNU \\+ \\? \\|'), (p) =>
    onText([`s/${p.pick(WORDS)}\\|${p.pick(WORDS)}\\|a/<&>/g`], lines(p, 3, 8)),
  );
  b.pair('s-ere-alternation', f('ERE alternation and groups'), (p) =>
    onText(['-E', `s/(${p.pick(WORDS)}|${p.pick(WORDS)}|[0-9]+)/<\\1>/g`], lines(p, 3, 8)),
  );
  b.pair('s-ere-plus-literal-bre', f('BRE vs ERE metacharacters'), (p) =>
    onText(['s/a+b/X/g;s/(c)/Y/g;s/d{2}/Z/g'], `a+b (c) d{2} aab cc dd\n${lines(p, 1, 3)}`),
  );
  b.pair('s-ere-escaped', f('BRE vs ERE metacharacters'), (p) =>
    onText(['-E', 's/a\\+b/X/g;s/\\(c\\)/Y/g;s/d\\{2\\}/Z/g'], `a+b (c) d{2} aab cc dd\n${lines(p, 1, 3)}`),
  );
  b.pair('s-backref-regex', f('back-references in the regex'), (p) =>
    onText(['-n', 's/\\(.\\)\\1/[\\1\\1]/gp'], lines(p, 4, 10) + 'aabbcc xyyz\n'),
  );
  b.pair('s-backref-words', f('back-references in the regex'), (p) => {
    const w = p.pick(WORDS);
    return onText(['-E', 's/\\b([a-z]+) \\1\\b/\\1/g'], `${w} ${w} ${p.pick(WORDS)}\n${lines(p, 2, 5)}the the end\n`);
  });
  b.pair('s-word-boundary', f('GNU \\b \\B \\< \\> \\w \\W \\s \\S'), (p) => onText(['s/\\<./(&)/g'], lines(p, 3, 7)));
  b.pair('s-word-end', f('GNU \\b \\B \\< \\> \\w \\W \\s \\S'), (p) => onText(['s/.\\>/&)/g'], lines(p, 3, 7)));
  b.pair('s-nonboundary', f('GNU \\b \\B \\< \\> \\w \\W \\s \\S'), (p) => onText(['s/\\B/-/g'], lines(p, 2, 4)));
  b.pair('s-word-chars', f('GNU \\b \\B \\< \\> \\w \\W \\s \\S'), (p) =>
    onText(['s/\\w\\+/W/g;s/\\s/_/g'], lines(p, 3, 7)),
  );
  b.pair('s-nonword-chars', f('GNU \\b \\B \\< \\> \\w \\W \\s \\S'), (p) =>
    onText(['s/\\W/!/g;s/\\S\\+$/$/'], lines(p, 3, 7)),
  );
  b.pair('s-buffer-anchors', f("GNU \\` and \\'"), (p) =>
    onText(["N;s/\\`/[/;s/\\'/]/"], lines(p, 4, 8, { blanks: false })),
  );
  b.pair('s-dot-newline', f('. matches newline in pattern space'), (p) =>
    onText(['N;N;s/a.*e/X/'], lines(p, 6, 9, { blanks: false })),
  );
  b.pair('s-leftmost-longest', f('leftmost-longest matching'), (p) =>
    onText(['-E', 's/(a|ab)(c|bcd)(d*)/[\\1,\\2,\\3]/'], 'abcd\nabcdd\nacd\n' + lines(p, 1, 2)),
  );
  b.pair('s-greedy', f('leftmost-longest matching'), (p) => onText(['s/ .* / | /'], lines(p, 3, 8)));
  b.pair('s-special-chars', f('regex special characters'), (p) =>
    onText(['s/\\./<dot>/g;s/\\*/<star>/g;s/\\[/<lb>/g;s/\\$/<d>/g;s/\\^/<c>/g'], `a.b*c[d]$e^f\n${lines(p, 1, 3)}`),
  );
  b.pair('s-dot-star-empty', f('empty matches'), (p) => onText(['s/q*$/<end>/'], lines(p, 3, 6)));
  b.pair('s-repeat-regex-empty', f('// reuses the last regex'), (p) => {
    const t = lines(p, 4, 9);
    return onText([`/${wordIn(p, t)}/s//(&)/g`], t);
  });
  b.pair('s-empty-regex-flags', f('// reuses the last regex'), (p) => {
    const t = lines(p, 4, 9);
    return onText(['-n', `s/${wordIn(p, t).toUpperCase()}/X/I;s//Y/gp`], t);
  });
  b.pair('s-replacement-newline-literal', f('\\n in replacement'), (p) => ({
    argv: ['-f', 'script.sed'],
    stdin: lines(p, 3, 6),
    files: { 'script.sed': 's/ /\\\n/\n' },
  }));
  b.pair('s-chain', f('several s commands'), (p) => {
    const t = lines(p, 4, 9);
    return onText(['-e', `s/${wordIn(p, t)}/A/g`, '-e', `s/${wordIn(p, t)}/B/g`, '-e', 's/A B/AB/g'], t);
  });
  b.pair('s-nul-bytes', f('NUL and non-ASCII bytes'), (p) => ({
    argv: ['s/\\x00/<NUL>/g;s/\\o377/<FF>/'],
    stdin: bin(line(p), [0, 0x41, 0, 0x0a, 0xff, 0xfe], '\n', line(p), '\n'),
  }));
  b.pair('s-utf8-bytes', f('NUL and non-ASCII bytes'), (p) =>
    onText(['s/./[&]/3;s/é/e/g'], `café ${p.pick(WORDS)}\nnaïve ${p.pick(WORDS)} é\n`),
  );
  b.pair('s-number-and-p-w', f('combined flags'), (p) => onText(['-n', 's/ /_/2pw two.txt'], lines(p, 3, 8)));
}

// ---------------------------------------------------------------------------------------------------------------
// Other commands
// ---------------------------------------------------------------------------------------------------------------

function addCommands(b: SuiteBuilder): void {
  const f = (d: string) => `command: ${d}`;
  b.pair('y-basic', f('y transliteration'), (p) => onText(['y/abcdefghij/ABCDEFGHIJ/'], lines(p, 3, 8)));
  b.pair('y-rot13', f('y transliteration'), (p) =>
    onText(
      ['y/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/nopqrstuvwxyzabcdefghijklmNOPQRSTUVWXYZABCDEFGHIJKLM/'],
      lines(p, 3, 8),
    ),
  );
  b.pair('y-escapes', f('y transliteration'), (p) => onText(['N;y/\\n \\//|_\\\\/'], lines(p, 4, 8)));
  b.pair('y-other-delim', f('y transliteration'), (p) => onText(['y,aeiou,AEIOU,'], lines(p, 3, 8)));
  b.pair('y-tab', f('y transliteration'), (p) => onText(['y/\\t /T_/'], `a\tb c\n${lines(p, 2, 5)}`));
  b.pair('a-one-liner', f('a (append), GNU one-liner'), (p) =>
    onText([`${p.int(1, 4)}a ${p.pick(WORDS)} appended`], numbered(p, 4, 8)),
  );
  b.pair('a-every-line', f('a (append), GNU one-liner'), (p) => onText([`a ${p.pick(WORDS)}`], lines(p, 2, 5)));
  b.pair('a-classic', f('a\\ (append), multi-line text'), (p) => ({
    argv: ['-f', 'add.sed'],
    stdin: numbered(p, 3, 6),
    files: { 'add.sed': `/${p.int(1, 3)}/a\\\nfirst added\\\n  second added\n$a\\\n-- end --\n` },
  }));
  b.pair('a-leading-space', f('a (append), GNU one-liner'), (p) => onText([`1a\\   ${p.pick(WORDS)}`], lines(p, 2, 4)));
  b.pair('a-with-escapes', f('a (append), GNU one-liner'), (p) =>
    onText([`$a ${p.pick(WORDS)}\\tTAB\\nnext`], lines(p, 2, 4)),
  );
  b.pair('a-split-e', f('a\\ (append), multi-line text'), (p) =>
    onText(['-e', `${p.int(1, 2)}a\\`, '-e', `${p.pick(WORDS)} via -e`], lines(p, 2, 4)),
  );
  b.pair('i-one-liner', f('i (insert)'), (p) =>
    onText([`${p.int(1, 4)}i ${p.pick(WORDS)} inserted`], numbered(p, 4, 8)),
  );
  b.pair('i-regex', f('i (insert)'), (p) => {
    const t = lines(p, 4, 8);
    return onText([`/${wordIn(p, t)}/i\\\n>>> before`], t);
  });
  b.pair('i-first-last', f('i (insert)'), (p) =>
    onText(['-e', '1i HEADER', '-e', `$a FOOTER ${p.int(1, 9)}`], lines(p, 2, 6)),
  );
  b.pair('c-one-line', f('c (change)'), (p) => onText([`${p.int(1, 4)}c\\changed line`], numbered(p, 4, 8)));
  b.pair('c-range', f('c (change)'), (p) => {
    const a = p.int(1, 3);
    return onText([`${a},${a + p.int(1, 3)}c ${p.pick(WORDS)} (range replaced)`], numbered(p, 6, 10));
  });
  b.pair('c-negated', f('c (change)'), (p) => onText([`${p.int(2, 4)}!c X`], numbered(p, 4, 7)));
  b.pair('c-last', f('c (change)'), (p) => onText(['$c\\\nthe end'], lines(p, 2, 5)));
  b.pair('c-in-block', f('c (change)'), (p) => {
    const t = lines(p, 4, 8);
    return onText([`/${wordIn(p, t)}/{s/a/b/;c\\\nCHANGED\n}`], t);
  });
  b.pair('d-regex', f('d (delete)'), (p) => onText(['/^$/d'], lines(p, 6, 14)));
  b.pair('d-range', f('d (delete)'), (p) => onText([`${p.int(2, 4)},${p.int(5, 7)}d`], numbered(p, 7, 12)));
  b.pair('upper-d-dedupe', f('D (delete first line)'), (p) => {
    const ls: string[] = [];
    for (let i = 0; i < p.int(6, 12); i++) {
      const l = p.pick(['same', 'other', p.pick(WORDS)]);
      ls.push(l);
      if (p.int(0, 1) === 1) ls.push(l);
    }
    return onText(['$!N;/^\\(.*\\)\\n\\1$/!P;D'], ls.join('\n') + '\n');
  });
  b.pair('upper-d-last-two', f('D (delete first line)'), (p) => onText(['$!N;$!D'], numbered(p, 4, 10)));
  b.pair('upper-d-restart-without-read', f('D (delete first line)'), (p) =>
    onText(['-n', '/^$/!{H;d};x;s/\\n/ /g;s/^ //;p;$!D'], lines(p, 6, 12)),
  );
  b.pair('n-next', f('n (next line)'), (p) => onText(['n;d'], numbered(p, 5, 11)));
  b.pair('n-with-n-flag', f('n (next line)'), (p) => onText(['-n', 'n;p'], numbered(p, 5, 11)));
  b.pair('n-at-end', f('n (next line)'), (p) => onText(['$!n;s/^/>/'], numbered(p, 3, 7)));
  b.pair('upper-n-join-pairs', f('N (append next line)'), (p) => onText(['N;s/\\n/ | /'], numbered(p, 4, 9)));
  b.pair('upper-n-at-last-line', f('N (append next line)'), (p) => onText(['N;N;s/\\n/+/g'], numbered(p, 4, 8)));
  b.pair('upper-n-join-all', f('N (append next line)'), (p) => onText([':a;N;$!ba;s/\\n/,/g'], numbered(p, 3, 9)));
  b.pair('upper-n-posix-last', f('N (append next line)'), (p) =>
    onText(['--posix', 'N;s/\\n/ | /'], numbered(p, 3, 7)),
  );
  b.pair('p-double', f('p (print)'), (p) => onText(['p'], lines(p, 2, 6)));
  b.pair('upper-p-first-line', f('P (print first line)'), (p) => onText(['-n', 'N;P'], numbered(p, 4, 9)));
  b.pair('upper-p-vs-p', f('P (print first line)'), (p) => onText(['-n', '$!N;P;p;D'], numbered(p, 3, 6)));
  b.pair('h-g-copy', f('h H g G x (hold space)'), (p) => onText(['1h;1!G'], numbered(p, 3, 6)));
  b.pair('tac', f('h H g G x (hold space)'), (p) => onText(['-n', '1!G;h;$p'], numbered(p, 3, 10)));
  b.pair('upper-h-accumulate', f('h H g G x (hold space)'), (p) =>
    onText(['-n', 'H;${x;s/\\n/;/g;p}'], lines(p, 3, 8)),
  );
  b.pair('x-swap', f('h H g G x (hold space)'), (p) => onText(['x'], numbered(p, 3, 7)));
  b.pair('x-previous-line', f('h H g G x (hold space)'), (p) =>
    onText(['-n', `/ ${p.int(3, 5)} /{x;p;x;p};h`], numbered(p, 5, 9)),
  );
  b.pair('upper-g-double-space', f('h H g G x (hold space)'), (p) => onText(['G'], lines(p, 3, 7)));
  b.pair('g-empty-hold', f('h H g G x (hold space)'), (p) => onText([`${p.int(2, 4)}g`], numbered(p, 4, 7)));
  b.pair('upper-h-first-newline', f('h H g G x (hold space)'), (p) => onText(['-n', 'H;$x;$l'], lines(p, 2, 5)));
  b.pair('rev-chars', f('b t loops'), (p) =>
    onText(['/\\n/!G;s/\\(.\\)\\(.*\\n\\)/&\\2\\1/;//D;s/.//'], lines(p, 2, 5, { blanks: false })),
  );
  b.pair('b-label', f('b (branch)'), (p) => {
    const t = lines(p, 4, 9);
    return onText([`/${wordIn(p, t)}/b skip;s/^/- /;:skip`], t);
  });
  b.pair('b-to-end', f('b (branch)'), (p) => onText([`${p.int(1, 3)}b;s/[aeiou]/*/g`], numbered(p, 4, 8)));
  b.pair('b-label-semicolon', f('b (branch)'), (p) =>
    onText([':top;s/  / /;/  /btop'], lines(p, 2, 4) + 'a     b   c\n'),
  );
  b.pair('t-loop', f('t (branch if substituted)'), (p) =>
    onText(
      [':a;s/\\([0-9]\\)\\([0-9]\\{3\\}\\)\\($\\|[^0-9]\\)/\\1,\\2\\3/;ta'],
      Array.from({ length: p.int(3, 7) }, () => String(p.int(0, 2 ** 31))).join('\n') + '\n',
    ),
  );
  b.pair('t-reset-per-line', f('t (branch if substituted)'), (p) => {
    const t = lines(p, 4, 9);
    return onText(['-n', `s/${wordIn(p, t)}/X/;t hit;s/^/no: /p;d;:hit;s/^/yes: /p`], t);
  });
  b.pair('upper-t-branch', f('T (branch if not substituted)'), (p) => {
    const t = lines(p, 4, 9);
    return onText([`s/${wordIn(p, t)}/[&]/;T;s/$/ (changed)/`], t);
  });
  b.pair('upper-t-label', f('T (branch if not substituted)'), (p) =>
    onText(['-n', 's/[0-9]/#/g;Tnone;p;b;:none;s/^/none: /p'], lines(p, 4, 9)),
  );
  b.pair('l-basic', f('l (list)'), (p) => onText(['-n', 'l'], lines(p, 2, 5) + 'tab\there\\back\n'));
  b.pair('l-long-wrap', f('l (list)'), (p) =>
    onText(['-n', 'l'], Array.from({ length: p.int(2, 4) }, () => line(p, 12, 30)).join('\n') + '\n'),
  );
  b.pair('l-width-arg', f('l (list)'), (p) => onText(['-n', `l ${p.int(5, 30)}`], lines(p, 2, 5)));
  b.pair('l-width-one', f('l (list)'), (p) => onText(['-n', 'l 1'], lines(p, 1, 2)));
  b.pair('l-width-zero', f('l (list)'), (p) =>
    onText(['-n', 'l 0'], Array.from({ length: 2 }, () => line(p, 15, 25)).join('\n') + '\n'),
  );
  b.pair('l-bytes', f('l (list)'), (p) => ({
    argv: ['-n', 'l'],
    stdin: bin(line(p), [1, 2, 7, 8, 9, 11, 12, 13, 27, 127, 128, 200, 255], '\n', 'caf', [0xc3, 0xa9], '\n'),
  }));
  b.pair('l-newline-in-space', f('l (list)'), (p) => onText(['-n', 'N;l;p'], lines(p, 2, 4, { blanks: false })));
  b.pair('l-option-width', f('-l N (line length for l)'), (p) =>
    onText(['-l', String(p.int(10, 40)), '-n', 'l'], Array.from({ length: 3 }, () => line(p, 8, 20)).join('\n') + '\n'),
  );
  b.pair('l-long-option-width', f('-l N (line length for l)'), (p) =>
    onText([`--line-length=${p.int(3, 12)}`, 'l;d'], lines(p, 2, 4)),
  );
  b.pair('q-line', f('q (quit)'), (p) => onText([`${p.int(2, 5)}q`], numbered(p, 6, 10)));
  b.pair('q-exit-code', f('q EXIT-CODE'), (p) => onText([`/ ${p.int(2, 5)} /q ${p.int(1, 99)}`], numbered(p, 6, 10)));
  b.pair('q-with-append', f('q (quit)'), (p) =>
    onText([`${p.int(1, 3)}{a\\\nappended before quit\nq}`], numbered(p, 4, 8)),
  );
  b.pair('q-n-flag', f('q (quit)'), (p) => onText(['-n', `${p.int(2, 4)}{p;q}`], numbered(p, 5, 8)));
  b.pair('upper-q-line', f('Q (quit silently)'), (p) => onText([`${p.int(2, 5)}Q`], numbered(p, 6, 10)));
  b.pair('upper-q-exit-code', f('Q EXIT-CODE'), (p) => onText([`$Q ${p.int(1, 99)}`], numbered(p, 2, 5)));
  b.pair('upper-q-with-append', f('Q (quit silently)'), (p) =>
    onText([`${p.int(1, 3)}{a\\\nnot shown\nQ}`], numbered(p, 4, 8)),
  );
  b.pair('z-zap', f('z (zap pattern space)'), (p) => {
    const t = lines(p, 4, 9);
    return onText([`/${wordIn(p, t)}/z`], t);
  });
  b.pair('z-then-append', f('z (zap pattern space)'), (p) => onText(['z;s/^$/empty/'], lines(p, 2, 4)));
  b.pair('eq-line-numbers', f('= (line number)'), (p) => onText(['='], lines(p, 2, 6)));
  b.pair('eq-count', f('= (line number)'), (p) => onText(['-n', '$='], lines(p, 1, 30)));
  b.pair('eq-regex', f('= (line number)'), (p) => {
    const t = lines(p, 4, 12);
    return onText(['-n', `/${wordIn(p, t)}/=`], t);
  });
  b.pair('upper-f-stdin', f('F (file name)'), (p) => onText([`${p.int(1, 2)}F`], lines(p, 2, 4)));
  b.pair('upper-f-files', f('F (file name)'), (p) => ({
    argv: ['-s', '1F', 'one.txt', 'two.txt'],
    files: { 'one.txt': lines(p, 2, 3), 'two.txt': lines(p, 1, 3) },
  }));
  b.pair('comment', f('# comments'), (p) => ({
    argv: ['-f', 'c.sed'],
    stdin: lines(p, 2, 5),
    files: { 'c.sed': `# a comment\ns/a/A/g # trailing comment\n\n  # indented\ny/e/E/\n` },
  }));
  b.pair('comment-n-first-line', f('#n first line'), (p) => ({
    argv: ['-f', 'n.sed'],
    stdin: numbered(p, 3, 6),
    files: { 'n.sed': `#n\n${p.int(1, 3)}p\n` },
  }));
  b.one('comment-n-not-alone', f('#n first line'), (p) => ({
    argv: ['-f', 'n2.sed'],
    stdin: numbered(p, 3, 5),
    files: { 'n2.sed': '#no\n2p\n' },
  }));
  b.pair('semicolons-spaces', f('script syntax: ; and whitespace'), (p) =>
    onText([`  ${p.int(1, 3)} , ${p.int(4, 6)} ! { s/ /_/g ; } ; $ = `], numbered(p, 5, 8)),
  );
  b.pair('braces-newlines', f('script syntax: ; and whitespace'), (p) =>
    onText([`/ ${p.int(1, 4)} /{\ns/^/[/\ns/$/]/\n}`], numbered(p, 4, 7)),
  );
  b.pair('empty-script', f('empty script'), (p) => onText([''], lines(p, 2, 5)));
  b.pair('label-with-space', f('b (branch)'), (p) => onText([':a b\ns/x/y/\nt a b'], lines(p, 2, 4) + 'xxx\n'));
}

// ---------------------------------------------------------------------------------------------------------------
// Files: r R w W
// ---------------------------------------------------------------------------------------------------------------

function addFiles(b: SuiteBuilder): void {
  const f = (d: string) => `files: ${d}`;
  b.pair('r-after-line', f('r FILE (read file)'), (p) => ({
    argv: [`${p.int(1, 3)}r insert.txt`],
    stdin: numbered(p, 3, 6),
    files: { 'insert.txt': lines(p, 1, 3) },
  }));
  b.pair('r-every-match', f('r FILE (read file)'), (p) => {
    const t = lines(p, 4, 8);
    return { argv: [`/${wordIn(p, t)}/r note.txt`], stdin: t, files: { 'note.txt': `-- ${p.pick(WORDS)} --\n` } };
  });
  b.pair('r-last', f('r FILE (read file)'), (p) => ({
    argv: ['$r tail.txt'],
    stdin: lines(p, 2, 4),
    files: { 'tail.txt': lines(p, 1, 2) },
  }));
  b.pair('r-missing', f('r FILE (read file)'), (p) => onText([`${p.int(1, 2)}r does-not-exist.txt`], lines(p, 2, 4)));
  b.pair('r-no-newline', f('r FILE (read file)'), (p) => ({
    argv: ['r part.txt'],
    stdin: lines(p, 2, 3),
    files: { 'part.txt': `no newline ${p.int(1, 99)}` },
  }));
  b.pair('r-with-d', f('r FILE (read file)'), (p) => ({
    argv: [`${p.int(1, 3)}{r repl.txt\nd}`],
    stdin: numbered(p, 3, 6),
    files: { 'repl.txt': lines(p, 1, 2) },
  }));
  b.pair('r-and-a-order', f('r FILE (read file)'), (p) => ({
    argv: ['-e', '1r x.txt', '-e', '1a appended', '-e', '1i inserted'],
    stdin: lines(p, 2, 3),
    files: { 'x.txt': `from file ${p.int(1, 9)}\n` },
  }));
  b.pair('upper-r-line-by-line', f('R FILE (read one line)'), (p) => ({
    argv: ['R other.txt'],
    stdin: numbered(p, 3, 7),
    files: { 'other.txt': lines(p, 2, 5) },
  }));
  b.pair('upper-r-regex', f('R FILE (read one line)'), (p) => {
    const t = lines(p, 5, 9);
    return { argv: [`/${wordIn(p, t)}/R q.txt`], stdin: t, files: { 'q.txt': numbered(p, 1, 3) } };
  });
  b.pair('upper-r-no-newline', f('R FILE (read one line)'), (p) => ({
    argv: ['R last.txt'],
    stdin: lines(p, 2, 3),
    files: { 'last.txt': `one\ntwo ${p.int(1, 9)}` },
  }));
  b.pair('w-file', f('w FILE (write)'), (p) => {
    const t = lines(p, 4, 9);
    return onText([`/${wordIn(p, t)}/w matched.txt`], t);
  });
  b.pair('w-two-files', f('w FILE (write)'), (p) =>
    onText(['-n', '-e', '/[0-9]/w digits.txt', '-e', '/[0-9]/!w other.txt'], lines(p, 4, 9)),
  );
  b.pair('w-same-file-twice', f('w FILE (write)'), (p) =>
    onText(['-e', `${p.int(1, 2)}w log.txt`, '-e', '$w log.txt'], numbered(p, 3, 6)),
  );
  b.pair('w-stdout', f('w FILE (write)'), (p) => onText(['w /dev/stdout'], lines(p, 2, 5)));
  b.pair('w-stderr', f('w FILE (write)'), (p) => onText([`${p.int(1, 3)}w /dev/stderr`], numbered(p, 3, 5)));
  b.pair('w-overwrites', f('w FILE (write)'), (p) => ({
    argv: ['-n', '$w out.txt'],
    stdin: lines(p, 2, 4),
    files: { 'out.txt': `old content ${p.int(1, 9)}\nmore\n` },
  }));
  b.pair('w-no-lines', f('w FILE (write)'), (p) => onText(['/nomatchatall/w empty.txt'], lines(p, 2, 4)));
  b.pair('upper-w-first-line', f('W FILE (write first line)'), (p) =>
    onText(['-n', 'N;W first.txt'], numbered(p, 4, 8)),
  );
  b.pair('w-in-subdir', f('w FILE (write)'), (p) => ({
    argv: ['w sub/out.txt'],
    stdin: lines(p, 2, 3),
    files: { 'sub/keep.txt': 'x\n' },
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------------------

function addOptions(b: SuiteBuilder): void {
  const f = (d: string) => `option: ${d}`;
  b.pair('opt-n', f('-n / --quiet / --silent'), (p) => onText(['-n', `${p.int(1, 3)}p`], numbered(p, 3, 6)));
  b.pair('opt-quiet', f('-n / --quiet / --silent'), (p) => onText(['--quiet', `${p.int(1, 3)}p`], numbered(p, 3, 6)));
  b.pair('opt-silent', f('-n / --quiet / --silent'), (p) => onText(['--silent', '$p'], numbered(p, 3, 6)));
  b.pair('opt-e-multiple', f('-e / --expression'), (p) =>
    onText(['-e', `${p.int(1, 2)}d`, '-e', 's/^/: /', '--expression=$a done'], numbered(p, 3, 6)),
  );
  b.pair('opt-e-bundled', f('-e / --expression'), (p) => onText(['-ne', `${p.int(1, 3)}p`], numbered(p, 3, 6)));
  b.pair('opt-e-joined-newline', f('-e / --expression'), (p) =>
    onText(['-e', `/ ${p.int(1, 3)} /{`, '-e', 's/ /#/g', '-e', '}'], numbered(p, 3, 6)),
  );
  b.pair('opt-f-file', f('-f / --file'), (p) => ({
    argv: ['-f', 'prog.sed'],
    stdin: lines(p, 3, 8),
    files: { 'prog.sed': `s/${p.pick(['a', 'e', 'i'])}/_/g\n${p.int(1, 3)}d\n$a\\\nlast\n` },
  }));
  b.pair('opt-f-and-e', f('-f / --file'), (p) => ({
    argv: ['-e', '1i first', `--file=p.sed`, '-e', '$a last'],
    stdin: lines(p, 2, 5),
    files: { 'p.sed': `s/^/${p.pick(WORDS)}: /\n` },
  }));
  b.pair('opt-f-stdin-script', f('-f / --file'), (p) => ({
    argv: ['-f', '-', 'in.txt'],
    stdin: `s/${p.pick(['a', 'o'])}/0/g\n`,
    files: { 'in.txt': lines(p, 2, 5) },
  }));
  b.pair('opt-f-no-newline', f('-f / --file'), (p) => ({
    argv: ['-f', 's.sed'],
    stdin: lines(p, 2, 4),
    files: { 's.sed': `$a\\\nno newline at end of script ${p.int(1, 9)}` },
  }));
  b.pair('opt-f-a-continuation-across-e', f('-f / --file'), (p) => ({
    argv: ['-f', 'a.sed', '-e', `continued ${p.int(1, 9)}`],
    stdin: lines(p, 1, 3),
    files: { 'a.sed': '1a\\' },
  }));
  b.pair('opt-upper-e', f('-E / -r / --regexp-extended'), (p) =>
    onText(['-E', 's/([a-z]+) ([a-z]+)/\\2 \\1/'], lines(p, 3, 7)),
  );
  b.pair('opt-r', f('-E / -r / --regexp-extended'), (p) => onText(['-r', 's/[0-9]+/<&>/g'], lines(p, 3, 7)));
  b.pair('opt-regexp-extended', f('-E / -r / --regexp-extended'), (p) =>
    onText(['--regexp-extended', '-n', '/^(a|b|c)/p'], lines(p, 4, 9) + 'apple\nbig\n'),
  );
  b.pair('opt-s-separate', f('-s / --separate'), (p) => ({
    argv: ['-s', '-n', '$p', 'x.txt', 'y.txt', 'z.txt'],
    files: { 'x.txt': numbered(p, 1, 3), 'y.txt': numbered(p, 2, 4), 'z.txt': numbered(p, 1, 3) },
  }));
  b.pair('opt-s-line-numbers', f('-s / --separate'), (p) => ({
    argv: ['--separate', '1s/^/>> /;$=', 'x.txt', 'y.txt'],
    files: { 'x.txt': lines(p, 1, 3), 'y.txt': lines(p, 2, 4) },
  }));
  b.pair('opt-no-s-line-numbers', f('several input files'), (p) => ({
    argv: ['=', 'x.txt', 'y.txt'],
    files: { 'x.txt': lines(p, 1, 3), 'y.txt': lines(p, 2, 4) },
  }));
  b.pair('opt-files-and-stdin', f('several input files'), (p) => ({
    argv: ['s/^/| /', 'a.txt', '-', 'b.txt'],
    stdin: lines(p, 1, 2),
    files: { 'a.txt': lines(p, 1, 2), 'b.txt': lines(p, 1, 2) },
  }));
  b.pair('opt-files-no-final-newline', f('several input files'), (p) => ({
    argv: ['p', 'a.txt', 'b.txt'],
    files: { 'a.txt': lines(p, 1, 2, { noFinalNewline: true }), 'b.txt': lines(p, 1, 2, { noFinalNewline: true }) },
  }));
  b.pair('opt-missing-file-middle', f('missing input file (exit 2)'), (p) => ({
    argv: ['s/a/A/', 'a.txt', 'missing.txt', 'b.txt'],
    files: { 'a.txt': lines(p, 1, 2), 'b.txt': lines(p, 1, 2) },
  }));
  b.pair('opt-missing-file-only', f('missing input file (exit 2)'), (p) => ({
    argv: ['p', `nofile-${p.int(1, 99)}.txt`],
  }));
  b.pair('opt-z-null-data', f('-z / --null-data'), (p) => ({
    argv: ['-z', 's/^/[/;s/$/]/'],
    stdin: bin(line(p), [0], line(p), '\n', line(p), [0], line(p), [0]),
  }));
  b.pair('opt-z-dollar-newline', f('-z / --null-data'), (p) => ({
    argv: ['-z', 's/\\n/|/g;$s/$/END/'],
    stdin: lines(p, 3, 6),
  }));
  b.pair('opt-null-data-upper-n', f('-z / --null-data'), (p) => ({
    argv: ['--null-data', '-n', 'N;l'],
    stdin: bin(line(p), [0], line(p), [0], line(p), [0]),
  }));
  b.pair('opt-zero-terminated', f('-z / --null-data'), (p) => ({
    argv: ['--zero-terminated', 'G'],
    stdin: bin(line(p), [0], line(p)),
  }));
  b.pair('opt-i-in-place', f('-i / --in-place'), (p) => ({
    argv: ['-i', `s/${p.pick(['a', 'e', 'o'])}/#/g`, 'doc.txt'],
    files: { 'doc.txt': lines(p, 3, 8) },
  }));
  b.pair('opt-i-suffix', f('-i SUFFIX (backup)'), (p) => ({
    argv: ['-i.bak', `${p.int(1, 3)}d`, 'doc.txt'],
    files: { 'doc.txt': numbered(p, 3, 8) },
  }));
  b.pair('opt-i-long-suffix', f('-i SUFFIX (backup)'), (p) => ({
    argv: ['--in-place=.orig', 's/$/;/', 'a.txt', 'b.txt'],
    files: { 'a.txt': lines(p, 1, 3), 'b.txt': lines(p, 1, 3) },
  }));
  b.pair('opt-i-star-suffix', f('-i SUFFIX (backup)'), (p) => ({
    argv: ['-ibak_*', '$a tail', 'f.txt'],
    files: { 'f.txt': lines(p, 1, 3) },
  }));
  b.pair('opt-i-separate-last', f('-i / --in-place'), (p) => ({
    argv: ['-i', '$s/$/ <last>/;1i top', 'a.txt', 'b.txt'],
    files: { 'a.txt': lines(p, 1, 3), 'b.txt': lines(p, 1, 3) },
  }));
  b.pair('opt-i-with-n-p', f('-i / --in-place'), (p) => ({
    argv: ['-n', '-i', `/${p.pick(['a', 'e'])}/p`, 'k.txt'],
    files: { 'k.txt': lines(p, 3, 8) },
  }));
  b.pair('opt-i-w-file', f('-i / --in-place'), (p) => ({
    argv: ['-i', '-e', '/[0-9]/w numbers.txt', '-e', '/[0-9]/d', 'data.txt'],
    files: { 'data.txt': lines(p, 4, 9) },
  }));
  b.pair('opt-i-missing-file', f('-i / --in-place'), (p) => ({
    argv: ['-i', 's/a/b/', 'present.txt', 'absent.txt'],
    files: { 'present.txt': lines(p, 1, 3) },
  }));
  b.pair('opt-i-upper-f-and-eq', f('-i / --in-place'), (p) => ({
    argv: ['-i', 'F;=', 'm.txt'],
    files: { 'm.txt': lines(p, 1, 3) },
  }));
  b.pair('opt-i-q', f('-i / --in-place'), (p) => ({
    argv: ['-i', `${p.int(2, 3)}q`, 'q.txt'],
    files: { 'q.txt': numbered(p, 4, 6) },
  }));
  b.pair('opt-posix-bre', f('--posix'), (p) =>
    onText(['--posix', 's/a\\+/X/g;s/b\\?/Y/'], 'aaa a+ b? bb\n' + lines(p, 1, 3)),
  );
  b.pair('opt-posix-escapes', f('--posix'), (p) => onText(['--posix', 's/a/\\t/;s/o/\\n/'], lines(p, 2, 4)));
  b.pair('opt-posix-class', f('--posix'), (p) => onText(['--posix', '-n', '/[[:upper:]]/p'], lines(p, 3, 7)));
  b.pair('opt-debug', f('--debug'), (p) => onText(['--debug', `${p.int(1, 2)}s/a/b/g;$!N`], lines(p, 2, 3)));
  b.pair('opt-debug-n', f('--debug'), (p) =>
    onText(['--debug', '-n', `/${p.pick(['a', 'e'])}/{p;h};$ {x;l}`], lines(p, 2, 3)),
  );
  b.pair('opt-debug-commands', f('--debug'), (p) =>
    onText(
      [
        '--debug',
        '-e',
        '1~2y/abc/xyz/;0,/x/d;3,+2!{=;z};2,~4a text',
        '-e',
        ':l;tl;T;b l',
        '-e',
        's/x\\(y\\)/\\U\\1/Igw /dev/stdout',
      ],
      lines(p, 2, 3),
    ),
  );
  b.pair('opt-debug-files', f('--debug'), (p) => ({
    argv: ['--debug', '-s', '-e', 'r f.txt', '-e', 'R f.txt', '-e', 'W w.txt', '-e', 'F;Q 3', 'in.txt'],
    files: { 'f.txt': 'x\n', 'in.txt': lines(p, 1, 2) },
  }));
  b.pair('opt-u', f('-u / --unbuffered'), (p) => onText(['-u', 's/^/u: /'], lines(p, 2, 6)));
  b.pair('opt-unbuffered-q', f('-u / --unbuffered'), (p) =>
    onText(['--unbuffered', `${p.int(1, 3)}q`], numbered(p, 3, 6)),
  );
  b.pair('opt-sandbox-ok', f('--sandbox'), (p) => onText(['--sandbox', 's/a/b/g;1p'], lines(p, 2, 5)));
  b.pair('opt-sandbox-w', f('--sandbox'), (p) => onText(['--sandbox', `${p.int(1, 3)}w out.txt`], lines(p, 2, 5)));
  b.pair('opt-sandbox-r', f('--sandbox'), (p) => onText(['--sandbox', `$r in.txt`], lines(p, 2, 5)));
  b.pair('opt-sandbox-s-w', f('--sandbox'), (p) => onText(['--sandbox', 's/x/y/w o.txt'], lines(p, 2, 5)));
  b.pair('opt-sandbox-e', f('--sandbox'), (p) => onText(['--sandbox', `${p.int(1, 2)}e echo hi`], lines(p, 2, 5)));
  b.pair('opt-sandbox-upper-r-w', f('--sandbox'), (p) =>
    onText(['--sandbox', '-e', `1R r.txt`, '-e', '2W w.txt'], lines(p, 2, 5)),
  );
  b.pair('opt-double-dash', f('-- ends options'), (p) => ({
    argv: ['-n', '--', '$p', '-f'],
    files: { '-f': lines(p, 1, 3) },
  }));
  b.pair('opt-script-after-files', f('option permutation'), (p) => ({
    argv: ['in.txt', '-e', 's/^/> /', '-n', '-e', 'p'],
    files: { 'in.txt': lines(p, 1, 3) },
  }));
  b.pair('opt-long-abbrev', f('long option abbreviations'), (p) =>
    onText(['--quie', '--expr=$p', '--regexp-ext'], lines(p, 2, 4)),
  );
  b.pair('opt-combined-nse', f('option combinations'), (p) => ({
    argv: ['-nsE', '/^(.)(.*)\\1$/p;$=', 'a.txt', 'b.txt'],
    files: { 'a.txt': 'abca\nxyz\n' + lines(p, 1, 2), 'b.txt': 'pop\n' + lines(p, 1, 2) },
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------

function addErrors(b: SuiteBuilder): void {
  const f = (d: string) => `error: ${d}`;
  const T = (p: Prng) => lines(p, 1, 3);
  b.pair('err-unknown-command', f('unknown command'), (p) =>
    onText([`${p.int(1, 5)}${p.pick(['k', 'j', 'o', 'u', 'K'])}`], T(p)),
  );
  b.pair('err-unterminated-s', f('unterminated s'), (p) => onText([`s/${p.pick(WORDS)}/x`], T(p)));
  b.pair('err-unterminated-s-regex', f('unterminated s'), (p) => onText([`s/${p.pick(WORDS)}`], T(p)));
  b.pair('err-unknown-s-option', f('unknown option to s'), (p) =>
    onText([`s/a/b/${p.pick(['k', 'x', 'q', 'z'])}`], T(p)),
  );
  b.pair('err-s-multiple-p', f('unknown option to s'), (p) => onText([`s/a/b/${p.pick(['pp', 'gg', '2p2'])}`], T(p)));
  b.pair('err-s-number-zero', f('unknown option to s'), (p) => onText([`s/a/b/0${p.pick(['', 'g'])}`], T(p)));
  b.pair('err-missing-command', f('missing command'), (p) => onText([`${p.int(1, 9)}`], T(p)));
  b.pair('err-missing-command-range', f('missing command'), (p) =>
    onText([`/${p.pick(WORDS)}/,${p.int(2, 9)}!`], T(p)),
  );
  b.pair('err-unmatched-brace', f('unmatched { }'), (p) => onText([`${p.int(1, 3)}{p`], T(p)));
  b.pair('err-unexpected-brace', f('unmatched { }'), (p) => onText([`p;}${p.pick(['', 'p'])}`], T(p)));
  b.pair('err-extra-chars', f('extra characters after command'), (p) =>
    onText([`${p.pick(['p', 'd', 'x', 'h'])}${p.pick(['x', 'q', '1'])}`], T(p)),
  );
  b.pair('err-extra-chars-brace', f('extra characters after command'), (p) =>
    onText([`{p}${p.pick(['x', 'd'])}`], T(p)),
  );
  b.pair('err-unterminated-y', f('y errors'), (p) => onText([`y/abc/${p.pick(['x', 'xy'])}`], T(p)));
  b.pair('err-y-lengths', f('y errors'), (p) => onText([`y/abc/${p.pick(['x', 'xy', 'wxyz'])}/`], T(p)));
  b.pair('err-y-extra', f('y errors'), (p) => onText([`y/a/b/${p.pick(['g', 'x'])}`], T(p)));
  b.pair('err-invalid-reference', f('invalid reference \\N'), (p) => onText([`s/\\(a\\)/\\${p.int(2, 9)}/`], T(p)));
  b.pair('err-invalid-reference-ere', f('invalid reference \\N'), (p) =>
    onText(['-E', `s/(a)(b)/\\${p.int(3, 9)}/`], T(p)),
  );
  b.pair('err-no-previous-regex', f('no previous regular expression'), (p) =>
    onText([`${p.pick(['//p', 's//x/'])}`], T(p)),
  );
  b.pair('err-unterminated-address', f('unterminated address regex'), (p) => onText([`/${p.pick(WORDS)}p`], T(p)));
  b.pair('err-address-zero', f('invalid usage of line address 0'), (p) =>
    onText([`0${p.pick(['p', 'd', ',5p'])}`], T(p)),
  );
  b.pair('err-comment-address', f('comments do not accept addresses'), (p) => onText([`${p.int(1, 4)}# note`], T(p)));
  b.pair('err-label-missing', f('label errors'), (p) => onText([`b ${p.pick(WORDS)}`], T(p)));
  b.pair('err-colon-no-label', f('label errors'), (p) => onText([`${p.pick([':', ': '])}`], T(p)));
  b.pair('err-colon-address', f('label errors'), (p) => onText([`${p.int(1, 3)}:a`], T(p)));
  b.pair('err-a-no-text', f('a, i, c errors'), (p) => onText([`${p.pick(['a', 'i', 'c'])}`], T(p)));
  b.pair('err-a-posix', f('a, i, c errors'), (p) => onText(['--posix', `${p.pick(['a', 'i'])} text`], T(p)));
  b.pair('err-one-address', f('command only uses one address'), (p) =>
    onText([`1,${p.int(2, 4)}${p.pick(['q', 'Q'])}`], T(p)),
  );
  b.pair('err-one-address-posix-eq', f('command only uses one address'), (p) =>
    onText(['--posix', `1,${p.int(2, 4)}=`], T(p)),
  );
  b.pair('err-regex-unmatched-paren', f('regex syntax errors'), (p) => onText(['-E', `s/(${p.pick(WORDS)}/x/`], T(p)));
  b.pair('err-regex-unmatched-bracket', f('regex syntax errors'), (p) => onText([`s/[${p.pick(WORDS)}/x/`], T(p)));
  b.pair('err-regex-bad-interval', f('regex syntax errors'), (p) => onText([`s/a\\{${p.int(3, 9)},1\\}/x/`], T(p)));
  b.pair('err-regex-invalid-range', f('regex syntax errors'), (p) =>
    onText([`s/[${p.pick(['z-a', '9-0'])}]/x/`], T(p)),
  );
  b.pair('err-regex-preceding', f('regex syntax errors'), (p) =>
    onText(['-E', `s/${p.pick(['*a', 'a**', '+'])}/x/`], T(p)),
  );
  b.pair('err-regex-bad-class', f('regex syntax errors'), (p) =>
    onText([`s/[[:${p.pick(['foo', 'letter'])}:]]/x/`], T(p)),
  );
  b.pair('err-regex-trailing-backslash', f('regex syntax errors'), (p) => onText([`/a\\`], T(p)));
  b.pair('err-unknown-option', f('unknown option (usage, exit 1)'), (p) =>
    onText([`-${p.pick(['k', 'x', 'j'])}`, 'p'], T(p)),
  );
  b.pair('err-unknown-long-option', f('unknown option (usage, exit 1)'), (p) =>
    onText([`--${p.pick(['frobnicate', 'colour'])}`, 'p'], T(p)),
  );
  b.pair('err-no-script', f('missing script (usage, exit 1)'), (p) => onText(p.int(0, 1) ? ['-n'] : [], T(p)));
  b.pair('err-missing-arg-e', f('missing option argument'), (p) => onText([p.pick(['-e', '-f', '-l'])], T(p)));
  b.pair('err-bad-line-length', f('invalid -l argument'), (p) =>
    onText(['-l', p.pick(['abc', '-3', '1x']), 'l'], T(p)),
  );
  b.pair('err-f-missing', f('-f missing script file'), (p) => onText(['-f', `missing-${p.int(1, 9)}.sed`], T(p)));
  b.pair('err-f-line-number', f('errors in a -f script name the file and line'), (p) => ({
    argv: ['-f', 'bad.sed'],
    stdin: T(p),
    files: { 'bad.sed': `s/a/b/\n${p.int(1, 3)}p\nk\n` },
  }));
  b.pair('err-f-unterminated', f('errors in a -f script name the file and line'), (p) => ({
    argv: ['-f', 'u.sed'],
    stdin: T(p),
    files: { 'u.sed': `p\ns/${p.pick(WORDS)}/x\n` },
  }));
  b.pair('err-e-number', f('errors name the -e expression and char'), (p) =>
    onText(['-e', 'p', '-e', `s/a/b/${p.pick(['k', 'x'])}`], T(p)),
  );
  b.pair('err-w-no-file', f('w errors'), (p) => onText([p.pick(['w', 'w ', 's/a/b/w'])], T(p)));
  b.pair('err-w-bad-dir', f('w errors (exit 4)'), (p) => onText([`w nodir-${p.int(1, 9)}/out.txt`], T(p)));
  b.pair('err-r-no-file', f('r errors'), (p) => onText([p.pick(['r', 'R'])], T(p)));
  b.pair('err-one-address-range-q', f('command only uses one address'), (p) =>
    onText([`${p.int(1, 3)},${p.int(4, 6)}q`], T(p)),
  );
  b.pair('err-version-extra', f('expected newer version of sed'), (p) =>
    onText([`v ${p.pick(['9.0', '5', '4.10'])}`], T(p)),
  );
  b.pair('err-unknown-command-after-valid', f('unknown command'), (p) =>
    onText([`p;${p.pick(['g', 'h'])};${p.pick(['k', 'o'])}`], T(p)),
  );
  b.pair('err-i-no-file', f('-i with no input file'), (p) => onText(['-i', `s/${p.pick(['a', 'b'])}/c/`], T(p)));
  b.pair('err-s-newline-unterminated', f('unterminated s'), (p) => onText([`s/a/b\nc/`], T(p)));
  b.pair('err-y-backslash', f('y errors'), (p) => onText([`y/a\\${p.pick(['q', 'x'])}/bc/`], T(p)));
  b.pair('err-bad-step', f('unexpected , or ~'), (p) => onText([p.pick(['1,~', ',3p', '~2p'])], T(p)));
  b.pair('err-multiple-bang', f('multiple !s'), (p) => onText([`${p.int(1, 3)}!!p`], T(p)));
  b.pair('err-addr-dollar-posix', f('comments do not accept addresses'), (p) => onText([`$#${p.pick(WORDS)}`], T(p)));
  b.pair('err-z-posix', f('unknown command'), (p) => onText(['--posix', p.pick(['z', 'F', 'T'])], T(p)));
  b.pair('err-exit-code-arg', f('q EXIT-CODE'), (p) => onText([`q ${p.pick(['x', '1x'])}`], T(p)));
}

// ---------------------------------------------------------------------------------------------------------------
// Edge inputs and classic one-liners
// ---------------------------------------------------------------------------------------------------------------

function addEdges(b: SuiteBuilder): void {
  const f = (d: string) => `input: ${d}`;
  b.pair('empty-input', f('empty input'), (_p, w) => onText([w === 'v' ? '$a x' : '1i y;p'], ''));
  b.pair('no-final-newline', f('no final newline kept'), (p) =>
    onText(['s/$/!/'], lines(p, 1, 4, { noFinalNewline: true })),
  );
  b.pair('no-final-newline-append', f('no final newline kept'), (p) =>
    onText([`$a ${p.pick(WORDS)}`], lines(p, 1, 4, { noFinalNewline: true })),
  );
  b.pair('no-final-newline-upper-g', f('no final newline kept'), (p) =>
    onText(['G'], lines(p, 1, 3, { noFinalNewline: true })),
  );
  b.pair('only-newlines', f('blank lines'), (p) => onText(['-n', '/^$/='], '\n'.repeat(p.int(1, 6))));
  b.pair('squeeze-blank', f('blank lines'), (p) =>
    onText(
      ['/^$/{N;/^\\n$/D}'],
      lines(p, 6, 14).replace(/\n/g, () => (p.int(0, 3) === 0 ? '\n\n\n' : '\n')),
    ),
  );
  b.pair('crlf', f('CR LF line ends'), (p) => onText(['s/\\r$//;s/$/|/'], lines(p, 2, 5).replace(/\n/g, '\r\n')));
  b.pair('crlf-l', f('CR LF line ends'), (p) => onText(['-n', 'l'], lines(p, 2, 4).replace(/\n/g, '\r\n')));
  b.pair('long-line', f('long lines'), (p) =>
    onText(['s/ /\\n/100;s/[aeiou]//g'], Array.from({ length: 2 }, () => line(p, 300, 600)).join('\n') + '\n'),
  );
  b.pair('many-lines', f('many lines'), (p) =>
    onText(['-n', `${p.int(100, 400)},${p.int(600, 900)}{/7/p}`], numbered(p, 1000, 1200)),
  );
  b.pair('nul-in-line', f('NUL and non-ASCII bytes'), (p) => ({
    argv: ['-n', 'l;p'],
    stdin: bin(line(p), [0], line(p), '\n'),
  }));
  b.pair('high-bytes-y', f('NUL and non-ASCII bytes'), (p) => ({
    argv: ['y/\\o351/E/'],
    stdin: bin(line(p), [0xe9, 0x20, 0xe9], '\n'),
  }));
  b.pair('oneliner-number-lines', f('classic one-liners'), (p) => onText(['-n', '=;p'], lines(p, 2, 5)));
  b.pair('oneliner-count-chars', f('classic one-liners'), (p) =>
    onText(['-E', ':a;s/^(.{0,19})$/ \\1/;ta'], lines(p, 2, 6)),
  );
  b.pair('oneliner-center', f('classic one-liners'), (p) =>
    onText(['-e', ':a', '-e', 's/^.\\{1,30\\}$/ & /;ta'], lines(p, 2, 5)),
  );
  b.pair('oneliner-trim', f('classic one-liners'), (p) =>
    onText(
      ['s/^[ \\t]*//;s/[ \\t]*$//'],
      lines(p, 3, 8).replace(/^/gm, () => ' \t'.slice(0, p.int(0, 2))),
    ),
  );
  b.pair('oneliner-last-word', f('classic one-liners'), (p) => onText(['-E', 's/.* ([^ ]+)$/\\1/'], lines(p, 3, 8)));
  b.pair('oneliner-head', f('classic one-liners'), (p) => onText([`${p.int(2, 6)}q`], numbered(p, 8, 12)));
  b.pair('oneliner-tail-3', f('classic one-liners'), (p) =>
    onText(['-e', ':a', '-e', '$q;N;4,$D;ba'], numbered(p, 5, 12)),
  );
  b.pair('oneliner-grep-v', f('classic one-liners'), (p) => {
    const t = lines(p, 5, 10);
    return onText([`/${wordIn(p, t)}/!d`], t);
  });
  b.pair('oneliner-paragraph', f('classic one-liners'), (p) => {
    const t = lines(p, 8, 16);
    return onText(['-e', '/./{H;$!d;}', '-e', `x;/${wordIn(p, t)}/!d;`], t);
  });
  b.pair('oneliner-rev-lines-pairs', f('classic one-liners'), (p) => onText(['$!{h;n;G}'], numbered(p, 4, 9)));
  b.pair('oneliner-comma-join', f('classic one-liners'), (p) =>
    onText(['-e', ':a', '-e', '/\\\\$/N; s/\\\\\\n//; ta'], 'one \\\ntwo \\\nthree\n' + lines(p, 1, 3)),
  );
  b.pair('oneliner-html-strip', f('classic one-liners'), (p) =>
    onText(['-e', ':a', '-e', 's/<[^>]*>//g;/</N;//ba'], `<p>${line(p)}</p>\n<a href="x">${line(p)}\n</a> tail\n`),
  );
  b.pair('oneliner-dos2unix-lines', f('classic one-liners'), (p) => onText(['-n', '$!{$!N};P;D'], numbered(p, 3, 7)));
}

// ---------------------------------------------------------------------------------------------------------------
// Visible-only extras: help, version, and more values of features that already have duals
// ---------------------------------------------------------------------------------------------------------------

function addExtras(b: SuiteBuilder): void {
  b.one('help', 'option: --help', { argv: ['--help'] });
  b.one('help-with-script', 'option: --help', { argv: ['-n', '--help', 'p'] });
  b.one('version', 'option: --version', { argv: ['--version'] });
  b.one('version-abbrev', 'option: --version', { argv: ['--vers'] });
  b.one('usage-ambiguous-long', 'error: unknown option (usage, exit 1)', { argv: ['--s', 'p'], stdin: 'x\n' });
  // More values for generated families, visible only (their family already has a hidden dual).
  for (let i = 0; i < 30; i++) {
    b.one(`extra-s-${i}`, 's: generated substitutions', (p) => {
      const t = lines(p, 3, 8);
      const flags = p.pick(['', 'g', '2', 'I', 'gI', '3g', 'p']);
      const rhs = p.pick(['X', '[&]', '\\U&', '<\\1>', '\\n', '\\u&', '&&']);
      const lhs = rhs.includes('\\1')
        ? `\\(${wordIn(p, t).slice(0, 3)}\\)`
        : p.pick([wordIn(p, t), '[aeiou]', '[0-9]\\+', '^.', '.$', ' [a-z]']);
      return onText([p.pick(['', '-n']) === '-n' && flags === 'p' ? '-n' : '-e', `s/${lhs}/${rhs}/${flags}`], t);
    });
  }
  for (let i = 0; i < 25; i++) {
    b.one(`extra-addr-${i}`, 'address: generated addresses', (p) => {
      const t = numbered(p, 6, 14);
      const n = lineCount(t);
      const a = p.int(0, 5);
      const forms = [
        `${p.int(1, n)}`,
        `${p.int(1, n)},${p.int(1, n)}`,
        `${a}~${p.int(1, 4)}`,
        `${p.int(1, n)},+${p.int(0, 3)}`,
        `${p.int(1, n)},~${p.int(1, 4)}`,
        `/ ${p.int(1, n)} /`,
        `/ ${p.int(1, n)} /,/ ${p.int(1, n)} /`,
        `0,/ ${p.int(1, n)} /`,
        '$',
        `${p.int(1, n)},$`,
      ];
      const addr = p.pick(forms);
      const neg = p.int(0, 4) === 0 ? '!' : '';
      const cmd = p.pick(['p', '=', 'l', 's/ /_/gp']);
      return onText(['-n', `${addr}${neg}${cmd}`], t);
    });
  }
  for (let i = 0; i < 20; i++) {
    b.one(`extra-cmd-${i}`, 'command: generated command mixes', (p) => {
      const t = lines(p, 3, 7);
      const cmds = ['h', 'H', 'g', 'G', 'x', 'N', 'P', 'D', 'p', 'n', 'z', '=', 'l', 'y/abc/cba/', 's/a/A/'];
      const n = p.int(2, 5);
      const parts: string[] = [];
      for (let k = 0; k < n; k++) {
        let c = p.pick(cmds);
        if (c === 'N' || c === 'n' || c === 'D') c = `$!${c}`;
        parts.push(c);
      }
      return onText([p.int(0, 1) ? '-n' : '-s', parts.join(';')], t);
    });
  }
  for (let i = 0; i < 15; i++) {
    b.one(`extra-regex-${i}`, 's: generated regular expressions', (p) => {
      const t = lines(p, 3, 6);
      const atoms = ['[a-z]', '[[:digit:]]', '.', 'a', 'e', '[^ ]', '\\w', '\\s', '(x|y)', '[A-Z]'];
      const quants = ['', '*', '+', '?', '{2}', '{1,3}'];
      let re = '';
      for (let k = 0; k < p.int(1, 4); k++) re += p.pick(atoms) + p.pick(quants);
      return onText(['-E', '-n', `s/${re}/<&>/gp`], t);
    });
  }
  for (let i = 0; i < 10; i++) {
    b.one(`extra-y-${i}`, 'command: y transliteration', (p) => {
      const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
      const src: string[] = [];
      while (src.length < p.int(3, 10)) {
        const c = p.pick(letters);
        if (!src.includes(c)) src.push(c);
      }
      const dst = src.map(() => p.pick([...letters, ...'0123456789'.split('')]).toUpperCase());
      return onText([`y/${src.join('')}/${dst.join('')}/`], lines(p, 2, 6));
    });
  }
  for (let i = 0; i < 10; i++) {
    b.one(`extra-l-${i}`, 'command: l (list)', (p) => {
      const bytes: number[] = [];
      for (let k = 0; k < p.int(10, 120); k++) bytes.push(p.int(0, 9) < 6 ? p.int(32, 126) : p.int(0, 255));
      const clean = bytes.map((x) => (x === 10 ? 32 : x));
      return { argv: ['-n', p.pick(['l', 'l 15', 'l 40']), '-l', String(p.int(2, 80))], stdin: bin(clean, '\n') };
    });
  }
  for (let i = 0; i < 10; i++) {
    b.one(`extra-case-${i}`, 's: \\U \\L \\E case conversion', (p) => {
      const ops = ['\\U', '\\L', '\\E', '\\u', '\\l'];
      let rhs = '';
      for (let k = 0; k < p.int(2, 5); k++) rhs += p.pick(ops) + p.pick(['\\1', '\\2', '&', 'x', 'Y', '-']);
      return onText(['-E', `s/([a-zA-Z]+)[^a-zA-Z]+([a-zA-Z]+)/${rhs}/`], lines(p, 2, 5));
    });
  }
  for (let i = 0; i < 8; i++) {
    b.one(`extra-err-${i}`, 'error: generated script errors', (p) => {
      const bad = p.pick([
        's/a/b',
        'y/ab/c/',
        '1,2,3p',
        '/x',
        'k',
        '{p',
        'p}',
        's/\\(/x/',
        'b nolabel',
        '3!',
        'a',
        's/x/y/gg',
        ':',
        '0p',
      ]);
      return onText(['-e', 'p', '-e', bad], lines(p, 1, 2));
    });
  }
  for (let i = 0; i < 6; i++) {
    b.one(`extra-z-${i}`, 'option: -z / --null-data', (p) => {
      const parts: (string | number[])[] = [];
      for (let k = 0; k < p.int(2, 5); k++) parts.push(line(p), p.int(0, 1) ? [0] : '\n');
      return {
        argv: ['-z', p.pick(['$!d', 'N;s/\\x00/<0>/', '1~2s/^/#/', 's/\\n/ /g', '=', 'l'])],
        stdin: bin(...parts),
      };
    });
  }
  for (let i = 0; i < 8; i++) {
    b.one(`extra-files-${i}`, 'files: generated r/w/R/W mixes', (p) => {
      const t = numbered(p, 3, 7);
      const cmd = p.pick([
        `${p.int(1, 3)}r a.txt`,
        `/ ${p.int(1, 3)} /R a.txt`,
        `${p.int(1, 4)},$w w.txt`,
        `N;W w.txt`,
        `1~2r a.txt`,
        `$R a.txt`,
      ]);
      return { argv: ['-e', cmd], stdin: t, files: { 'a.txt': lines(p, 1, 3) } };
    });
  }
  for (let i = 0; i < 8; i++) {
    b.one(`extra-inplace-${i}`, 'option: -i / --in-place', (p) => {
      const sfx = p.pick(['', '.bak', '.old', '~']);
      return {
        argv: [`-i${sfx}`, p.pick(['s/[0-9]/#/g', '1d', '$a end', 'y/ab/ba/', '2q', 'G']), 'one.txt', 'two.txt'],
        files: { 'one.txt': lines(p, 1, 4), 'two.txt': lines(p, 1, 4) },
      };
    });
  }
  for (let i = 0; i < 10; i++) {
    b.one(`extra-debug-${i}`, 'option: --debug', (p) => {
      const t = lines(p, 1, 2);
      const script = p.pick([
        's/a/b/3',
        '/x/I,+2{p;d}',
        '$!N;P;D',
        '1!G;h;$!d',
        'y/abc/xyz/',
        'a foo',
        'i\\\nbar',
        'c baz',
        ':a;s/^.\\{1,8\\}$/&./;ta',
        '2~3l 10',
        'q5',
        '0,/e/s//E/w /dev/stdout',
      ]);
      return onText(['--debug', script], t);
    });
  }
}

export function suite(): TestSuite {
  const b = new SuiteBuilder({ target: 'sed', visibleOnlyEvery: 4 });
  addAddresses(b);
  addSubstitute(b);
  addCommands(b);
  addFiles(b);
  addOptions(b);
  addErrors(b);
  addEdges(b);
  addExtras(b);
  addFollowSymlinks(b);
  return { visible: b.visible, hidden: b.hidden };
}

/**
 * --follow-symlinks on regular files (the contract's file system has no links): sed calls readlink(), which must say
 * EINVAL ("not a link") for sed to go on. Last in the suite so the earlier pairs keep their duals.
 */
function addFollowSymlinks(b: SuiteBuilder): void {
  const feature = 'option: --follow-symlinks';
  b.two(
    'opt-follow-symlinks-in-place',
    feature,
    { argv: ['--follow-symlinks', '-i', 's/a/A/g', 'doc.txt'], files: { 'doc.txt': 'banana\ncarrot\n' } },
    { argv: ['--follow-symlinks', '-i.bak', 's/o/0/', 'notes.txt'], files: { 'notes.txt': 'one\ntwo\nfoo\n' } },
  );
  b.two(
    'opt-follow-symlinks-read',
    feature,
    { argv: ['--follow-symlinks', '-n', '$=', 'a.txt', 'b.txt'], files: { 'a.txt': 'x\ny\n', 'b.txt': 'z\n' } },
    { argv: ['--follow-symlinks', 'F', 'm.txt'], files: { 'm.txt': 'first\nsecond\n' } },
  );
  b.one('opt-follow-symlinks-missing', feature, {
    argv: ['--follow-symlinks', '-i', 's/x/y/', 'absent.txt'],
  });
}
