/**
 * Test-suite generator for `mcpp` (mcpp 2.7.2, Debian's compiler-independent build).
 *
 * Deterministic: every random value comes from a `Prng` seeded by the case id (SuiteBuilder), so `suite()` returns
 * the same cases on every call. Every second seeded recipe also gets a hidden dual (same feature, other values).
 *
 * Behaviour notes that shaped the cases (checked against the native program):
 * - mcpp names an input file by its absolute path (in `#line` lines, diagnostics, __FILE__ and dependency lines):
 *   natively the working directory is a temporary directory, on WASI it is `/`. So programs come on stdin
 *   (`<stdin>`); files are included only under -P (no `#line`), and never hold a diagnostic or __FILE__.
 * - After errors mcpp exits with errno (ENOENT when an include was missing), else 0.
 * - __DATE__ and __TIME__ come from the clock the case pins.
 * - Every case's file system holds the (empty) system include directories; see SYS_DIRS.
 * - Kept out (target.json fidelityNotes): system headers, -M dependency lines and -z (absolute paths), -Q, an
 *   unknown -e encoding, and multiplication overflow at the 64-bit limit in #if.
 */
import type { TestSuite } from '../../src/core/test-case.ts';
import type { Prng } from '../../src/core/prng.ts';
import { SuiteBuilder, type CaseInput } from '../../src/core/suite-builder.ts';

/**
 * mcpp looks up its system include directories, /usr/local/include and /usr/include, at start-up; natively they
 * exist, and the errno their lookup leaves (EINVAL, from readlink of a directory) is what mcpp exits with after
 * errors. Every case's file system holds them too (empty: system headers are kept out), so the oracle finds them as
 * Debian's mcpp does (and -v lists them).
 */
const SYS_DIRS: Record<string, string> = { 'usr/include/.keep': '', 'usr/local/include/.keep': '' };
function withSysDirs(input: CaseInput): CaseInput {
  return { ...input, files: { ...SYS_DIRS, ...input.files } };
}
class SysDirsBuilder extends SuiteBuilder {
  override vis(id: string, feature: string, input: CaseInput): string {
    return super.vis(id, feature, withSysDirs(input));
  }
  override hid(dualOf: string, input: CaseInput, suffix?: string): string {
    return super.hid(dualOf, withSysDirs(input), suffix);
  }
  override has(input: CaseInput): boolean {
    return super.has(withSysDirs(input));
  }
}

function ident(p: Prng, min = 1, max = 6): string {
  const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_';
  const rest = first + '0123456789';
  let s = first[p.int(0, first.length - 1)] as string;
  for (let i = p.int(min, max) - 1; i > 0; i--) s += rest[p.int(0, rest.length - 1)];
  return s;
}

function lines(...ls: string[]): string {
  return ls.map((l) => l + '\n').join('');
}

function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** A random #if expression: integer literals of every form, character constants, unary and binary operators. */
function cond(p: Prng, depth: number, names: readonly string[] = []): string {
  if (depth <= 0 || p.int(0, 3) === 0) {
    const form = p.int(0, 11);
    if (form === 0) return `0x${p.int(0, 0xffff).toString(16)}`;
    if (form === 1) return `0${p.int(0, 511).toString(8)}`;
    if (form === 2) return `${p.int(0, 99999)}${p.pick(['', 'L', 'U', 'UL', 'LL', 'u', 'l'])}`;
    if (form === 3) return `'${p.pick(['a', 'Z', '0', ' ', '\\n', '\\t', '\\0', '\\x41', '\\101', '\\\\', "\\'"])}'`;
    if (form === 4 && names.length > 0) return `defined(${p.pick(names)})`;
    if (form === 5 && names.length > 0) return `defined ${p.pick(names)}`;
    if (form === 6 && names.length > 0) return p.pick(names);
    if (form === 7) return ident(p);
    return String(p.int(0, 1000));
  }
  const a = cond(p, depth - 1, names);
  const b = cond(p, depth - 1, names);
  const k = p.int(0, 9);
  if (k === 0) return `!${a}`;
  if (k === 1) return `~(${a})`;
  if (k === 2) return `-(${a})`;
  if (k === 3) return `(${a} ? ${b} : ${cond(p, depth - 1, names)})`;
  const op = p.pick(['+', '-', '*', '/', '%', '<<', '>>', '<', '>', '<=', '>=', '==', '!=', '&', '^', '|', '&&', '||']);
  if (op === '/' || op === '%') return `(${a} ${op} ${p.int(1, 99)})`;
  if (op === '<<' || op === '>>') return `(${a} ${op} ${p.int(0, 20)})`;
  return `(${a} ${op} ${b})`;
}

