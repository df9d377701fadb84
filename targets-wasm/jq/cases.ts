/**
 * Test-suite generator for `jq` (jq 1.6 with Oniguruma 6.9.8).
 *
 * Deterministic: every random value comes from a `Prng` seeded with a fixed string, so `suite()` returns the same
 * cases on every call. JSON inputs come from the generator below (nested objects and arrays, Unicode and escapes,
 * numbers written in many ways: large, small, -0, 1e1000), never from upstream's tests. Every case carries a `feature`
 * label; every hidden case is the dual (`dualOf`) of a visible one: the same filter shape on other generated data.
 *
 * Families: paths and filters, operators and alternative `//`, reduce/foreach, path expressions and assignments,
 * builtins (collections, strings, math, regular expressions, formats, streams), control flow (limit/until/label/try),
 * functions, variables and `$ENV`, time (through the case clock), command-line options (--arg and friends, output
 * formats, -s/-n/-R/--seq/--stream/-e), and errors with their exit codes (2 usage or input, 3 compile, 5 runtime).
 *
 * Kept out (see target.json fidelityNotes): whole-environment dumps (`$ENV`, `env`), which natively include
 * libfaketime's variables; `now` printed with its fraction; math functions whose last digit differs between glibc's
 * and musl's libm.
 */
import type { TestSuite } from '../../src/core/test-case.ts';
import { Prng } from '../../src/core/prng.ts';
import { SuiteBuilder, type CaseInput } from '../../src/core/suite-builder.ts';

// ---------------------------------------------------------------------------------------------------------------
// JSON generation (text is built directly, so numbers and strings can be written in any valid form)
// ---------------------------------------------------------------------------------------------------------------

const KEYS = [
  'id',
  'name',
  'value',
  'tags',
  'a',
  'b',
  'c',
  'x',
  'y',
  'items',
  'meta',
  'count',
  'price',
  'active',
  'type',
  'kind',
  'city',
  'score',
  'user',
  'list',
  'data',
  'k1',
  'k2',
  'é',
  'ключ',
  'key with space',
  '',
];
const WORDS = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'apple',
  'banana',
  'cherry',
  'foo',
  'bar',
  'baz',
  'Hello',
  'World',
  'x',
  'jq',
  'red',
  'green',
  'blue',
  'north',
  'south',
  'café',
  'naïve',
  'Ünïcödé',
  '中文',
  'emoji 😀',
  'tab\there',
  'line\nbreak',
  'quote"d',
  'back\\slash',
  'a,b',
  '<tag>&amp;',
  "it's",
  '  spaced  ',
  '',
  '42',
  '-3.5',
  'true',
  'null',
];
const NUMBER_TEXTS = [
  '0',
  '1',
  '-1',
  '42',
  '-17',
  '3.14',
  '-0',
  '0.5',
  '1e3',
  '1E-2',
  '2.5e+10',
  '123456789',
  '-987654321',
  '0.1',
  '1.0',
  '100',
  '1e1000',
  '-1e1000',
  '1e-400',
  '12345678901234567890',
  '0.000001',
  '6.02e23',
  '1.5',
  '99.99',
  '7',
  '255',
  '65536',
  '-0.0',
  '1.7976931348623157e308',
  '5e-324',
  '4.35',
  '1000000',
  '2147483648',
  '-2147483649',
];

const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = i + 1 < bytes.length ? (bytes[i + 1] as number) : 0;
    const c = i + 2 < bytes.length ? (bytes[i + 2] as number) : 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64_ALPHABET[(n >> 18) & 63];
    out += B64_ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64_ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64_ALPHABET[n & 63] : '=';
  }
  return out;
}

function jsonString(s: string, p?: Prng): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += p && p.int(0, 1) ? '\\u0009' : '\\t';
    else if (code < 0x20) out += '\\u' + code.toString(16).padStart(4, '0');
    else if (p && code > 0x7f && p.int(0, 3) === 0) {
      if (code > 0xffff) {
        const v = code - 0x10000;
        out += '\\u' + (0xd800 + (v >> 10)).toString(16) + '\\u' + (0xdc00 + (v & 0x3ff)).toString(16);
      } else out += '\\u' + code.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

interface GenOpts {
  depth?: number;
  /** Only "safe" numbers (integers and simple decimals). */
  plainNumbers?: boolean;
}

function numberText(p: Prng, plain = false): string {
  if (plain) return String(p.int(0, 9) < 7 ? p.int(-50, 500) : p.int(0, 9999) / 100);
  return p.int(0, 2) === 0 ? p.pick(NUMBER_TEXTS) : String(p.int(-1000, 100000));
}

function scalar(p: Prng, o: GenOpts): string {
  const r = p.int(0, 9);
  if (r === 0) return 'null';
  if (r === 1) return p.pick(['true', 'false']);
  if (r <= 5) return numberText(p, o.plainNumbers);
  return jsonString(p.pick(WORDS), p);
}

/** A random JSON value as text, compact. */
function value(p: Prng, o: GenOpts = {}, depth = o.depth ?? 3): string {
  const r = p.int(0, 9);
  if (depth <= 0 || r < 4) return scalar(p, o);
  if (r < 7) {
    const n = p.int(0, 5);
    const items: string[] = [];
    for (let i = 0; i < n; i++) items.push(value(p, o, depth - 1));
    return '[' + items.join(',') + ']';
  }
  const n = p.int(0, 5);
  const keys = new Set<string>();
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = p.pick(KEYS);
    if (keys.has(k)) continue;
    keys.add(k);
    items.push(jsonString(k, p) + ':' + value(p, o, depth - 1));
  }
  return '{' + items.join(',') + '}';
}

/** Re-indent compact JSON text with random but valid whitespace (string contents untouched). */
function reformat(p: Prng, text: string): string {
  const style = p.int(0, 3);
  if (style === 0) return text;
  let out = '';
  let inStr = false;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inStr) {
      out += ch;
      if (ch === '\\') out += text[++i];
      else if (ch === '"') inStr = false;
      continue;
    }
    if (ch === '"') {
      inStr = true;
      out += ch;
    } else if (style === 1 && (ch === ',' || ch === ':')) out += ch + ' ';
    else if (style >= 2 && (ch === '{' || ch === '[')) {
      indent++;
      out += ch + '\n' + '  '.repeat(indent);
    } else if (style >= 2 && (ch === '}' || ch === ']')) {
      indent--;
      out += '\n' + '  '.repeat(indent) + ch;
    } else if (style >= 2 && ch === ',') out += ',\n' + '  '.repeat(indent);
    else if (style >= 2 && ch === ':') out += style === 3 ? ' : ' : ': ';
    else out += ch;
  }
  return out;
}

/** An object with known keys (for path and assignment filters). */
function record(p: Prng, plain = true): string {
  const fields = [
    `"id":${p.int(1, 999)}`,
    `"name":${jsonString(p.pick(WORDS.slice(0, 20)))}`,
    `"price":${numberText(p, plain)}`,
    `"tags":[${Array.from({ length: p.int(0, 4) }, () => jsonString(p.pick(WORDS.slice(0, 12)))).join(',')}]`,
    `"active":${p.pick(['true', 'false', 'null'])}`,
    `"meta":{"city":${jsonString(p.pick(['Paris', 'Oslo', 'Lima', 'Kyiv', 'Pune']))},"score":${p.int(0, 100)}}`,
  ];
  return '{' + fields.join(',') + '}';
}

function records(p: Prng, min = 2, max = 6): string {
  return '[' + Array.from({ length: p.int(min, max) }, () => record(p)).join(',') + ']';
}

function numbersArray(p: Prng, min = 2, max = 10, plain = true): string {
  return '[' + Array.from({ length: p.int(min, max) }, () => numberText(p, plain)).join(',') + ']';
}

function stringsArray(p: Prng, min = 2, max = 8): string {
  return '[' + Array.from({ length: p.int(min, max) }, () => jsonString(p.pick(WORDS))).join(',') + ']';
}

