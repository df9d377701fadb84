import { describe, it, expect } from 'vitest';
import { suite } from './cases.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';
import { decodeTextOrBytes } from '../../src/core/bytes.ts';

describe('gawk suite', () => {
  const s = suite();
  suiteShape(suite, { minCases: 400 });
  const all = [...s.visible, ...s.hidden];
  /** The program text a case gives gawk: its argv and its files (awk programs come from -f files too). */
  const text = (c: (typeof all)[number]): string =>
    [...c.argv, ...Object.values(c.files ?? {}).map((f) => new TextDecoder().decode(decodeTextOrBytes(f)))].join('\n');

  it('uses every option but the ones fidelityNotes excludes', () => {
    const options = [
      ['-f', '--file'],
      ['-F', '--field-separator'],
      ['-v', '--assign'],
      ['-b', '--characters-as-bytes'],
      ['-c', '--traditional'],
      ['-C', '--copyright'],
      ['-d', '--dump-variables'],
      ['-e', '--source'],
      ['-E', '--exec'],
      ['-g', '--gen-pot'],
      ['-h', '--usage'],
      ['-i', '--include'],
      ['-l'],
      ['-L', '--lint'],
      ['-n', '--non-decimal-data'],
      ['-N', '--use-lc-numeric'],
      ['-o', '--pretty-print'],
      ['-O'],
      ['-P', '--posix'],
      ['--re-interval'],
      ['-s'],
      ['-S', '--sandbox'],
      ['-t', '--lint-old'],
    ];
    for (const forms of options)
      for (const form of forms)
        expect(
          all.some((c) => c.argv.some((a) => a === form || a.startsWith(form + '='))),
          form,
        ).toBe(true);
  });

  it('uses the built-in functions that do not read the clock or start a process', () => {
    const builtins = ['length', 'substr', 'index', 'split', 'patsplit', 'sub', 'gsub', 'gensub', 'match', 'sprintf'];
    builtins.push('toupper', 'tolower', 'strtonum', 'asort', 'asorti', 'isarray', 'typeof', 'strftime', 'mktime');
    builtins.push('srand', 'rand', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'close', 'fflush');
    for (const name of builtins)
      expect(
        all.some((c) => new RegExp(`\\b${name}\\(`).test(text(c))),
        name,
      ).toBe(true);
  });

  it('keeps processes, the clock, the debugger, the profiler, --version and -M out', () => {
    for (const c of all) {
      const t = text(c);
      // A process is reached only through system(), a pipe or a coprocess; --sandbox refuses them before that.
      if (!c.argv.includes('--sandbox')) {
        expect(/\bsystem\(|\|&| \| *"| \| *getline/.test(t), c.id).toBe(false);
      }
      expect(/\bsystime\(|\bsrand\(\)|strftime\(\)/.test(t), c.id).toBe(false);
      expect(
        /PROCINFO\["(pid|ppid|pgrpid|uid|gid|euid|egid|version|platform|mpfr_version|gmp_version|prec_max|prec_min|api_major|api_minor|errno)"\]/.test(
          t,
        ),
        c.id,
      ).toBe(false);
      // strftime's GNU conversions (%k %l %P %+) and %Z in UTC mode differ between C libraries.
      for (const call of t.match(/strftime\("[^"]*"[^)]*\)/g) ?? []) {
        expect(/%[klP+EOqQfiJKLNov]/.test(call), `${c.id}: ${call}`).toBe(false);
        expect(/%Z.*, *1\)$/.test(call), `${c.id}: ${call}`).toBe(false);
      }
      // No /dev but /dev/stdin, /dev/stdout, /dev/stderr and /dev/fd/N, which gawk handles itself.
      expect(/\/dev\/(?!stdin|stdout|stderr|fd\/[0-2]\b)/.test(t), c.id).toBe(false);
      for (const a of c.argv) {
        expect(['-V', '--version', '-M', '--bignum', '-p', '--profile', '-D', '--debug'].includes(a), c.id).toBe(false);
        expect(/^-(p|D|-profile=|-debug=)/.test(a) && !a.startsWith('-P'), c.id).toBe(false);
      }
    }
  });

  it('deletes PROCINFO before --dump-variables lists the globals (its size depends on the build)', () => {
    const dumps = all.filter((c) => c.argv.some((a) => a === '-d' || a.startsWith('--dump-variables')));
    expect(dumps.length).toBeGreaterThan(0);
    for (const c of dumps) expect(text(c), c.id).toContain('delete PROCINFO');
  });
});