function addMacros(b: SuiteBuilder): void {
  for (let i = 1; i <= 30; i++) {
    b.pair(`object-macros-${String(i).padStart(2, '0')}`, 'macros: object-like macros and rescanning', (p) => {
      const names = Array.from({ length: 4 }, () => ident(p, 2, 6));
      const defs = names.map(
        (n, k) => `#define ${n} ${k > 0 && p.int(0, 1) ? names[k - 1] + ' + ' : ''}${p.int(0, 99)}`,
      );
      const uses = Array.from({ length: 4 }, () =>
        names.map((n) => (p.int(0, 2) ? n : ident(p))).join(p.pick([' ', ', ', '; ', '*'])),
      );
      return { argv: [], stdin: lines(...defs, ...uses, `#undef ${names[1]}`, names.join(' ')) };
    });
  }
  for (let i = 1; i <= 30; i++) {
    b.pair(`function-macros-${String(i).padStart(2, '0')}`, 'macros: function-like macros, # and ##', (p) => {
      const f = ident(p, 2, 5);
      const body = p.pick([
        '(a) + (b)',
        '#a',
        'a ## b',
        '#a #b',
        'a ## _ ## b',
        'f(a, b)',
        '[a|b]',
        'a b a',
        '#b a ## 1',
      ]);
      const uses = Array.from({ length: 4 }, () => {
        const x = p.pick([
          ident(p),
          String(p.int(0, 999)),
          `"${ident(p)}"`,
          '',
          ' spaced  out ',
          `(${ident(p)}, ${ident(p)})`,
          "'c'",
        ]);
        const y = p.pick([ident(p), String(p.int(0, 99)), '', '+', `${ident(p)}()`]);
        return `${f}(${x}, ${y})`;
      });
      return {
        argv: [],
        stdin: lines(`#define ${f}(a, b) ${body}`, ...uses, `${f}`, `${f} (1, 2)`, `${f}(1)`, `${f}(1, 2, 3)`),
      };
    });
  }
  for (let i = 1; i <= 12; i++) {
    b.pair(`variadic-${i}`, 'macros: variadic macros and __VA_ARGS__', (p) => {
      const n = ident(p, 2, 5);
      return {
        argv: p.int(0, 1) ? ['-V199901L'] : [],
        stdin: lines(
          `#define ${n}(fmt, ...) printf(fmt, __VA_ARGS__)`,
          `#define ${n}2(...) [__VA_ARGS__] #__VA_ARGS__`,
          `${n}("%d", ${p.int(0, 9)})`,
          `${n}("%d %s", ${p.int(0, 9)}, "${ident(p)}")`,
          `${n}2()`,
          `${n}2(${ident(p)}, ${ident(p)}, ${p.int(0, 99)})`,
          `${n}("x")`,
        ),
      };
    });
  }
  b.two(
    'self-reference',
    'macros: self-referential macros are not re-expanded',
    {
      argv: [],
      stdin: lines('#define foo foo + 1', '#define bar (4 + bar)', 'foo bar', '#define x y', '#define y x', 'x y'),
    },
    { argv: [], stdin: lines('#define f(a) a f(a)', 'f(1) f(f(2))', '#define EMPTY', 'EMPTY f EMPTY (3)') },
  );
  b.two(
    'stringify-escapes',
    'macros: # stringizes with escapes',
    { argv: [], stdin: lines('#define S(x) #x', 'S("a\\n") S(\'"\') S(a   b) S( ) S(\\)', 'S(/* c */ x /* d */)') },
    { argv: [], stdin: lines('#define S(x) #x', "S(\"\\\\\") S('\\'') S(  lead) S(trail  ) S(a,b)") },
  );
  b.two(
    'paste-errors',
    'macros: ## that does not make a token',
    { argv: [], stdin: lines('#define P(a, b) a ## b', 'P(+, -) P(x, 1) P(1, x) P(., .) P(", ")') },
    { argv: [], stdin: lines('#define P(a, b) a ## b', 'P(/, /) P(<, <=) P(-, >) P(#, #)') },
  );
  b.two(
    'redefinition',
    'macros: compatible and incompatible redefinitions',
    { argv: [], stdin: lines('#define A 1', '#define A 1', '#define A  1 ', '#define A 2', 'A') },
    { argv: [], stdin: lines('#define F(x) x', '#define F(y) y', '#define F(x) (x)', 'F(3)') },
  );
  b.two(
    'predefined-undef',
    'macros: #undef and #define of predefined macros',
    {
      argv: [],
      stdin: lines('#undef __FILE__', '#define __LINE__ 5', '#undef __STDC__', '#define defined 1', '__LINE__'),
    },
    { argv: [], stdin: lines('#undef __DATE__', '#define __STDC_VERSION__ 1', '#undef __x86_64__', '__x86_64__') },
  );
  b.two(
    'macro-arg-newlines',
    'macros: arguments spanning lines',
    { argv: [], stdin: lines('#define F(a, b) <a|b>', 'F(one,', 'two) after', 'F(', ')') },
    { argv: [], stdin: lines('#define G(x) [x]', 'G(', '#define NOT_A_DIRECTIVE', ')') },
  );
}

