import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from './cases.ts';
import { databaseFile } from './dbfile.ts';
import { suiteShape } from '../../tests/suites/suite-shape.ts';
import { decodeTextOrBytes } from '../../src/core/bytes.ts';

describe('sqlite3 suite', () => {
  const s = suite();
  suiteShape(suite, { minCases: 400 });
  const all = [...s.visible, ...s.hidden];
  const decoder = new TextDecoder();
  /** Everything the shell reads as commands: arguments, stdin and the text files of the case. */
  const inputText = (c: (typeof all)[number]): string =>
    [
      ...c.argv,
      c.stdin === undefined ? '' : decoder.decode(decodeTextOrBytes(c.stdin)),
      ...Object.values(c.files ?? {}).map((f) => decoder.decode(decodeTextOrBytes(f))),
    ].join('\n');

  it('uses every output mode and every mode option', () => {
    const modes = ['list', 'csv', 'column', 'box', 'markdown', 'json', 'line', 'html', 'insert', 'quote', 'tabs'];
    for (const m of [...modes, 'table', 'ascii', 'tcl', 'qbox'])
      expect(
        all.some((c) => inputText(c).includes(`.mode ${m}`)),
        m,
      ).toBe(true);
    for (const m of [...modes.filter((m) => m !== 'insert'), 'table', 'ascii'])
      expect(
        all.some((c) => c.argv.includes(`-${m}`)),
        `-${m}`,
      ).toBe(true);
  });

  it('covers the dot-commands and options the part asks for', () => {
    const wanted = ['.import', '.dump', '.schema', '.read', '.headers', '.separator', '.output', '.once', '.nullvalue'];
    for (const w of wanted)
      expect(
        all.some((c) => inputText(c).includes(w)),
        w,
      ).toBe(true);
    for (const opt of ['-cmd', '-init', '-bail', '-echo', '-readonly', '-header', '-separator', '-nullvalue'])
      expect(
        all.some((c) => c.argv.includes(opt)),
        opt,
      ).toBe(true);
  });

  it('keeps host-, time- and process-dependent inputs out', () => {
    const excluded =
      /\b(random|randomblob)\s*\(|'now'|\.(version|system|shell|timer|stats|load|archive|vfsname|vfsinfo|excel)\b|compile_options|\bedit\s*\(|\bfsdir\b|\.once\s+-e|\.output\s+\||\.help\s*$/m;
    for (const c of all) {
      expect(excluded.test(inputText(c)), c.id).toBe(false);
      expect(
        c.argv.some((a) => /^--?(help|A|zip|append|memtrace|stats)$/.test(a)),
        c.id,
      ).toBe(false);
    }
  });

  it('gives database files as inputs', () => {
    const dbs = all.filter((c) => Object.values(c.files ?? {}).some((f) => typeof f !== 'string'));
    expect(dbs.length).toBeGreaterThan(20);
  });
});

describe('sqlite3 database file writer', () => {
  // Debian's native shell (packages.test) checks the files the cases hand the oracle; without it there is no
  // independent reader here.
  const native = '/usr/bin/sqlite3';
  it.skipIf(!existsSync(native))('writes files that SQLite reads back intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mirrorbox-sqlite3-dbfile-'));
    try {
      const file = join(dir, 'x.db');
      writeFileSync(
        file,
        databaseFile(
          [
            {
              name: 't',
              sql: 'CREATE TABLE t(a, b, c)',
              rows: [
                [{ int: -129 }, 'é中', { real: 0.1 }],
                [{ int: 2 ** 52 }, null, new Uint8Array([0, 255])],
                [{ int: 0 }, { int: 1 }, ''],
              ],
            },
            { name: 'u', sql: 'CREATE TABLE u(x)', rows: [] },
          ],
          42,
        ),
      );
      const out = execFileSync(native, [
        file,
        'PRAGMA integrity_check; PRAGMA user_version; SELECT quote(a), quote(b), quote(c) FROM t; SELECT count(*) FROM u;',
      ]).toString();
      expect(out).toBe(['ok', '42', "-129|'é中'|0.1", "4503599627370496|NULL|X'00FF'", "0|1|''", '0', ''].join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