function textLines(p: Prng, min = 2, max = 6): string {
  return (
    Array.from({ length: p.int(min, max) }, () =>
      Array.from({ length: p.int(1, 5) }, () => p.pick(WORDS.slice(0, 20))).join(' '),
    ).join('\n') + '\n'
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Suite assembly
// ---------------------------------------------------------------------------------------------------------------

type Input = CaseInput;

/** `jq ARGS` on JSON text (reformatted at random). */
function on(p: Prng, args: string[], json: string): Input {
  return { argv: args, stdin: reformat(p, json) + '\n' };
}

/** Several JSON texts on stdin, one per line or run together. */
function stream(p: Prng, texts: string[]): string {
  const sep = p.pick(['\n', ' ', '\n\n', '']);
  return texts.map((t) => (sep === '' && /^[0-9-]/.test(t) ? ' ' + t : t)).join(sep) + '\n';
}

// ---------------------------------------------------------------------------------------------------------------
// Filters: paths, operators, collections
// ---------------------------------------------------------------------------------------------------------------

function addBasics(b: SuiteBuilder): void {
  const f = (d: string) => `filter: ${d}`;
  b.pair('identity-pretty', f('. (pretty printing)'), (p) => on(p, ['.'], value(p, {}, 4)));
  b.pair('identity-nested', f('. (pretty printing)'), (p) => on(p, ['.'], value(p, {}, 5)));
  for (let i = 0; i < 4; i++)
    b.pair(`identity-random-${i}`, f('. (pretty printing)'), (p) => on(p, ['.'], value(p, {}, 3)));
  b.pair('identity-numbers', f('number formatting'), (p) =>
    on(p, ['-c', '.'], '[' + Array.from({ length: 12 }, () => p.pick(NUMBER_TEXTS)).join(',') + ']'),
  );
  b.pair('identity-numbers-pretty', f('number formatting'), (p) =>
    on(p, ['.'], '[' + Array.from({ length: 8 }, () => p.pick(NUMBER_TEXTS)).join(',') + ']'),
  );
  b.pair('number-arith-format', f('number formatting'), (p) =>
    on(p, ['-c', 'map(. * 3, . / 7, . + 0.1)'], numbersArray(p, 3, 6, false).replace(/1e1000|-1e1000/g, '2')),
  );
  b.pair('strings-escapes', f('string escapes'), (p) => on(p, ['.'], stringsArray(p, 4, 10)));
  b.pair('strings-control', f('string escapes'), (p) =>
    on(
      p,
      ['-c', '.'],
      `["\\u0000\\u0001\\u001f\\u007f", ${jsonString(p.pick(WORDS), p)}, "\\ud83d\\ude00", "\\/", "\\b\\f\\r"]`,
    ),
  );
  b.pair('field-access', f('.foo, .["foo"]'), (p) => on(p, ['.name, .["price"], .meta.city'], record(p)));
  b.pair('field-missing', f('.foo, .["foo"]'), (p) => on(p, ['.nosuch, .meta.nosuch'], record(p)));
  b.pair('field-optional', f('.foo? and .[]?'), (p) =>
    on(p, ['-c', '[.[] | .name?]'], `[${record(p)}, 1, "s", null, [1]]`),
  );
  b.pair('field-quoted-keys', f('.foo, .["foo"]'), (p) =>
    on(
      p,
      ['-c', '."key with space", .["é"], ."$x"'],
      `{"key with space":${p.int(1, 9)},"é":"${p.pick(WORDS.slice(0, 10))}","$x":true}`,
    ),
  );
  b.pair('index-array', f('.[n] and slices'), (p) => on(p, ['-c', '.[0], .[-1], .[2], .[100]'], numbersArray(p, 3, 8)));
  b.pair('slice-array', f('.[n] and slices'), (p) =>
    on(p, ['-c', `.[${p.int(0, 2)}:${p.int(3, 6)}], .[-2:], .[:1], .[2:1]`], numbersArray(p, 4, 9)),
  );
  b.pair('slice-string', f('.[n] and slices'), (p) =>
    on(p, ['-c', '.[1:3], .[-2:], .[:0]'], jsonString(p.pick(WORDS.slice(0, 25)))),
  );
  b.pair('iterate-array', f('.[] iteration'), (p) =>
    on(p, ['.[]'], value(p, {}, 3).startsWith('[') ? value(p, {}, 3) : stringsArray(p)),
  );
  b.pair('iterate-object', f('.[] iteration'), (p) => on(p, ['-c', '.[]'], record(p)));
  b.pair('recurse-dotdot', f('.. recursive descent'), (p) => on(p, ['-c', '[..]'], value(p, { depth: 3 })));
  b.pair('recurse-numbers', f('.. recursive descent'), (p) => on(p, ['-c', '[.. | numbers]'], records(p, 1, 3)));
  b.pair('comma-pipe', f(', and |'), (p) => on(p, ['-c', '.[] | .id, .name'], records(p, 1, 3)));
  b.pair('parens-precedence', f(', and |'), (p) =>
    on(p, ['-c', '[(.[] | . * 2), 1 + 2 * 3, (1 + 2) * 3]'], numbersArray(p, 2, 4)),
  );
  b.pair('array-construct', f('[] and {} construction'), (p) =>
    on(p, ['-c', '[.[] | {id, n: .name, (.name): .price}]'], records(p, 1, 4)),
  );
  b.pair('object-construct-multi', f('[] and {} construction'), (p) =>
    on(p, ['-c', '{a: (1,2), b: ("x","y")}'], record(p)),
  );
  b.pair('object-construct-var', f('[] and {} construction'), (p) =>
    on(p, ['-c', '.id as $id | {$id, "lit": 1, "\\(.name)": 2, (.name + "!"): 3}'], record(p)),
  );
  b.pair('string-interpolation', f('string interpolation'), (p) =>
    on(p, ['-r', '.[] | "id=\\(.id) name=\\(.name) tags=\\(.tags) m=\\(.meta)"'], records(p, 1, 3)),
  );
  b.pair('optional-error', f('? operator'), (p) =>
    on(p, ['-c', '[.[] | tonumber?]'], `["1", "x", ${p.int(0, 99)}, "2.5", null, "1e2"]`),
  );
  b.pair('alternative', f('alternative //'), (p) =>
    on(
      p,
      ['-c', '.[] | (.a // "default"), (.b // empty // 0)'],
      `[{"a":null,"b":false},{"a":${p.int(0, 9)},"b":1},{},{"a":false}]`,
    ),
  );
  b.pair('alternative-multi', f('alternative //'), (p) =>
    on(p, ['-c', '[(.[] | select(. > 100)) // "none"], [empty // 1], [(false, null, 2) // 3]'], numbersArray(p, 2, 5)),
  );
  b.pair('comparison', f('comparison and logic'), (p) =>
    on(p, ['-c', '[.[] | (. == 1, . != 1, . < 2, . >= 2)]'], numbersArray(p, 2, 4)),
  );
  b.pair('sort-order-types', f('comparison and logic'), (p) =>
    on(p, ['-c', 'sort'], '[' + Array.from({ length: 10 }, () => value(p, {}, 1)).join(',') + ']'),
  );
  b.pair('and-or-not', f('comparison and logic'), (p) =>
    on(p, ['-c', '[.[] | (. and true), (. or false), not]'], `[true, false, null, ${p.int(0, 5)}, "", [], {}]`),
  );
  b.pair('if-then-else', f('if-then-else'), (p) =>
    on(p, ['-c', '[.[] | if . > 10 then "big" elif . > 0 then "small" else "neg" end]'], numbersArray(p, 3, 8)),
  );
  b.pair('if-multiple-conditions', f('if-then-else'), (p) =>
    on(
      p,
      ['-c', '[if (true, false) then 1 else 2 end], [.[] | if . then "t" else "f" end]'],
      `[true, null, ${p.int(0, 3)}]`,
    ),
  );
  b.pair('arith-add', f('arithmetic'), (p) =>
    on(
      p,
      ['-c', '.a + .b, .c + .d, .e + .f, null + .a'],
      `{"a":${p.int(-99, 99)},"b":${p.int(0, 9)},"c":"s${p.int(0, 9)}","d":"t","e":[1,${p.int(2, 9)}],"f":[3]}`,
    ),
  );
  b.pair('arith-object-merge', f('arithmetic'), (p) =>
    on(p, ['-c', '.[0] + .[1], .[0] * .[1]'], `[${record(p)}, {"meta":{"extra":${p.int(1, 9)}},"id":0}]`),
  );
  b.pair('arith-subtract', f('arithmetic'), (p) =>
    on(p, ['-c', '.[0] - .[1], (.[0] | length) - 1'], `[[1,2,3,${p.int(1, 5)},2],[2,${p.int(3, 6)}]]`),
  );
  b.pair('arith-mul-div', f('arithmetic'), (p) =>
    on(p, ['-c', '[.[] | . * 2, . / 4, . % 3]'], numbersArray(p, 2, 5).replace(/-?\d+\.\d+/g, '7')),
  );
  b.pair('arith-string-ops', f('arithmetic'), (p) =>
    on(p, ['-c', '(.s * 0), (.s / ","), (.s * 2)'], `{"s":"a,b,${p.pick(WORDS.slice(0, 10))}"}`),
  );
  b.pair('arith-errors', f('arithmetic errors'), (p) =>
    on(p, ['-c', `.[] as $x | try ($x ${p.pick(['-', '*', '/'])} "s") catch .`], `[${p.int(1, 9)}, {"a":1}, [1]]`),
  );
  b.pair('division-by-zero', f('arithmetic errors'), (p) =>
    on(p, ['-c', '.[] | try (1 / .) catch .'], `[${p.int(1, 5)}, 0]`),
  );
  b.pair('modulo-zero', f('arithmetic errors'), (p) =>
    on(p, ['-c', '.[] | try (5 % .) catch .'], `[${p.int(2, 5)}, 0]`),
  );
  b.pair('length-all-types', f('length, utf8bytelength'), (p) =>
    on(p, ['-c', '[.[] | length]'], `[[1,2],{"a":1},"${p.pick(WORDS)}",-${p.int(1, 9)},null]`),
  );
  b.pair('utf8bytelength', f('length, utf8bytelength'), (p) =>
    on(p, ['-c', '[.[] | utf8bytelength, length]'], stringsArray(p)),
  );
  b.pair('keys-has-in', f('keys, has, in'), (p) =>
    on(p, ['-c', 'keys, keys_unsorted, has("id"), has("zzz"), ("name" | in({"name":1}))'], record(p)),
  );
  b.pair('keys-array', f('keys, has, in'), (p) => on(p, ['-c', 'keys, has(0), has(10)'], numbersArray(p, 1, 5)));
  b.pair('map-select', f('map, select'), (p) =>
    on(p, ['-c', `map(select(.price > ${p.int(0, 200)})) | map(.id)`], records(p, 3, 7)),
  );
  b.pair('map-values', f('map, select'), (p) =>
    on(p, ['-c', 'map_values(. // "none"), map_values(tostring)'], `{"a":null,"b":${p.int(1, 9)},"c":false}`),
  );
  b.pair('to-from-entries', f('to_entries, from_entries, with_entries'), (p) =>
    on(p, ['-c', 'to_entries, (to_entries | from_entries)'], record(p)),
  );
  b.pair('from-entries-variants', f('to_entries, from_entries, with_entries'), (p) =>
    on(
      p,
      ['-c', 'from_entries'],
      `[{"key":"a","value":${p.int(1, 9)}},{"k":"b","v":2},{"name":"c","value":3},{"key":"d"},{"key":1,"value":5},{"k":"e","v":null}]`,
    ),
  );
  b.pair('with-entries', f('to_entries, from_entries, with_entries'), (p) =>
    on(p, ['-c', 'with_entries(.key |= ascii_upcase | .value |= tostring)'], record(p)),
  );
  b.pair('group-by', f('group_by, unique_by, min_by, max_by'), (p) =>
    on(p, ['-c', 'group_by(.meta.city) | map({city: .[0].meta.city, n: length})'], records(p, 3, 8)),
  );
  b.pair('unique-by', f('group_by, unique_by, min_by, max_by'), (p) =>
    on(p, ['-c', 'unique_by(.active) | map(.id), (map(.name) | unique)'], records(p, 3, 8)),
  );
  b.pair('min-max-by', f('group_by, unique_by, min_by, max_by'), (p) =>
    on(p, ['-c', 'min_by(.price), max_by(.meta.score) | .id'], records(p, 2, 6)),
  );
  b.pair('min-max-sort', f('group_by, unique_by, min_by, max_by'), (p) =>
    on(p, ['-c', 'min, max, sort, sort_by(-.)'], numbersArray(p, 0, 7)),
  );
  b.pair('sort-by-multi', f('group_by, unique_by, min_by, max_by'), (p) =>
    on(p, ['-c', 'sort_by(.active, .price) | map(.id)'], records(p, 3, 8)),
  );
  b.pair('add', f('add'), (p) => on(p, ['-c', 'add, (map(tostring) | add), ([] | add)'], numbersArray(p, 1, 6)));
  b.pair('add-objects', f('add'), (p) => on(p, ['-c', 'add'], `[{"a":1},{"b":${p.int(1, 9)}},{"a":"x"}]`));
  b.pair('any-all', f('any, all'), (p) =>
    on(p, ['-c', '(map(. > 2) | any, all), any(. > 50), all(. >= 0), any(.[]; . == 1)'], numbersArray(p, 0, 6)),
  );
  b.pair('flatten', f('flatten'), (p) =>
    on(p, ['-c', 'flatten, flatten(1), flatten(0)'], `[1,[2,[3,[${p.int(4, 9)}]]],[],[[]],"s"]`),
  );
  b.pair('flatten-negative', f('flatten'), (p) => on(p, ['-c', `try flatten(-${p.int(1, 3)}) catch .`], '[[1]]'));
  b.pair('range', f('range'), (p) =>
    on(
      p,
      ['-c', `[range(${p.int(0, 6)})], [range(2; ${p.int(3, 9)})], [range(0; 10; ${p.int(2, 4)})], [range(5; 0; -2)]`],
      'null',
    ),
  );
  b.pair('range-float', f('range'), (p) =>
    on(p, ['-c', `[range(0; 1; ${p.pick(['0.25', '0.3', '0.5', '0.125'])})], [range(${p.int(1, 3)}; 0)]`], 'null'),
  );
  b.pair('floor-sqrt', f('math'), (p) =>
    on(
      p,
      ['-c', '[.[] | floor], [.[] | fabs | sqrt | floor], [.[] | ceil], [.[] | round]'],
      numbersArray(p, 2, 6, true),
    ),
  );
  b.pair('math-pow-log', f('math'), (p) =>
    on(
      p,
      [
        '-c',
        `[pow(2; ${p.int(0, 20)}), pow(${p.int(2, 9)}; 2), (1000 | log10), (${p.int(0, 10)} | exp2), (${2 ** p.int(0, 10)} | log2), (${p.int(0, 3)} | exp2 | log2)]`,
      ],
      'null',
    ),
  );
  b.pair('math-misc', f('math'), (p) =>
    on(
      p,
      [
        '-c',
        `[${p.int(-50, 50)} / 4 | trunc, rint, nearbyint, significand, logb, fabs], (1.5 | frexp), (3.75 | modf), ldexp(3; ${p.int(1, 5)})`,
      ],
      'null',
    ),
  );
  b.pair('math-infinite-nan', f('math'), (p) =>
    on(
      p,
      [
        '-c',
        `[infinite, -infinite, nan, (nan | isnan), (infinite | isinfinite), (${p.int(1, 9)} | isnormal), (0 | isnormal)], [nan] < [0], (nan | tostring)`,
      ],
      'null',
    ),
  );
  for (const [name, fns] of [
    ['trig', ['acos', 'asin', 'atan', 'acosh', 'asinh', 'atanh', 'cosh', 'sinh']],
    ['exp-log', ['exp', 'exp2', 'expm1', 'log', 'log1p', 'log2', 'logb', 'significand']],
    ['gamma', ['gamma', 'lgamma', 'lgamma_r', 'frexp', 'modf', 'y1']],
    ['rounding', ['ceil', 'floor', 'round', 'rint', 'nearbyint', 'trunc', 'fabs', 'sqrt']],
  ] as const) {
    b.pair(`math-${name}`, f('math'), (p) => {
      const xs = Array.from({ length: 6 }, () =>
        p.int(0, 3) === 0 ? p.int(-20, 20) : p.int(1, 9999) / p.pick([10, 100, 1000]),
      );
      return on(p, ['-c', `[.[] | [${fns.map((fn) => `(${fn}? // "err")`).join(', ')}]]`], `[${xs.join(',')}]`);
    });
  }
  b.pair('math-two-args', f('math'), (p) => {
    const pairs = Array.from({ length: 5 }, () => `[${p.int(-20, 50)}, ${p.int(1, 90) / 10}]`);
    return on(
      p,
      [
        '-c',
        '[.[] | [copysign(.[0]; .[1]), drem(.[0]; .[1]), fdim(.[0]; .[1]), fmax(.[0]; .[1]), fmin(.[0]; .[1]), fmod(.[0]; .[1]), ldexp(.[0]; 3), nextafter(.[0]; .[1]), pow(.[1]; 2), remainder(.[0]; .[1]), scalb(.[0]; 2), scalbln(.[0]; 3)]]',
      ],
      `[${pairs.join(',')}]`,
    );
  });
  b.pair('tostring-tonumber', f('tostring, tonumber'), (p) =>
    on(
      p,
      ['-c', '[.[] | tostring], [.[] | tonumber? // "bad"]'],
      `[1, "2", "3.50", ${jsonString(p.pick(WORDS))}, [1], {"a":"b"}, null, true, "1e1000", " 5"]`,
    ),
  );
  b.pair('type-filters', f('type selectors'), (p) =>
    on(
      p,
      [
        '-c',
        '[.[] | type], [.[] | numbers], [.[] | strings], [.[] | iterables], [.[] | scalars], [.[] | booleans, nulls]',
      ],
      '[' + Array.from({ length: 8 }, () => value(p, {}, 1)).join(',') + ']',
    ),
  );
  b.pair('reverse-indices', f('reverse, indices, index, rindex'), (p) =>
    on(p, ['-c', 'reverse, indices(1), indices([1,2]), index(1), rindex(1)'], `[1,2,${p.int(0, 3)},1,2,1]`),
  );
  b.pair('string-indices', f('reverse, indices, index, rindex'), (p) =>
    on(
      p,
      ['-c', 'indices(", "), index(","), rindex(","), (. / "" | reverse | add)'],
      jsonString(`a, b, ${p.pick(WORDS.slice(0, 10))}, c`),
    ),
  );
  b.pair('contains-inside', f('contains, inside'), (p) =>
    on(
      p,
      [
        '-c',
        'contains({tags: []}), contains({meta: {city: "P"}}), (.name | contains("a")), (["a"] | inside(["a","b"])), ({"a":1} | inside({"a":1,"b":2}))',
      ],
      record(p),
    ),
  );
  b.pair('getpath-setpath', f('getpath, setpath, delpaths'), (p) =>
    on(
      p,
      [
        '-c',
        'getpath(["meta","city"]), getpath(["x","y"]), setpath(["meta","score"]; 0), delpaths([["tags"],["meta","city"]])',
      ],
      record(p),
    ),
  );
  b.pair('paths', f('paths, leaf_paths, path()'), (p) =>
    on(p, ['-c', '[paths], [leaf_paths], [paths(type == "number")]'], value(p, { depth: 3 })),
  );
  b.pair('path-expr', f('paths, leaf_paths, path()'), (p) =>
    on(
      p,
      ['-c', 'path(.a[0].b), [path(..)], path(.[]?), [path(.. | select(type == "string"))]'],
      `{"a":[{"b":${p.int(0, 9)}}],"c":"s"}`,
    ),
  );
  b.pair('path-invalid', f('paths, leaf_paths, path()'), (p) =>
    on(p, ['-c', `try path(${p.pick(['1', '.a | tostring', 'first(.a, .b) + 1'])}) catch .`], '{"a":1}'),
  );
  b.pair('del', f('del, to_entries'), (p) =>
    on(p, ['-c', 'del(.tags), del(.meta.city, .id), del(.nosuch)'], record(p)),
  );
  b.pair('del-array', f('del, to_entries'), (p) =>
    on(
      p,
      ['-c', `del(.[${p.int(0, 2)}, ${p.int(3, 5)}]), del(.[] | select(. > 5)), del(.[1:3])`],
      numbersArray(p, 6, 9),
    ),
  );
  b.pair('tojson-fromjson', f('tojson, fromjson'), (p) =>
    on(p, ['-c', 'tojson, (tojson | fromjson), ([.[]?] | tojson)'], value(p, { depth: 2 })),
  );
  b.pair('fromjson-errors', f('tojson, fromjson'), (p) =>
    on(p, ['-c', '.[] | try fromjson catch .'], `["[1,2", "{\\"a\\":${p.int(1, 9)}}", "tru", "1 2", "", "[1,]"]`),
  );
  b.pair('tostream-fromstream', f('tostream, fromstream, truncate_stream'), (p) =>
    on(p, ['-c', '[tostream], fromstream(tostream)'], value(p, { depth: 3 })),
  );
  b.pair('truncate-stream', f('tostream, fromstream, truncate_stream'), (p) =>
    on(
      p,
      ['-c', '[1 | truncate_stream([[0],1],[[1,0],2],[[1,0]],[[1]])], [1 | truncate_stream(tostream)]'],
      `{"a":[1,{"b":${p.int(0, 9)}}]}`,
    ),
  );
  b.pair('walk', f('walk, transpose, combinations'), (p) =>
    on(
      p,
      ['-c', 'walk(if type == "number" then . + 1 elif type == "array" then sort else . end)'],
      value(p, { depth: 3, plainNumbers: true }),
    ),
  );
  b.pair('transpose', f('walk, transpose, combinations'), (p) =>
    on(p, ['-c', 'transpose'], `[[1,2,${p.int(3, 9)}],["a"],[true,false]]`),
  );
  b.pair('combinations', f('walk, transpose, combinations'), (p) =>
    on(p, ['-c', '[combinations], [.[0] | combinations(2)]'], `[[1,${p.int(2, 5)}],["a","b"]]`),
  );
  b.pair('bsearch', f('bsearch, IN, INDEX'), (p) =>
    on(
      p,
      ['-c', `bsearch(${p.int(0, 20)}), bsearch(3), bsearch(1000)`],
      '[' + Array.from({ length: 8 }, (_, i) => i * 3).join(',') + ']',
    ),
  );
  b.pair('index-in', f('bsearch, IN, INDEX'), (p) =>
    on(
      p,
      ['-c', 'INDEX(.id), [.[] | .id | IN(1, 2, 3)], [.[] | select(.name | IN("foo", "bar", "alpha"))] | length'],
      records(p, 2, 5),
    ),
  );
  b.pair('splits-join', f('split, join, splits'), (p) =>
    on(
      p,
      ['-c', 'split(", "), (split(", ") | join("|")), [splits(", *")]'],
      jsonString(`${p.pick(WORDS)}, ${p.pick(WORDS)},${p.pick(WORDS)}, `),
    ),
  );
  b.pair('join-types', f('split, join, splits'), (p) =>
    on(p, ['-c', 'join("-"), join("")'], `["a", ${p.int(1, 9)}, null, true, "b"]`),
  );
  b.pair('trim-start-end', f('ltrimstr, rtrimstr, startswith, endswith'), (p) =>
    on(p, ['-c', '[.[] | ltrimstr("a"), rtrimstr("a"), startswith("b"), endswith("a")]'], stringsArray(p, 3, 6)),
  );
  b.pair('trim-non-string', f('ltrimstr, rtrimstr, startswith, endswith'), (p) =>
    on(p, ['-c', `[.[] | ltrimstr("1")], (try (.[0] | startswith(1)) catch .)`], `[${p.int(10, 19)}, "1x", null]`),
  );
  b.pair('ascii-case', f('ascii_downcase, ascii_upcase, explode, implode'), (p) =>
    on(p, ['-c', '[.[] | ascii_downcase, ascii_upcase]'], stringsArray(p, 3, 6)),
  );
  b.pair('explode-implode', f('ascii_downcase, ascii_upcase, explode, implode'), (p) =>
    on(p, ['-c', '[.[] | explode], [.[] | explode | implode], ([65, 128512, 233] | implode)'], stringsArray(p, 2, 4)),
  );
  b.pair('first-last-nth', f('limit, first, last, nth'), (p) =>
    on(
      p,
      [
        '-c',
        `first, last, nth(${p.int(0, 3)}), [limit(${p.int(0, 4)}; .[])], first(.[] | select(. > 5)), [nth(2; .[])]`,
      ],
      numbersArray(p, 4, 9),
    ),
  );
  b.pair('limit-negative', f('limit, first, last, nth'), (p) =>
    on(p, ['-c', `[limit(${p.pick(['-1', '0', '1'])}; 1, 2)], [first(empty)], try nth(-1; 1) catch .`], 'null'),
  );
  b.pair('until-while-repeat', f('until, while, repeat, recurse'), (p) =>
    on(
      p,
      [
        '-c',
        `[.[] | until(. > 100; . * 2)], [${p.int(1, 3)} | while(. < 50; . * 3)], [limit(5; ${p.int(1, 3)} | repeat(. * 2))]`,
      ],
      '[1,3,7]',
    ),
  );
  b.pair('recurse-forms', f('until, while, repeat, recurse'), (p) =>
    on(
      p,
      [
        '-c',
        `[recurse(if . < ${p.int(3, 6)} then . + 1 else empty end)], [recurse(. * .; . < 100)], [{"a":[1]} | recurse]`,
      ],
      '2',
    ),
  );
  b.pair('recurse-children', f('until, while, repeat, recurse'), (p) =>
    on(
      p,
      ['-c', '[recurse(.children[]) | .name]'],
      `{"name":"root","children":[{"name":"a${p.int(0, 9)}","children":[{"name":"a1","children":[]}]},{"name":"b","children":[]}]}`,
    ),
  );
  b.pair('reduce', f('reduce, foreach'), (p) =>
    on(
      p,
      ['-c', 'reduce .[] as $x (0; . + $x), reduce .[] as $x ([]; [$x] + .), (reduce empty as $x (1; 2))'],
      numbersArray(p, 1, 7),
    ),
  );
  b.pair('reduce-object', f('reduce, foreach'), (p) =>
    on(p, ['-c', 'reduce .[] as $r ({}; .[$r.meta.city] += [$r.id])'], records(p, 2, 6)),
  );
  b.pair('foreach', f('reduce, foreach'), (p) =>
    on(
      p,
      [
        '-c',
        '[foreach .[] as [$a, $b] (0; . + $a)], [foreach .[] as [$a, $b] (0; . + $a; [$b, .])], [foreach .[] as [$a] (null; $a; [$a, .])]',
      ],
      `[[1,2],[3,4],[${p.int(5, 9)},6]]`,
    ),
  );
  b.pair('label-break', f('label, break'), (p) =>
    on(
      p,
      [
        '-c',
        `[label $out | .[] | if . > ${p.int(2, 6)} then ., break $out else . end], [label $f | range(10) | ., (select(. == 3) | break $f)]`,
      ],
      numbersArray(p, 3, 9),
    ),
  );
  b.pair('try-catch', f('error, try, catch'), (p) =>
    on(
      p,
      [
        '-c',
        `try error("custom ${p.int(1, 9)}") catch ., try error({"code": ${p.int(1, 9)}}) catch .code, [.[] | try (if . > 2 then error("big") else . end) catch "caught"], (try error catch .)`,
      ],
      numbersArray(p, 2, 6),
    ),
  );
  b.pair('try-no-catch', f('error, try, catch'), (p) =>
    on(
      p,
      ['-c', `[.[] | try .a], [.[] | .a?], try (1, error("x"), 3) catch .`],
      `[{"a":${p.int(1, 9)}}, 1, "s", {"a":null}]`,
    ),
  );
  b.pair('error-null', f('error, try, catch'), (p) =>
    on(p, ['-c', `try error(null) catch ., (try error("\\(${p.int(1, 9)})") catch .)`], 'null'),
  );
  b.pair('def-functions', f('def functions'), (p) =>
    on(
      p,
      [
        '-c',
        `def inc: . + 1; def add2(f): f | inc | inc; def addv($x; $y): . + $x + $y; [.[] | inc, add2(. * 10), addv(${p.int(1, 9)}; 100)]`,
      ],
      numbersArray(p, 1, 4),
    ),
  );
  b.pair('def-recursive', f('def functions'), (p) =>
    on(
      p,
      [
        '-c',
        'def fac: if . <= 1 then 1 else . * (. - 1 | fac) end; def fib: if . < 2 then . else (. - 1 | fib) + (. - 2 | fib) end; [.[] | fac, fib]',
      ],
      `[${p.int(1, 10)}, ${p.int(5, 15)}]`,
    ),
  );
  b.pair('def-closures', f('def functions'), (p) =>
    on(
      p,
      [
        '-c',
        `def f(g): def h: g * 2; [h, (${p.int(1, 9)} | h)]; f(. + 1), (def x: 1; def y: x + 1; def x: 10; [x, y])`,
      ],
      String(p.int(1, 20)),
    ),
  );
  b.pair('variables', f('variables and destructuring'), (p) =>
    on(
      p,
      ['-c', '.id as $i | .meta as {city: $c, score: $s} | .tags as [$t1, $t2] | [$i, $c, $s, $t1, $t2]'],
      record(p),
    ),
  );
  b.pair('variables-scope', f('variables and destructuring'), (p) =>
    on(
      p,
      ['-c', `. as [$a, $b, {c: $c}] | [$a, $b, $c], ([1, 2] as [$x] | $x), ({"$__loc__": 1} | keys), $__loc__`],
      `[${p.int(1, 99)}, ${jsonString(p.pick(WORDS))}, {"c": [${p.int(0, 9)}]}]`,
    ),
  );
  b.pair('variables-multi-values', f('variables and destructuring'), (p) =>
    on(p, ['-c', '[(.[] as $x | $x * 2)], [("a", "b") as $v | $v + "!"]'], numbersArray(p, 1, 4)),
  );
  b.pair('optional-destructure', f('variables and destructuring'), (p) =>
    on(p, ['-c', '.[] as {a: $x, b: [$y, $z]} | [$x, $y, $z]'], `[{"a":${p.int(1, 9)},"b":[1,2]},{"a":"s"},{"b":[3]}]`),
  );
  b.pair('reduce-paths-setpath', f('getpath, setpath, delpaths'), (p) =>
    on(
      p,
      ['-c', 'reduce paths(type == "number") as $p (.; setpath($p; getpath($p) * 10))'],
      value(p, { depth: 3, plainNumbers: true }),
    ),
  );
  b.pair('splits-regex-flags', f('split, join, splits'), (p) =>
    on(
      p,
      ['-c', `[splits("[,;] *")], split("A"; "gi"), [splits("x"; null)]`],
      jsonString(`a, b;c,${p.pick(WORDS.slice(0, 10))}aAb`),
    ),
  );
  b.pair('env-keys', f('$ENV and env'), (p, w) => ({
    argv: [
      '-c',
      w === 'v'
        ? '[$ENV.HOME, env.PATH, $ENV.TZ, env.LANG, $ENV.LC_ALL, ($ENV | has("HOME"))]'
        : '[env.HOME, $ENV.PATH, env.TZ, ($ENV.NOPE // "unset")]',
    ],
    stdin: 'null',
  }));
  b.pair('env-case-variable', f('$ENV and env'), (p) => ({
    argv: ['-c', '[$ENV.MY_VAR, env.OTHER, ($ENV.MY_VAR | length)]'],
    stdin: 'null',
    env: { MY_VAR: p.pick(WORDS.slice(0, 20)), OTHER: String(p.int(0, 999)) },
  }));
  b.pair('builtins-count', f('builtins, input_line_number, $__loc__'), (_p, w) => ({
    argv: ['-c', w === 'v' ? 'builtins | length' : '[builtins | select(startswith("s"))] | sort'],
    stdin: 'null',
  }));
  b.pair('input-line-number', f('builtins, input_line_number, $__loc__'), (p) => ({
    argv: ['-c', '[., input_line_number]'],
    stdin: stream(
      p,
      Array.from({ length: p.int(2, 5) }, () => value(p, {}, 1)),
    ),
  }));
  b.pair('loc', f('builtins, input_line_number, $__loc__'), (p) => ({
    argv: ['-c', `${'\n'.repeat(p.int(0, 3))}$__loc__, ({a: $__loc__.line})`],
    stdin: 'null',
  }));
  b.pair('getpath-errors', f('getpath, setpath, delpaths'), (p) =>
    on(
      p,
      [
        '-c',
        `try getpath(["a", 0]) catch ., try setpath([0]; 1) catch ., try delpaths([[${p.pick(['"x"', '0'])}]]) catch .`,
      ],
      `{"a":{"b":${p.int(1, 9)}}}`,
    ),
  );
  b.pair('ltrimstr-chain', f('ltrimstr, rtrimstr, startswith, endswith'), (p) =>
    on(
      p,
      ['-r', '.[] | ltrimstr("http://") | rtrimstr("/") | ascii_downcase'],
      `["http://Example.COM/", "https://x.org", "http://${p.pick(WORDS.slice(0, 10))}/"]`,
    ),
  );
  b.pair('isempty-error', f('limit, first, last, nth'), (p) =>
    on(p, ['-c', `isempty(empty), isempty(.[]), (try error("e${p.int(0, 9)}") catch "c")`], numbersArray(p, 0, 2)),
  );
  b.pair('object-keys-order', f('[] and {} construction'), (p) =>
    on(
      p,
      ['-c', '., keys_unsorted, (. + {"zz": 1, "a": 2} | keys_unsorted)'],
      `{"b":${p.int(0, 9)},"a":1,"c":2,"é":3,"A":4}`,
    ),
  );
  b.pair('large-numbers', f('number formatting'), (p) =>
    on(
      p,
      ['-c', '.[] | ., . + 1, -., tostring'],
      `[${p.pick(['1e1000', '-1e1000', '1e308', '123456789012345678901234567890', '9007199254740993', '0.1', '1e-400', '-0', '100000000000000000000'])}]`,
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Assignments
// ---------------------------------------------------------------------------------------------------------------

function addAssignments(b: SuiteBuilder): void {
  const f = (d: string) => `assignment: ${d}`;
  b.pair('assign-plain', f('= plain assignment'), (p) =>
    on(p, ['-c', `.id = ${p.int(1, 99)} | .meta.city = "X" | .new.deep = [1]`], record(p)),
  );
  b.pair('assign-plain-rhs-dot', f('= plain assignment'), (p) =>
    on(p, ['-c', '.a = .b, (.[] = 1)'], `{"a":1,"b":${p.int(2, 9)}}`),
  );
  b.pair('assign-multiple-values', f('= plain assignment'), (p) =>
    on(p, ['-c', '(.a, .b) = range(2)'], `{"a":${p.int(1, 9)}}`),
  );
  b.pair('update-pipe', f('|= update'), (p) =>
    on(p, ['-c', '.price |= . * 2 | .tags |= map(ascii_upcase) | .meta |= del(.score)'], record(p)),
  );
  b.pair('update-all', f('|= update'), (p) =>
    on(p, ['-c', '.[] |= . + 1, (.[1:3] |= reverse)'], numbersArray(p, 3, 7)),
  );
  b.pair('update-empty', f('|= update'), (p) => on(p, ['-c', '(.[] | select(. > 5)) |= empty'], numbersArray(p, 3, 7)));
  b.pair('update-recursive', f('|= update'), (p) =>
    on(
      p,
      ['-c', '(.. | numbers) |= . * 10, (.. | strings) |= ascii_upcase'],
      value(p, { depth: 3, plainNumbers: true }),
    ),
  );
  b.pair('arith-assign', f('+= -= *= /= %= //='), (p) =>
    on(
      p,
      ['-c', `.a += ${p.int(1, 9)} | .b -= 1 | .c *= 3 | .d /= 2 | .e %= 4 | .f //= "dflt" | .g //= "keep"`],
      `{"a":1,"b":${p.int(5, 9)},"c":2,"d":10,"e":${p.int(5, 20)},"f":null,"g":0}`,
    ),
  );
  b.pair('arith-assign-rhs-input', f('+= -= *= /= %= //='), (p) =>
    on(p, ['-c', '.a += .b, (.[] += 1)'], `{"a":${p.int(1, 9)},"b":${p.int(10, 20)}}`),
  );
  b.pair('arith-assign-array', f('+= -= *= /= %= //='), (p) =>
    on(p, ['-c', '.tags += ["new"] | .tags -= ["alpha"] | .meta *= {"x": 1}'], record(p)),
  );
  b.pair('assign-errors', f('assignment errors'), (p) =>
    on(p, ['-c', `try (.a = 1) catch ., try (.[0] |= 1) catch ., try (.a += "s") catch .`], `[${p.int(1, 9)}]`),
  );
  b.pair('setpath-update-paths', f('|= update'), (p) =>
    on(p, ['-c', 'to_entries | map(.value |= tostring) | from_entries'], record(p)),
  );
  b.pair('assign-null-input', f('= plain assignment'), (p) =>
    on(p, ['-c', `.a[2].b = ${p.int(1, 9)}, (.x.y += 1), (.[3] = 0)`], 'null'),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Regular expressions (Oniguruma)
// ---------------------------------------------------------------------------------------------------------------

function addRegex(b: SuiteBuilder): void {
  const f = (d: string) => `regex: ${d}`;
  const sentence = (p: Prng) =>
    jsonString(
      Array.from({ length: p.int(3, 8) }, () => p.pick([...WORDS.slice(0, 22), String(p.int(0, 999))])).join(' '),
    );
  b.pair('test-basic', f('test'), (p) =>
    on(p, ['-c', `[.[] | test("a"), test("^[a-z]+$"), test("\\\\d")]`], stringsArray(p, 3, 6)),
  );
  b.pair('test-flags', f('test'), (p) =>
    on(
      p,
      ['-c', `[.[] | test("HELLO"; "i"), test("a b"; "x"), test("a.b"; "s")]`],
      `["hello", "Hello world", "ab", "a\\nb", ${jsonString(p.pick(WORDS))}]`,
    ),
  );
  b.pair('match-basic', f('match'), (p) => on(p, ['-c', 'match("[a-z]+")'], sentence(p)));
  b.pair('match-global', f('match'), (p) => on(p, ['-c', '[match("[0-9]+"; "g") | .string, .offset]'], sentence(p)));
  b.pair('match-groups', f('match'), (p) => on(p, ['-c', 'match("(?<word>[a-z]+) (?<num>[0-9]+)?")'], sentence(p)));
  b.pair('match-optional-group', f('match'), (p) =>
    on(p, ['-c', '[match("(a)?(b)"; "g")]'], jsonString(`ab b ${p.pick(['cab', 'bb', 'x'])}`)),
  );
  b.pair('match-unicode-offsets', f('match'), (p) =>
    on(
      p,
      ['-c', '[match("é|中|😀"; "g") | [.offset, .length, .string]]'],
      jsonString(`café 中文 ${p.pick(['😀x', 'é', 'naïve'])} é`),
    ),
  );
  b.pair('match-array-form', f('match'), (p) =>
    on(
      p,
      ['-c', '[match(["a+", "g"]) | .string], [match(["B", "ig"]) | .offset]'],
      jsonString(`aab aaab ${p.pick(WORDS)} b`),
    ),
  );
  b.pair('capture', f('capture'), (p) =>
    on(
      p,
      ['-c', 'capture("(?<key>[a-z]+)=(?<val>[0-9]+)"), [capture("(?<k>[a-z])(?<n>\\\\d)"; "g")]'],
      jsonString(`${p.pick(['x', 'abc', 'key'])}=${p.int(0, 999)} a1 b${p.int(2, 9)}`),
    ),
  );
  b.pair('scan', f('scan'), (p) =>
    on(
      p,
      ['-c', '[scan("[a-z]+")], [scan("([a-z])([0-9])")], [scan("[A-Z]")]'],
      jsonString(`a1 b2 ${p.pick(WORDS)} C${p.int(0, 9)} c4 x${p.int(10, 99)}`),
    ),
  );
  b.pair('sub', f('sub, gsub'), (p) =>
    on(p, ['-c', '[.[] | sub("a"; "A"), sub("(?<x>[aeiou])"; "<\\(.x)>")]'], stringsArray(p, 2, 5)),
  );
  b.pair('gsub', f('sub, gsub'), (p) =>
    on(
      p,
      ['-c', '[.[] | gsub("[aeiou]"; "_"), gsub("\\\\s+"; " "), gsub("(?<c>[A-Z])"; "\\(.c | ascii_downcase)")]'],
      stringsArray(p, 2, 5),
    ),
  );
  b.pair('gsub-flags', f('sub, gsub'), (p) =>
    on(
      p,
      ['-c', '[.[] | gsub("A"; "-"; "i"), sub("$"; "!"), gsub("(?<l>[a-z])(?<r>[a-z])"; "\\(.r)\\(.l)")]'],
      stringsArray(p, 2, 3),
    ),
  );
  b.pair('sub-global-flag', f('sub, gsub'), (p) =>
    on(p, ['-c', `sub("o"; "0"; "g"), sub("[ab]"; "-"; "gi")`], jsonString(`foo boo ${p.pick(WORDS.slice(0, 10))}`)),
  );
  b.pair('split-regex', f('split with regex'), (p) =>
    on(p, ['-c', 'split(" *, *"; null), split("[0-9]"; "g")'], jsonString(`a , b,c 1 d2e ${p.int(0, 9)}f`)),
  );
  b.pair('regex-unicode-classes', f('Oniguruma syntax'), (p) =>
    on(
      p,
      ['-c', '[match("\\\\p{L}+"; "g") | .string], [match("\\\\w+"; "g") | .string]'],
      jsonString(`café 中文 naïve ${p.pick(WORDS)} 123`),
    ),
  );
  b.pair('regex-lookaround', f('Oniguruma syntax'), (p) =>
    on(
      p,
      ['-c', '[match("(?<=\\\\$)[0-9]+"; "g") | .string], [match("[a-z]+(?=!)"; "g") | .string]'],
      jsonString(`cost $${p.int(1, 99)} and $5 wow! ok nice!`),
    ),
  );
  b.pair('regex-backref-nongreedy', f('Oniguruma syntax'), (p) =>
    on(
      p,
      ['-c', '[match("(\\\\w)\\\\1"; "g") | .string], [match("<.+?>"; "g") | .string]'],
      jsonString(`aab <b>x</b> ${p.pick(['cc', 'dd', 'ee'])} <i>`),
    ),
  );
  b.pair('regex-flags-nlx', f('Oniguruma syntax'), (p) =>
    on(
      p,
      ['-c', '[match("a*"; "gn") | .offset], [match("a|ab"; "l") | .string], test("A  B"; "xi")'],
      jsonString(`baab ab ${p.pick(['a', 'aa', 'b'])}`),
    ),
  );
  b.pair('regex-invalid', f('regex errors'), (p) =>
    on(p, ['-c', `try test("${p.pick(['(', '[a-', '*x', '(?<n>a'])}") catch .`], '"abc"'),
  );
  b.pair('regex-bad-flags', f('regex errors'), (p) =>
    on(p, ['-c', `try test("a"; "${p.pick(['q', 'z', 'gk'])}") catch .`], '"abc"'),
  );
  b.pair('regex-non-string', f('regex errors'), (p) =>
    on(p, ['-c', `try test(${p.int(1, 9)}) catch ., try (${p.int(1, 9)} | test("1")) catch .`], '"a1"'),
  );
  b.pair('ascii-regex-anchors', f('Oniguruma syntax'), (p) =>
    on(p, ['-c', '[.[] | test("^b"), test("a$"), test("\\\\Aa"), test("a\\\\z")]'], stringsArray(p, 2, 5)),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Formats and encodings
// ---------------------------------------------------------------------------------------------------------------

function addFormats(b: SuiteBuilder): void {
  const f = (d: string) => `format: ${d}`;
  b.pair('format-base64', f('@base64, @base64d'), (p) => on(p, ['-r', '.[] | @base64'], stringsArray(p, 2, 6)));
  b.pair('format-base64d', f('@base64, @base64d'), (p) =>
    on(p, ['-c', '[.[] | @base64 | @base64d]'], stringsArray(p, 2, 6)),
  );
  b.pair('format-base64d-odd', f('@base64, @base64d'), (p) =>
    on(
      p,
      ['-c', '[.[] | try @base64d catch .]'],
      `["YWJj", "YWI=", "YWI", "Y", "!!!!", "${p.pick(['aGVsbG8gd29ybGQ=', 'w6k=', 'AAEC'])}"]`,
    ),
  );
  b.pair('format-uri', f('@uri'), (p) => on(p, ['-r', '.[] | @uri'], stringsArray(p, 2, 6)));
  b.pair('format-csv', f('@csv, @tsv'), (p) =>
    on(p, ['-r', '.[] | [.id, .name, .price, .active] | @csv'], records(p, 1, 4)),
  );
  b.pair('format-tsv', f('@csv, @tsv'), (p) =>
    on(p, ['-r', '.[] | [.name, .id, (.tags | join(","))] | @tsv'], records(p, 1, 4)),
  );
  b.pair('format-csv-escapes', f('@csv, @tsv'), (p) =>
    on(
      p,
      ['-r', '@csv, @tsv'],
      `["a\\"b", "c,d", "tab\\there", "back\\\\slash", ${p.int(0, 9)}, null, true, "line\\nbreak"]`,
    ),
  );
  b.pair('format-csv-invalid', f('@csv, @tsv'), (p) =>
    on(p, ['-r', `try (${p.pick(['[[1]]', '[{}]'])} | @csv) catch ., try ("s" | @tsv) catch .`], 'null'),
  );
  b.pair('format-html', f('@html, @sh, @json, @text'), (p) =>
    on(p, ['-r', '.[] | @html'], `["<a href=\\"x\\">&'</a>", ${jsonString(p.pick(WORDS))}, ${p.int(0, 9)}]`),
  );
  b.pair('format-sh', f('@html, @sh, @json, @text'), (p) =>
    on(p, ['-r', '@sh, (.[] | @sh)'], `["it's", "a b", ${p.int(0, 9)}, ${jsonString(p.pick(WORDS))}]`),
  );
  b.pair('format-sh-invalid', f('@html, @sh, @json, @text'), (p) =>
    on(p, ['-r', `try @sh catch .`], `[{"a":${p.int(0, 9)}}]`),
  );
  b.pair('format-json-text', f('@html, @sh, @json, @text'), (p) =>
    on(p, ['-r', '@json, @text, (.[0] | @json)'], stringsArray(p, 1, 4)),
  );
  b.pair('format-interpolation', f('format strings with interpolation'), (p) =>
    on(
      p,
      [
        '-r',
        '@base64 "b64=\\(.name)", @uri "https://x.test/?q=\\(.name)&id=\\(.id)", @sh "echo \\(.tags)", @html "<p>\\(.name)</p>"',
      ],
      record(p),
    ),
  );
  b.pair('format-base32', f('unknown format (@base32 is not in jq 1.6)'), (p) =>
    on(p, ['-r', '.[] | @base32'], stringsArray(p, 2, 5)),
  );
  b.pair('ascii-output', f('-a / --ascii-output'), (p) => on(p, ['-a', '.'], stringsArray(p, 3, 8)));
  b.pair('ascii-output-raw', f('-a / --ascii-output'), (p) => on(p, ['-a', '-r', '.[]'], stringsArray(p, 3, 6)));
  b.pair('tojson-unicode', f('tojson, fromjson'), (p) => on(p, ['-c', '[.[] | tojson]'], stringsArray(p, 3, 6)));
}

// ---------------------------------------------------------------------------------------------------------------
// Time (clock pinned through the case's `clock`)
// ---------------------------------------------------------------------------------------------------------------

function clockOf(p: Prng): string {
  const year = p.int(1990, 2090);
  const month = p.int(1, 12);
  const day = p.int(1, 28);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}T${pad(p.int(0, 23))}:${pad(p.int(0, 59))}:${pad(p.int(0, 59))}Z`;
}

function addTime(b: SuiteBuilder): void {
  const f = (d: string) => `time: ${d}`;
  b.pair('now-todate', f('now'), (p) => ({ argv: ['-n', 'now | todate'], clock: clockOf(p) }));
  b.pair('now-floor', f('now'), (p) => ({
    argv: ['-n', 'now | floor, (now | type), (now - (now | floor) < 1)'],
    clock: clockOf(p),
  }));
  b.pair('now-gmtime', f('now'), (p) => ({ argv: ['-c', '-n', 'now | gmtime | .[0:5]'], clock: clockOf(p) }));
  b.pair('now-strftime', f('now'), (p) => ({
    argv: ['-r', '-n', `now | strftime("${p.pick(['%Y-%m-%d %H:%M:%S', '%A, %B %d %Y', '%j %U %W', '%s', '%c'])}")`],
    clock: clockOf(p),
  }));
  b.pair('now-localtime', f('now'), (p) => ({
    argv: ['-c', '-n', 'now | localtime | mktime, (now | strflocaltime("%H:%M %Z"))'],
    clock: clockOf(p),
  }));
  b.pair('default-clock', f('now'), (_p, w) => ({
    argv: ['-n', w === 'v' ? 'now | todate' : 'now | gmtime | todate'],
  }));
  b.pair('todate-fromdate', f('todate, fromdate, dates'), (p) =>
    on(
      p,
      ['-c', '[.[] | todate], [.[] | todate | fromdate], (.[0] | todateiso8601 | fromdateiso8601)'],
      `[${p.int(0, 2000000000)}, ${p.int(0, 4000000000)}, 0]`,
    ),
  );
  b.pair('gmtime-mktime', f('gmtime, mktime'), (p) =>
    on(
      p,
      ['-c', '[.[] | gmtime], [.[] | gmtime | mktime]'],
      `[${p.int(0, 2000000000)}, ${p.int(0, 2000000000)}.5, -${p.int(1, 100000)}]`,
    ),
  );
  b.pair('strptime', f('strptime'), (p) =>
    on(
      p,
      ['-c', '[.[] | strptime("%Y-%m-%dT%H:%M:%SZ")], [.[] | strptime("%Y-%m-%dT%H:%M:%SZ") | mktime]'],
      `["2015-03-05T23:51:47Z", "${clockOf(p)}", "1970-01-01T00:00:00Z"]`,
    ),
  );
  b.pair('strptime-formats', f('strptime'), (p) =>
    on(
      p,
      [
        '-c',
        `("${p.int(1, 28)} Mar ${p.int(1971, 2030)}" | strptime("%d %b %Y") | mktime), ("10:20:30" | strptime("%H:%M:%S")), ("${p.int(1990, 2030)}-0${p.int(1, 9)}-1${p.int(0, 9)}" | strptime("%Y-%m-%d") | mktime)`,
      ],
      'null',
    ),
  );
  b.pair('strptime-error', f('strptime'), (p) =>
    on(
      p,
      [
        '-c',
        `try ("${p.pick(['garbage', '2015-13-45', '12'])}" | strptime("%Y-%m-%d")) catch ., try (1 | strptime("%Y")) catch .`,
      ],
      'null',
    ),
  );
  b.pair('strftime-formats', f('strftime'), (p) =>
    on(
      p,
      ['-r', '.[] | strftime("%Y-%m-%dT%H:%M:%SZ %a %b %e %y %I %p %M %j %u %w %G %V %%")'],
      `[${p.int(0, 2000000000)}, ${p.int(0, 4000000000)}]`,
    ),
  );
  b.pair('strftime-zone', f('strftime'), (p) =>
    on(p, ['-r', `.[] | strftime("%Z"), strftime("%z %Z"), strflocaltime("%T %Z")`], `[${p.int(0, 2000000000)}]`),
  );
  b.pair('strftime-array-input', f('strftime'), (p) =>
    on(
      p,
      ['-r', 'strftime("%c"), strftime("%D %R %T"), (try strftime(1) catch .), (try ("x" | strftime("%Y")) catch .)'],
      `[${p.int(1970, 2030)},${p.int(0, 11)},${p.int(1, 28)},${p.int(0, 23)},${p.int(0, 59)},${p.int(0, 59)},0,0]`,
    ),
  );
  b.pair('date-iso', f('todate, fromdate, dates'), (p) =>
    on(
      p,
      ['-c', '[.[] | fromdateiso8601], [.[] | fromdate | todateiso8601], (.[0] | fromdate | todate)'],
      `["2015-03-05T23:51:47Z", "${clockOf(p)}"]`,
    ),
  );
  b.pair('fromdate-error', f('todate, fromdate, dates'), (p) =>
    on(
      p,
      ['-c', `try ("${p.pick(['2015-03-05', 'yesterday', '2015-03-05T23:51:47+01:00'])}" | fromdate) catch .`],
      'null',
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Command-line options
// ---------------------------------------------------------------------------------------------------------------

function addOptions(b: SuiteBuilder): void {
  const f = (d: string) => `option: ${d}`;
  b.pair('opt-compact', f('-c / --compact-output'), (p) => on(p, ['--compact-output', '.'], value(p, {}, 4)));
  b.pair('opt-raw', f('-r / --raw-output'), (p) => on(p, ['-r', '.[]'], stringsArray(p, 3, 7)));
  b.pair('opt-raw-nonstring', f('-r / --raw-output'), (p) => on(p, ['--raw-output', '.'], value(p, {}, 2)));
  b.pair('opt-join', f('-j / --join-output'), (p) => on(p, ['-j', '.[]'], stringsArray(p, 3, 7)));
  b.pair('opt-join-mixed', f('-j / --join-output'), (p) =>
    on(p, ['--join-output', '.[]'], `[1, "a", {"b":${p.int(0, 9)}}, null]`),
  );
  b.pair('opt-sort-keys', f('-S / --sort-keys'), (p) =>
    on(p, ['-S', '.'], value(p, {}, 4).replace(/^[^{[]*$/, '{"b":1,"a":2}')),
  );
  b.pair('opt-sort-keys-compact', f('-S / --sort-keys'), (p) => on(p, ['--sort-keys', '-c', '.'], records(p, 1, 3)));
  b.pair('opt-tab', f('--tab, --indent n'), (p) => on(p, ['--tab', '.'], value(p, {}, 4)));
  b.pair('opt-indent', f('--tab, --indent n'), (p) => on(p, ['--indent', String(p.int(0, 7)), '.'], record(p)));
  b.pair('opt-indent-zero', f('--tab, --indent n'), (p) => on(p, ['--indent', '0', '.'], value(p, {}, 3)));
  b.pair('opt-indent-too-big', f('--tab, --indent n'), (p) => on(p, ['--indent', String(p.int(8, 20)), '.'], '[1]'));
  b.pair('opt-color', f('-C / -M colour'), (p) => on(p, ['-C', '.'], value(p, {}, 3)));
  b.pair('opt-color-compact', f('-C / -M colour'), (p) => on(p, ['-C', '-c', '.'], record(p)));
  b.pair('opt-monochrome', f('-C / -M colour'), (p) => on(p, ['-M', '.'], record(p)));
  b.pair('opt-jq-colors', f('-C / -M colour'), (p) => ({
    ...on(p, ['-C', '-c', '.'], record(p)),
    env: { JQ_COLORS: `0;3${p.int(1, 7)}:0;39:0;39:0;39:0;32:1;39:1;39` },
  }));
  b.pair('opt-slurp', f('-s / --slurp'), (p) => ({
    argv: ['-c', '-s', '.'],
    stdin: stream(
      p,
      Array.from({ length: p.int(1, 5) }, () => value(p, {}, 2)),
    ),
  }));
  b.pair('opt-slurp-empty', f('-s / --slurp'), (_p, w) => ({
    argv: ['-c', '--slurp', w === 'v' ? '.' : 'length'],
    stdin: w === 'v' ? '' : '\n  \n',
  }));
  b.pair('opt-null-input', f('-n / --null-input'), (p) => ({
    argv: ['-n', '-c', `[${p.int(1, 9)}, null, input]`],
    stdin: stream(p, [value(p, {}, 1), value(p, {}, 1)]),
  }));
  b.pair('opt-inputs', f('input, inputs'), (p) => ({
    argv: ['-n', '-c', '[inputs]'],
    stdin: stream(
      p,
      Array.from({ length: p.int(0, 5) }, () => value(p, {}, 2)),
    ),
  }));
  b.pair('opt-inputs-reduce', f('input, inputs'), (p) => ({
    argv: ['-n', 'reduce inputs as $x (0; . + $x)'],
    stdin: stream(
      p,
      Array.from({ length: p.int(1, 8) }, () => String(p.int(-50, 50))),
    ),
  }));
  b.pair('opt-input-first', f('input, inputs'), (p) => ({
    argv: ['-c', '[., input]'],
    stdin: stream(
      p,
      Array.from({ length: 4 }, () => value(p, {}, 1)),
    ),
  }));
  b.pair('opt-input-exhausted', f('input, inputs'), (p) => ({
    argv: ['-c', '[., input]'],
    stdin: stream(
      p,
      Array.from({ length: 3 }, () => value(p, {}, 1)),
    ),
  }));
  b.pair('opt-input-try', f('input, inputs'), (p) => ({
    argv: ['-n', '-c', '[try input catch "none"], [try input catch .]'],
    stdin: p.int(0, 1) ? '' : '1',
  }));
  b.pair('opt-raw-input', f('-R / --raw-input'), (p) => ({ argv: ['-R', '.'], stdin: textLines(p) }));
  b.pair('opt-raw-input-slurp', f('-R / --raw-input'), (p) => ({ argv: ['-R', '-s', '.'], stdin: textLines(p) }));
  b.pair('opt-raw-input-n', f('-R / --raw-input'), (p) => ({
    argv: ['-R', '-n', '-c', '[inputs | split(" ")]'],
    stdin: textLines(p),
  }));
  b.pair('opt-raw-input-no-newline', f('-R / --raw-input'), (p) => ({
    argv: ['--raw-input', '-c', '[., length]'],
    stdin: textLines(p).replace(/\n$/, ''),
  }));
  b.pair('opt-raw-input-csv', f('-R / --raw-input'), (p) => ({
    argv: ['-R', '-c', 'split(",") | map(tonumber? // .)'],
    stdin:
      Array.from({ length: p.int(2, 5) }, () => `${p.int(0, 99)},${p.pick(WORDS.slice(0, 10))},${p.int(0, 9)}.5`).join(
        '\n',
      ) + '\n',
  }));
  b.pair('opt-arg', f('--arg, --argjson'), (p) => ({
    argv: [
      '-n',
      '-c',
      '--arg',
      'name',
      p.pick(WORDS),
      '--arg',
      'n',
      String(p.int(0, 99)),
      '[$name, $n, ($n | tonumber), $ARGS.named]',
    ],
  }));
  b.pair('opt-argjson', f('--arg, --argjson'), (p) => ({
    argv: [
      '-n',
      '-c',
      '--argjson',
      'v',
      value(p, {}, 2),
      '--argjson',
      'k',
      String(p.int(0, 9)),
      '{v: $v, k: $k, named: $ARGS.named}',
    ],
  }));
  b.pair('opt-argjson-invalid', f('--arg, --argjson'), (p) => ({
    argv: ['-n', '--argjson', 'v', p.pick(['{bad', '[1,', 'tru', "'x'", '1 2']), '$v'],
  }));
  b.pair('opt-arg-missing-value', f('--arg, --argjson'), (p) => ({
    argv: ['-n', p.pick(['--arg', '--argjson']), 'x'],
  }));
  b.pair('opt-arg-undefined-var', f('--arg, --argjson'), (p) => ({
    argv: ['-n', `$${p.pick(['foo', 'nope', 'x1'])}`],
  }));
  b.pair('opt-slurpfile', f('--slurpfile, --rawfile'), (p) => ({
    argv: ['-n', '-c', '--slurpfile', 'data', 'data.json', '$data, ($data | length)'],
    files: {
      'data.json': stream(
        p,
        Array.from({ length: p.int(1, 4) }, () => value(p, {}, 2)),
      ),
    },
  }));
  b.pair('opt-rawfile', f('--slurpfile, --rawfile'), (p) => ({
    argv: ['-n', '--rawfile', 'txt', 'notes.txt', '$txt, ($txt | split("\\n") | length)'],
    files: { 'notes.txt': textLines(p) },
  }));
  b.pair('opt-slurpfile-missing', f('--slurpfile, --rawfile'), (p) => ({
    argv: ['-n', p.pick(['--slurpfile', '--rawfile']), 'x', `missing-${p.int(1, 9)}.json`, '$x'],
  }));
  b.pair('opt-slurpfile-bad-json', f('--slurpfile, --rawfile'), (p) => ({
    argv: ['-n', '--slurpfile', 'x', 'bad.json', '$x'],
    files: { 'bad.json': `[1, ${p.int(0, 9)}` },
  }));
  b.pair('opt-args', f('--args, --jsonargs'), (p) => ({
    argv: ['-n', '-c', '$ARGS', '--args', p.pick(WORDS), String(p.int(0, 9)), '{"x":1}'],
  }));
  b.pair('opt-jsonargs', f('--args, --jsonargs'), (p) => ({
    argv: ['-n', '-c', '$ARGS.positional', '--jsonargs', String(p.int(0, 9)), '{"x":1}', '"s"', 'null'],
  }));
  b.pair('opt-args-then-files', f('--args, --jsonargs'), (p) => ({
    argv: ['-c', '[., $ARGS.positional]', 'in.json', '--args', 'a', 'b'],
    files: { 'in.json': value(p, {}, 1) },
  }));
  b.pair('opt-exit-status', f('-e / --exit-status'), (p) =>
    on(p, ['-e', `.[${p.int(0, 3)}]`], '[true, false, null, 1]'),
  );
  b.pair('opt-exit-status-no-output', f('-e / --exit-status'), (p) =>
    on(p, ['-e', `.[] | select(. > ${p.int(100, 200)})`], numbersArray(p, 1, 4)),
  );
  b.pair('opt-exit-status-last', f('-e / --exit-status'), (p) => ({
    argv: ['--exit-status', '.'],
    stdin: stream(p, [String(p.int(1, 9)), p.pick(['false', 'null', '0', '"x"'])]),
  }));
  b.pair('opt-seq', f('--seq'), (p) =>
    on(p, ['--seq', '-c', '.[]'], value(p, {}, 3).startsWith('[') ? value(p, {}, 3) : '[1,{"a":2}]'),
  );
  b.pair('opt-seq-input', f('--seq'), (p) => ({
    argv: ['--seq', '-c', '.'],
    stdin: `\u001e${value(p, {}, 2)}\n\u001e${value(p, {}, 1)}\n`,
  }));
  b.pair('opt-stream', f('--stream'), (p) => on(p, ['--stream', '-c', '.'], value(p, {}, 3)));
  b.pair('opt-stream-fromstream', f('--stream'), (p) => ({
    argv: ['-n', '--stream', '-c', 'fromstream(inputs)'],
    stdin: stream(p, [value(p, {}, 3), value(p, {}, 2)]),
  }));
  b.pair('opt-stream-truncate', f('--stream'), (p) => ({
    argv: ['--stream', '-c', '. as [$p, $v] | select(length == 2) | {($p | map(tostring) | join(".")): $v}'],
    stdin: record(p),
  }));
  b.pair('opt-from-file', f('-f / --from-file'), (p) => ({
    argv: ['-c', '-f', 'prog.jq'],
    stdin: records(p, 1, 4),
    files: {
      'prog.jq': `# a comment\ndef total: map(.price) | add;\n{n: length, total: total, ids: map(.id)}${p.int(0, 1) ? ' # end' : ''}\n`,
    },
  }));
  b.pair('opt-from-file-args', f('-f / --from-file'), (p) => ({
    argv: ['--from-file', 'q.jq', 'a.json', 'b.json'],
    files: { 'q.jq': '.x // "none"', 'a.json': `{"x":${p.int(0, 9)}}`, 'b.json': value(p, {}, 1) },
  }));
  b.pair('opt-files-multiple', f('input files'), (p) => ({
    argv: ['-c', '[., input_filename]', 'one.json', 'two.json'],
    files: { 'one.json': stream(p, [value(p, {}, 1), value(p, {}, 1)]), 'two.json': value(p, {}, 2) },
  }));
  b.pair('opt-files-slurp', f('input files'), (p) => ({
    argv: ['-s', '-c', '.', 'one.json', 'two.json'],
    files: { 'one.json': value(p, {}, 2), 'two.json': value(p, {}, 2) },
  }));
  b.pair('opt-file-missing', f('input files'), (p) => ({
    argv: ['.', 'present.json', `absent-${p.int(1, 9)}.json`],
    files: { 'present.json': value(p, {}, 1) },
  }));
  b.pair('opt-input-filename-stdin', f('input files'), (_p, w) => ({
    argv: ['-c', w === 'v' ? 'input_filename' : '[input_filename, input_line_number]'],
    stdin: '1 2\n',
  }));
  b.pair('opt-unbuffered', f('--unbuffered'), (p) => on(p, ['--unbuffered', '-c', '.[]'], numbersArray(p, 1, 5)));
  b.pair('opt-combined-short', f('combined short options'), (p) =>
    on(p, ['-rc', '.[]'], `[${jsonString(p.pick(WORDS))}, {"a":[1,2]}]`),
  );
  b.pair('opt-combined-short-nr', f('combined short options'), (p) => ({ argv: ['-nrj', `"a", ${p.int(0, 9)}, "b"`] }));
  b.pair('opt-program-after-options', f('combined short options'), (p) =>
    on(p, ['.a', '-c'], `{"a":[${p.int(0, 9)}, 2]}`),
  );
  b.pair('opt-unknown', f('usage errors'), (p) => ({
    argv: [p.pick(['--frobnicate', '-Z', '--colour']), '.'],
    stdin: '1',
  }));
  b.pair('opt-no-program', f('usage errors'), (_p, w) => ({ argv: w === 'v' ? [] : ['-c'], stdin: '{"a":1}' }));
  b.pair('opt-help', f('usage errors'), (_p, w) => ({ argv: [w === 'v' ? '-h' : '--help'] }));
  b.pair('opt-version', f('--version'), (_p, w) => ({ argv: w === 'v' ? ['--version'] : ['--version', '-n', '.'] }));
  b.pair('opt-arg-positional-dollar', f('--arg, --argjson'), (p) => ({
    argv: ['-n', '-r', '--arg', 'x', `${p.pick(WORDS)}`, '$x | @sh'],
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Errors: input parse errors (2), compile errors (3), runtime errors (5)
// ---------------------------------------------------------------------------------------------------------------

function addErrors(b: SuiteBuilder): void {
  const f = (d: string) => `error: ${d}`;
  const badJson = [
    '{"a":1,}',
    '[1,2',
    '{"a" 1}',
    '"unterminated',
    '{"a":1}}',
    "{'a':1}",
    '[1 2]',
    '01',
    '1.2.3',
    '"\\x"',
    '{"a":[}',
    '[,1]',
    '"\\ud800"',
    'tru',
    '{1:2}',
  ];
  for (let i = 0; i < 6; i++) {
    b.pair(`err-input-parse-${i}`, f('invalid JSON input (exit 2)'), (p) => ({
      argv: ['-c', '.'],
      stdin: `${value(p, {}, 1)}\n${p.pick(badJson)}\n${value(p, {}, 1)}\n`,
    }));
  }
  b.pair('err-input-truncated', f('invalid JSON input (exit 2)'), (p) => ({
    argv: ['.'],
    stdin: value(p, {}, 3).replace(/.$/, '') + '\n',
  }));
  b.pair('err-input-parse-slurp', f('invalid JSON input (exit 2)'), (p) => ({
    argv: ['-s', '.'],
    stdin: `[1]\n${p.pick(badJson)}\n`,
  }));
  b.pair('err-input-parse-seq', f('invalid JSON input (exit 2)'), (p) => ({
    argv: ['--seq', '-c', '.'],
    stdin: `\u001e${value(p, {}, 1)}\n\u001e[1,\n\u001e${value(p, {}, 1)}\n`,
  }));
  b.pair('err-input-bad-utf8', f('invalid JSON input (exit 2)'), (p) => ({
    argv: ['-c', '.'],
    stdin: { base64: base64([0x22, 0x61, 0xff, 0xfe, 0x62, 0x22, 0x0a, 0x5b, 0x31 + p.int(0, 8), 0x5d, 0x0a]) },
  }));
  b.pair('err-compile-syntax', f('syntax errors in the program (exit 3)'), (p) => ({
    argv: [p.pick(['.a.[', '.[', '{a:}', '.a |', 'if . then 1', '[1,2', '"unterminated', '.a ||| .b', '1 +'])],
    stdin: '{}',
  }));
  b.pair('err-compile-undefined', f('syntax errors in the program (exit 3)'), (p) => ({
    argv: [`${p.pick(['foo', 'nosuch', 'map'])}(1; 2; 3)`],
    stdin: '{}',
  }));
  b.pair('err-compile-undefined-var', f('syntax errors in the program (exit 3)'), (p) => ({
    argv: ['-n', `[$${p.pick(['x', 'y', 'abc'])}, 1]`],
  }));
  b.pair('err-compile-multiple', f('syntax errors in the program (exit 3)'), (p) => ({
    argv: ['-n', `${p.pick(['foo', 'bar'])} | baz | $q`],
  }));
  b.pair('err-compile-break', f('syntax errors in the program (exit 3)'), (p) => ({
    argv: ['-n', `break $${p.pick(['out', 'x'])}`],
  }));
  b.pair('err-compile-from-file', f('syntax errors in the program (exit 3)'), (p) => ({
    argv: ['-f', 'bad.jq'],
    stdin: '1',
    files: { 'bad.jq': `.a\n| .b\n| ${p.pick(['.[', 'foo', '{'])}\n` },
  }));
  b.pair('err-runtime-index', f('runtime errors (exit 5)'), (p) =>
    on(p, [p.pick(['.a', '.[0]', '.a.b'])], p.pick(['[1]', '{"a":"s"}', '"str"', '5', 'true'])),
  );
  b.pair('err-runtime-iterate', f('runtime errors (exit 5)'), (p) =>
    on(p, ['.[]'], p.pick(['1', '"s"', 'true', 'null'])),
  );
  b.pair('err-runtime-continue', f('runtime errors (exit 5)'), (p) => ({
    argv: ['-c', '.a'],
    stdin: stream(p, ['{"a":1}', '[2]', `{"a":${p.int(0, 9)}}`, '"x"']),
  }));
  b.pair('err-runtime-error-string', f('runtime errors (exit 5)'), (p) =>
    on(p, ['error("boom \\(.)")'], String(p.int(0, 99))),
  );
  b.pair('err-runtime-error-object', f('runtime errors (exit 5)'), (p) =>
    on(p, ['error'], `{"code":${p.int(0, 99)},"msg":"x"}`),
  );
  b.pair('err-runtime-error-null', f('runtime errors (exit 5)'), (p) =>
    on(p, [p.pick(['error(null)', 'error'])], 'null'),
  );
  b.pair('err-runtime-type', f('runtime errors (exit 5)'), (p) =>
    on(
      p,
      [p.pick(['. + 1', 'keys', 'length', '-(.)', 'implode', 'tostring | tonumber', 'ltrimstr(1) | explode'])],
      p.pick(['{"a":1}', '"abc"', 'true', '[[1]]']),
    ),
  );
  b.pair('err-halt-error', f('halt, halt_error'), (p) =>
    on(
      p,
      [p.pick(['halt_error', 'halt_error(1)', '"bye\\n" | halt_error(2)', '{"x":1} | halt_error'])],
      `"message ${p.int(0, 99)}"`,
    ),
  );
  b.pair('err-halt', f('halt, halt_error'), (p) => ({
    argv: ['-c', `., (select(. == ${p.int(1, 3)}) | halt), "after"`],
    stdin: '1 2 3\n',
  }));
  b.pair('err-halt-error-newline', f('halt, halt_error'), (p) =>
    on(p, ['halt_error'], jsonString(`no newline ${p.int(0, 9)}`)),
  );
  b.pair('err-exit-status-error', f('-e / --exit-status'), (p) => on(p, ['-e', p.pick(['.a', 'error("x")'])], '[1]'));
  b.pair('err-limit-stack-deep-json', f('invalid JSON input (exit 2)'), (p) => ({
    argv: ['-c', '.'],
    stdin: '['.repeat(p.int(260, 300)) + ']'.repeat(10),
  }));
  b.pair('err-deep-nesting-ok', f('deep nesting'), (p) => ({
    argv: ['-c', '.'],
    stdin: ((n: number) => '['.repeat(n) + '1' + ']'.repeat(n))(p.int(20, 200)),
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Visible-only extras: more generated values for families that already have duals
// ---------------------------------------------------------------------------------------------------------------

function addExtras(b: SuiteBuilder): void {
  for (let i = 0; i < 30; i++) {
    b.one(`extra-pretty-${i}`, 'filter: . (pretty printing)', (p) =>
      on(
        p,
        [p.pick(['.', '-c', '-S', '--tab', '--indent'])].flatMap((o) =>
          o === '.' ? ['.'] : o === '--indent' ? [o, String(p.int(0, 7)), '.'] : [o, '.'],
        ),
        value(p, {}, 4),
      ),
    );
  }
  const filters = [
    'keys',
    'length',
    '[.[]?]',
    '[paths]',
    'tostream',
    '[.. | scalars]',
    'to_entries?',
    'type',
    '[leaf_paths]',
    'tojson',
    '[.[]? | type]',
    'flatten?',
    'add?',
    'sort?',
    'unique?',
    'reverse?',
    'min?',
    'max?',
    'any?',
    'all?',
    '[.. | strings | ascii_downcase]',
    '[.. | numbers | floor]',
    'walk(if type == "object" then del(.a) else . end)',
    'del(..|nulls)?',
    '[splits("a")?]',
    'map_values(type)?',
    '(.. | numbers) |= . + 1',
    '[getpath(["a"], [0])?]',
    'tostring',
    '[.[]? | tostring]',
    'with_entries(.value |= type)?',
    'path(..)',
    '[.. | select(type == "boolean")]',
  ];
  for (let i = 0; i < 60; i++) {
    b.one(`extra-filter-${i}`, 'filter: generated filters on generated JSON', (p) =>
      on(p, ['-c', '--arg', 'case', String(i), p.pick(filters)], value(p, {}, 3)),
    );
  }
  for (let i = 0; i < 15; i++) {
    b.one(`extra-records-${i}`, 'filter: generated queries on records', (p) => {
      const q = p.pick([
        'map(.price) | add',
        'group_by(.active) | map(length)',
        'map(select(.tags | length > 1)) | map(.name)',
        'sort_by(.meta.score) | reverse | .[0].id',
        'map({(.name): .id}) | add',
        '[.[] | .meta.city] | unique',
        'map(.tags) | flatten | group_by(.) | map({k: .[0], n: length})',
        '.[] | select(.active) | "\\(.id): \\(.name)"',
        'INDEX(.name) | keys',
        'map(.price |= floor) | min_by(.price)',
      ]);
      return on(p, ['-c', q], records(p, 2, 7));
    });
  }
  for (let i = 0; i < 15; i++) {
    b.one(`extra-regex-${i}`, 'regex: generated regular expressions', (p) => {
      const re = p.pick([
        '[a-z]+',
        '\\\\d+',
        '(?<w>\\\\w+)',
        'a|e|o',
        '^\\\\S+',
        '\\\\s',
        '[A-Z][a-z]*',
        '(.)\\\\1',
        '\\\\b\\\\w',
        'é|ï|中',
      ]);
      const fn = p.pick([
        `[match("${re}"; "g") | .string]`,
        `gsub("${re}"; "#")`,
        `[scan("${re}")]`,
        `test("${re}")`,
        `sub("${re}"; "<X>")`,
        `[splits("${re}")]`,
      ]);
      return on(p, ['-c', `[.[] | ${fn}]`], stringsArray(p, 2, 5));
    });
  }
  for (let i = 0; i < 10; i++) {
    b.one(`extra-format-${i}`, 'format: generated formats', (p) =>
      on(
        p,
        ['-r', `.[] | ${p.pick(['@base64', '@uri', '@html', '@sh', '@json', '@text', '@csv?', '@base64 | @base64d'])}`],
        stringsArray(p, 2, 5),
      ),
    );
  }
  for (let i = 0; i < 12; i++) {
    b.one(`extra-time-${i}`, 'time: generated dates', (p) =>
      on(
        p,
        [
          '-r',
          `.[] | ${p.pick(['todate', 'gmtime | mktime', 'strftime("%Y %j %H:%M:%S %a")', 'gmtime | todate', 'todate | fromdate', 'strftime("%U %W %V %G %u %w")'])}`,
        ],
        `[${p.int(0, 4102444800)}, ${p.int(0, 2000000000)}]`,
      ),
    );
  }
  for (let i = 0; i < 10; i++) {
    b.one(`extra-now-${i}`, 'time: now', (p) => ({
      argv: [
        '-n',
        '-r',
        p.pick([
          'now | todate',
          'now | strftime("%c")',
          'now | floor | tostring',
          'now | gmtime | mktime',
          'now | localtime | strftime("%F %T")',
        ]),
      ],
      clock: clockOf(p),
    }));
  }
  for (let i = 0; i < 10; i++) {
    b.one(`extra-assign-${i}`, 'assignment: generated assignments', (p) =>
      on(
        p,
        [
          '-c',
          p.pick([
            '.id += 1',
            '.tags |= sort',
            '.meta.score *= 2',
            '.name |= ascii_upcase',
            '.price //= 0',
            '.active = (.active | not)',
            '.tags[0] = "first"',
            '.meta |= with_entries(.value |= tostring)',
            'del(.meta) | .x = 1',
            '.tags -= ["foo"]',
          ]),
        ],
        record(p),
      ),
    );
  }
  for (let i = 0; i < 10; i++) {
    b.one(`extra-error-${i}`, 'error: generated errors', (p) =>
      on(
        p,
        [
          p.pick([
            '.a.b.c',
            '.[] | .x',
            'keys',
            '.[0] + 1',
            'tonumber',
            'error',
            'explode',
            '.[] as [$a] | $a',
            'join(",")',
            'ascii_downcase',
          ]),
        ],
        value(p, {}, 2),
      ),
    );
  }
  for (let i = 0; i < 10; i++) {
    b.one(`extra-numbers-${i}`, 'filter: number formatting', (p) =>
      on(
        p,
        ['-c', p.pick(['.', 'map(. + 0)', 'map(tostring)', 'map(. * 10)', 'map(-.)', 'map(tojson)', 'add', 'sort'])],
        '[' + Array.from({ length: 6 }, () => p.pick(NUMBER_TEXTS)).join(',') + ']',
      ),
    );
  }
  for (let i = 0; i < 8; i++) {
    b.one(`extra-stream-${i}`, 'option: --stream', (p) =>
      on(p, ['-c', '--stream', p.pick(['.', 'select(length == 2) | .[1]', '.[0] | length'])], value(p, {}, 3)),
    );
  }
  for (let i = 0; i < 8; i++) {
    b.one(`extra-slurp-${i}`, 'option: -s / --slurp', (p) => ({
      argv: ['-c', '-s', p.pick(['length', 'add?', 'map(type)', '.[-1]', 'sort?'])],
      stdin: stream(
        p,
        Array.from({ length: p.int(1, 6) }, () => value(p, {}, 1)),
      ),
    }));
  }
}

export function suite(): TestSuite {
  const b = new SuiteBuilder({ target: 'jq', visibleOnlyEvery: 4, firstRetry: 2 });
  addBasics(b);
  addAssignments(b);
  addRegex(b);
  addFormats(b);
  addTime(b);
  addOptions(b);
  addErrors(b);
  addExtras(b);
  return { visible: b.visible, hidden: b.hidden };
}