function addConditionals(b: SuiteBuilder): void {
  for (let i = 1; i <= 50; i++) {
    b.pair(`if-expr-${String(i).padStart(2, '0')}`, 'conditionals: #if arithmetic', (p) => {
      const names = Array.from({ length: 3 }, () => ident(p, 2, 5));
      const out = names.slice(0, 2).map((n) => `#define ${n} ${p.int(0, 50)}`);
      for (let k = 0; k < 5; k++) {
        out.push(
          `#if ${cond(p, p.int(1, 4), names)}`,
          `yes_${k}`,
          p.pick(['#else', `#elif ${cond(p, 2, names)}`]),
          `no_${k}`,
          '#endif',
        );
      }
      return { argv: [], stdin: lines(...out) };
    });
  }
  for (let i = 1; i <= 10; i++) {
    b.pair(`ifdef-${i}`, 'conditionals: #ifdef, #ifndef, nesting', (p) => {
      const n = ident(p, 2, 5);
      const m = ident(p, 2, 5);
      return {
        argv: p.int(0, 1) ? [`-D${n}`] : [`-U${n}`],
        stdin: lines(
          `#ifdef ${n}`,
          `  #ifndef ${m}`,
          `    #define ${m} ${p.int(0, 9)}`,
          '    both',
          '  #else',
          '    never',
          '  #endif',
          '#elif 1',
          `  not_${n}`,
          '#endif',
          `${m}`,
        ),
      };
    });
  }
  b.two(
    'if-errors',
    'conditionals: malformed #if lines',
    { argv: [], stdin: lines('#if', '#endif', '#if 1 +', '#endif', '#if (1', '#endif', '#if 1/0', '#endif', 'after') },
    {
      argv: [],
      stdin: lines('#if 1 2', '#endif', '#if "str"', '#endif', '#if 1.5', '#endif', '#if 5%0', '#endif', 'after'),
    },
  );
  b.two(
    'unbalanced',
    'conditionals: unbalanced #else, #endif, unterminated #if',
    { argv: [], stdin: lines('#endif', '#else', '#elif 1', 'text', '#if 1', 'open') },
    { argv: [], stdin: lines('#if 1', '#else', '#else', '#endif', '#ifdef', '#endif', '#ifndef 3', '#endif') },
  );
  b.two(
    'if-overflow',
    'conditionals: integer overflow in #if',
    {
      argv: [],
      stdin: lines('#if 9223372036854775807 + 1', 'a', '#endif', '#if -9223372036854775807 - 2 < 0', 'b', '#endif'),
    },
    {
      argv: [],
      stdin: lines(
        '#if 0xffffffffffffffff == -1',
        'c',
        '#endif',
        '#if 18446744073709551615U > 0',
        'd',
        '#endif',
        '#if 99999999999999999999',
        '#endif',
      ),
    },
  );
  b.two(
    'skipped-garbage',
    'conditionals: skipped groups may hold anything but directives are still checked',
    {
      argv: [],
      stdin: lines('#if 0', 'it\'s unbalanced " text', '#bogus directive', '#if 1', '#endif', '#endif', 'shown'),
    },
    { argv: [], stdin: lines('#ifdef NOPE', '#error not reached', '#include <nothing>', '#endif', 'shown') },
  );
}

function addDirectives(b: SuiteBuilder): void {
  b.pair('line-directive', 'directives: #line', (p) => ({
    argv: [],
    stdin: lines(
      '__LINE__',
      `#line ${p.int(1, 5000)}`,
      '__LINE__ __FILE__',
      `#line ${p.int(1, 99)} "${ident(p)}.c"`,
      '__LINE__ __FILE__',
      '#line 0',
      '#line x',
      '#line 2147483648',
      '__LINE__',
    ),
  }));
  b.pair('error-directive', 'directives: #error and #warning-like lines', (p) => ({
    argv: [],
    stdin: lines(
      'before',
      `#error ${ident(p)} ${p.int(0, 99)} "quoted"`,
      'after',
      '#error',
      `#warning ${ident(p)}`,
      'end',
    ),
  }));
  b.two(
    'pragma',
    'directives: #pragma and _Pragma pass through',
    {
      argv: [],
      stdin: lines(
        '#pragma once',
        '#pragma STDC FP_CONTRACT ON',
        '#pragma unknown stuff',
        '_Pragma("omp parallel") x',
        '#pragma',
      ),
    },
    {
      argv: ['-V199901L'],
      stdin: lines(
        '_Pragma("message(\\"hi\\")")',
        '#pragma STDC CX_LIMITED_RANGE OFF',
        '#pragma GCC system_header',
        'y',
      ),
    },
  );
  b.two(
    'pragma-mcpp',
    'directives: #pragma MCPP put_defines, debug and others',
    { argv: [], stdin: lines('#define ONE 1', '#define F(x) (x+ONE)', '#pragma MCPP put_defines') },
    {
      argv: [],
      stdin: lines(
        '#define TWO 2',
        '#pragma MCPP push_macro("TWO")',
        '#undef TWO',
        'TWO',
        '#pragma MCPP pop_macro("TWO")',
        'TWO',
        '#pragma MCPP put_defines',
      ),
    },
  );
  b.two(
    'pragma-debug',
    'directives: #pragma MCPP debug traces',
    {
      argv: [],
      stdin: lines('#define F(a) [a]', '#pragma MCPP debug expand', 'F(F(1))', '#pragma MCPP end_debug expand', 'F(2)'),
    },
    { argv: [], stdin: lines('#pragma MCPP debug token', '#define G 3', 'G + 1', '#pragma MCPP end_debug') },
  );
  b.two(
    'unknown-directive',
    'directives: unknown and null directives',
    { argv: [], stdin: lines('#', '# ', '#foo bar', '#ident "x"', '#sccs "y"', '#assert x(y)', 'after') },
    { argv: [], stdin: lines('#123', '#  define  SPACED  1', 'SPACED', '#unassert z', '#include_next <x>', 'end') },
  );
  b.two(
    'include-missing',
    'directives: #include of a missing file',
    { argv: [], stdin: lines('a', '#include "nosuch.h"', 'b') },
    {
      argv: [],
      stdin: lines('#include <nosuch/header.h>', '#include', '#include nofile', '#include "unterminated', 'c'),
    },
  );
  for (let i = 1; i <= 6; i++) {
    b.pair(`include-files-${i}`, 'directives: #include of files under -P, include guards', (p) => {
      const guard = ident(p, 4, 8).toUpperCase();
      const v = p.int(0, 999);
      return {
        argv: ['-P', ...(p.int(0, 1) ? ['-I', 'inc'] : ['-Iinc'])],
        files: {
          'local.h': lines(
            `#ifndef ${guard}`,
            `#define ${guard}`,
            `#define LOCAL ${v}`,
            `local_text ${ident(p)}`,
            '#endif',
          ),
          'inc/sys.h': lines(`#define SYS ${p.int(0, 99)}`, `sys_text`),
          'inc/nested/deep.h': lines('#include "../sys.h"', 'deep_text'),
        },
        stdin: lines(
          '#include "local.h"',
          '#include "local.h"',
          '#include <sys.h>',
          '#include "nested/deep.h"',
          'LOCAL SYS',
          '#define HDR "local.h"',
          '#include HDR',
        ),
      };
    });
  }
}

function addModes(b: SuiteBuilder): void {
  const prog = (p: Prng): string =>
    lines(
      '/* comment */ #define STR(x) #x',
      '#define CAT(a, b) a ## b',
      '#define F(x) x F',
      `STR(${ident(p)}) CAT(${ident(p)}, ${p.int(0, 9)}) F(${p.int(0, 9)})(2)`,
      '#if 1 /* comment in directive */',
      `"string with // slashes" // line comment ${ident(p)}`,
      '#endif',
      `a/**/b ${ident(p)}`,
      '??= ??( ??) <: :> <% %> %:',
      "'x' 'ab' \"unterminated",
    );
  const modes = ['-@std', '-@poststd', '-@post', '-@kr', '-@oldprep', '-@old', '-@compat'];
  for (const mode of modes) {
    b.pair(`mode${mode.replace('-@', '-')}`, `modes: ${mode}`, (p) => ({ argv: [mode], stdin: prog(p) }));
  }
  b.pair('mode-trigraphs', 'modes: -3 trigraphs', (p) => ({ argv: ['-3'], stdin: prog(p) }));
  b.pair('mode-digraphs', 'modes: -2 digraphs', (p) => ({ argv: ['-2'], stdin: prog(p) }));
  b.pair('mode-cplusplus', 'modes: -+ C++', (p) => ({
    argv: ['-+'],
    stdin: prog(p) + lines('__cplusplus', 'a::b', 'x.*y', 'new delete'),
  }));
  b.pair('mode-c99', 'modes: -V199901L C99', (p) => ({
    argv: ['-V199901L'],
    stdin: prog(p) + lines('__STDC_VERSION__', '#define V(...) __VA_ARGS__', 'V(1, 2)', '_Pragma("x")'),
  }));
  b.pair('mode-assembler', 'modes: -a assembler source', (p) => ({
    argv: ['-a'],
    stdin: lines(
      '# this is an assembler comment',
      `#define REG %${ident(p)}`,
      '\tmov REG, $1 ; c',
      "'",
      '#123 not a directive',
      'label: REG',
    ),
  }));
  b.pair('mode-keep-spaces', 'modes: -k keeps white space', (p) => ({
    argv: ['-k'],
    stdin: lines(`   ${ident(p)}\t\tx    y`, '#define M   spaced   out  ', '  M  M', '\t/* c */\tz'),
  }));
  b.pair('keep-comments', 'output: -C keeps comments', (p) => ({
    argv: ['-C'],
    stdin: lines(
      `/* block ${ident(p)} */ x`,
      `// line ${ident(p)}`,
      '#define M /* in macro */ 1',
      'M',
      '/* multi',
      ' line */ y',
    ),
  }));
  b.pair('annotations', 'output: -K macro annotations', (p) => ({
    argv: ['-K'],
    stdin: lines(`#define A ${p.int(0, 9)}`, '#define F(x) (x + A)', 'F(A) A', '#define G F', 'G(2)'),
  }));
}

function addOptions(b: SuiteBuilder): void {
  b.one('version', 'options: -v version and include directories', { argv: ['-v'], stdin: '' });
  b.one('help-missing-arg', 'options: -h without its argument prints usage', { argv: ['-h'] });
  b.one('usage-unknown', 'options: an unknown option', { argv: ['-Y'] });
  b.one('usage-unknown-long', 'options: an unknown option', { argv: ['--frobnicate'] });
  b.one('usage-question', 'options: -? prints usage', { argv: ['-?'] });
  b.pair('define-options', 'options: -D, -D with value and arguments, -U', (p) => {
    const n = ident(p, 2, 5);
    return {
      argv: [`-D${n}`, '-D', `VAL=${p.int(0, 999)}`, `-DF(x)=[x]`, '-U__linux__', `-DEMPTY=`],
      stdin: lines(`${n} VAL F(${p.int(0, 9)}) __linux__ EMPTY.`),
    };
  });
  b.pair('no-predefined', 'options: -N removes non-standard predefined macros', (p) => ({
    argv: p.int(0, 1) ? ['-N'] : ['-N', '-D__unix__=2'],
    stdin: lines('__unix__ __linux__ __x86_64__ __MCPP __STDC__ __STDC_VERSION__', '#pragma MCPP put_defines'),
  }));
  b.two(
    'cpu-32-64',
    'options: -m32 and -m64',
    { argv: ['-m32'], stdin: lines('__i386__ __x86_64__ __amd64__', '#pragma MCPP put_defines') },
    { argv: ['-m64'], stdin: lines('__i386__ __x86_64__ __amd64__') },
  );
  b.two(
    'stdc-redefine',
    'options: -S, -V, -h redefine standard macros',
    { argv: ['-S1', '-V201112L', '-h0'], stdin: lines('__STDC__ __STDC_VERSION__ __STDC_HOSTED__ __linux__') },
    { argv: ['-S', '0', '-V', '199409L', '-h', '1'], stdin: lines('__STDC__ __STDC_VERSION__ __STDC_HOSTED__') },
  );
  b.pair('no-line', 'output: -P drops #line lines', (p) => ({
    argv: ['-P'],
    stdin: lines(`${ident(p)}`, '', '', '', '', '', '', '', '', `${ident(p)}`, '#define X 1', '', '', 'X'),
  }));
  b.pair('blank-lines', 'output: runs of blank lines become #line', (p) => ({
    argv: [],
    stdin: lines(
      `${ident(p)}`,
      ...Array.from({ length: p.int(2, 20) }, () => ''),
      `${ident(p)}`,
      '/*',
      '',
      '',
      '*/',
      'z',
    ),
  }));
  b.two(
    'output-file',
    'output: -o and a second operand write a file',
    { argv: ['-o', 'out.i'], stdin: lines('#define X 42', 'X') },
    { argv: ['-', 'result.i'], stdin: lines('#define Y 7', 'Y Y') },
  );
  b.two(
    'no-source-line',
    'output: -j drops the source line from diagnostics',
    { argv: ['-j'], stdin: lines('#error one', '#if 1/0', '#endif') },
    { argv: ['-j', '-W31'], stdin: lines('#define A 1', '#define A 2', '#undef B B') },
  );
  for (const level of ['0', '1', '2', '4', '8', '16', '31']) {
    b.pair(`warn-level-${level}`, `options: -W${level} warning level`, (p) => ({
      argv: [`-W${level}`],
      stdin: lines(
        `#define ${ident(p)} 1`,
        '#if 0x7fffffffffffffff + 0 > 1',
        '#endif',
        '#undef NEVER_DEFINED',
        '#define E',
        '#ifdef E extra tokens',
        '#endif junk',
        `${p.int(0, 9)} '\\q' "\\q"`,
        '#line 1',
        '/* /* nested */',
        '#if defined(X) && X > 1',
        '#endif',
      ),
    }));
  }
  b.two(
    'unset-system-includes',
    'options: -I- unsets system include directories',
    { argv: ['-I-', '-P'], stdin: lines('#include <stddef.h>', 'after') },
    {
      argv: ['-I-', '-I', 'mine', '-P'],
      files: { 'mine/stddef.h': 'my_stddef\n' },
      stdin: lines('#include <stddef.h>'),
    },
  );
  b.two(
    'encoding',
    'options: -e multi-byte encodings',
    {
      argv: ['-e', 'utf8'],
      stdin: latin1('"\xe6\x97\xa5\xe6\x9c\xac" \'\xe3\x81\x82\'\n#define S(x) #x\nS(\xe6\x97\xa5)\n'),
    },
    { argv: ['-e', 'euc_jp'], stdin: latin1('"\xc6\xfc\xcb\xdc" \'\xa4\xa2\'\n') },
  );
  b.one('encoding-sjis', 'options: -e multi-byte encodings', {
    argv: ['-e', 'sjis'],
    stdin: latin1('"\x93\xfa\x96\x7b\x5c" x\n'),
  });
  b.one('pragma-encoding', 'options: -e multi-byte encodings', {
    argv: [],
    stdin: latin1('#pragma __setlocale("ja_JP.eucJP")\n"\xc6\xfc"\n'),
  });
  b.one('input-missing', 'files: a missing input file', { argv: ['nosuch.c'] });
  b.one('too-many-operands', 'files: too many operands', { argv: ['-', 'out.i', 'extra'], stdin: 'x\n' });
}

function addLexical(b: SuiteBuilder): void {
  b.two(
    'comments',
    'lexical: comments become one space',
    { argv: [], stdin: lines('a/* x */b', 'c// y', 'd /* multi', 'line */ e', '"/* not */" \'/\'') },
    { argv: [], stdin: lines('/**/x/**/y', '/* unterminated at end') },
  );
  b.two(
    'line-splicing',
    'lexical: backslash-newline splices lines',
    { argv: [], stdin: '#define LONG 1 + \\\n 2\nLONG\nab\\\ncd\n"str\\\ning"\n' },
    { argv: [], stdin: '#def\\\nine X 3\nX\nend\\\n' },
  );
  b.two(
    'string-literals',
    'lexical: string and character literals',
    { argv: [], stdin: lines('"a\\"b" \'\\\'\' L"wide" L\'w\' u8"x"', '"unterminated', "'also") },
    { argv: [], stdin: lines('"" \'\' "\\x41\\101" \'abc\'', 'x "ok"') },
  );
  b.two(
    'pp-numbers',
    'lexical: preprocessing numbers',
    { argv: [], stdin: lines('#define E 1', '0x1p-3 1e+E 1.2.3 0xE+1 08 1_000 .5e10f') },
    { argv: [], stdin: lines('#define P +', '1e P 2 1E+2 0X1P+E 3..4') },
  );
  b.two(
    'crlf',
    'lexical: CR-LF line ends',
    { argv: [], stdin: '#define X 1\r\nX\r\n#if X\r\nyes\r\n#endif\r\n' },
    { argv: ['-P'], stdin: 'a\r\nb\\\r\nc\r\n' },
  );
  b.two(
    'no-final-newline',
    'lexical: a missing last newline',
    { argv: [], stdin: 'x\n#define Y 2\nY' },
    { argv: [], stdin: '#if 1\nz' },
  );
  b.two('empty-input', 'lexical: empty input', { argv: [], stdin: '' }, { argv: ['-P'], stdin: '\n\n' });
  b.two(
    'high-bytes',
    'lexical: bytes above 0x7f',
    { argv: [], stdin: latin1('caf\xc3\xa9 "\xff\xfe" \'\xe9\'\n#define \xe9 1\n') },
    { argv: ['-P'], stdin: latin1('\x80\x81 x\n"\xc3\xa9"\n') },
  );
  b.two(
    'control-bytes',
    'lexical: NUL and control characters',
    { argv: [], stdin: latin1('a\x00b\n\x01\x02 c\n"\x00"\n') },
    { argv: [], stdin: latin1('x\x0cy\x0bz\n\x7f\n') },
  );
  b.two(
    'long-lines',
    'lexical: very long lines and many arguments',
    {
      argv: ['-P'],
      stdin: lines('#define F(...) __VA_ARGS__', `F(${Array.from({ length: 300 }, (_, i) => String(i)).join(', ')})`),
    },
    { argv: ['-P'], stdin: lines('x'.repeat(5000), 'y '.repeat(3000)) },
  );
}

function addGenerated(b: SuiteBuilder): void {
  for (let i = 1; i <= 54; i++) {
    b.pair(`program-${String(i).padStart(2, '0')}`, 'generated: macro programs with conditionals', (p) => {
      const names = Array.from({ length: 4 }, () => ident(p, 2, 5).toUpperCase());
      const out: string[] = [];
      for (let k = 0; k < 8; k++) {
        const r = p.int(0, 7);
        const n = p.pick(names);
        if (r === 0) out.push(`#define ${n} ${p.int(0, 99)}`);
        else if (r === 1) out.push(`#define ${n}(x) ((x) * ${p.pick(names)})`);
        else if (r === 2) out.push(`#undef ${n}`);
        else if (r === 3) out.push(`#if ${cond(p, 2, names)}`, `  on_${k} ${n}`, '#endif');
        else if (r === 4) out.push(`#ifdef ${n}`, `  def_${k}`, '#else', `  undef_${k}`, '#endif');
        else if (r === 5) out.push(`${n}(${p.int(0, 9)}) ${n} ${p.pick(names)}`);
        else if (r === 6) out.push(`int ${ident(p).toLowerCase()} = ${n} + ${p.pick(names)};`);
        else out.push(`__LINE__: ${p.pick(names)}`);
      }
      return { argv: p.int(0, 2) === 0 ? ['-P'] : [], stdin: lines(...out) };
    });
  }
}

function addTime(b: SuiteBuilder): void {
  b.pair('date-time', 'predefined: __DATE__ and __TIME__ from the clock', (p) => {
    const y = p.int(1971, 2037);
    const mo = p.int(1, 12);
    const d = p.int(1, 28);
    const h = p.int(0, 23);
    const mi = p.int(0, 59);
    const s = p.int(0, 59);
    const pad = (n: number) => String(n).padStart(2, '0');
    return {
      argv: [],
      clock: `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}Z`,
      stdin: lines('__DATE__ __TIME__', '__STDC__ __STDC_HOSTED__ __MCPP __LINE__ __FILE__'),
    };
  });
  b.one('date-single-digit-day', 'predefined: __DATE__ and __TIME__ from the clock', {
    argv: [],
    clock: '2024-02-05T07:08:09Z',
    stdin: lines('__DATE__ __TIME__'),
  });
}

export function suite(): TestSuite {
  const b = new SysDirsBuilder({ target: 'mcpp', visibleOnlyEvery: 2 });
  addMacros(b);
  addConditionals(b);
  addDirectives(b);
  addModes(b);
  addOptions(b);
  addLexical(b);
  addGenerated(b);
  addTime(b);
  return b.suite();
}
