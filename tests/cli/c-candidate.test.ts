import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/node/paths.ts';
import { mirrorbox, runEchoProgram } from './cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mirrorbox-cli-c-'));
const reference = `${repoRoot}tests/fixtures/solutions/uuidparse-c`;

describe('C candidates through the CLI', () => {
  it('runs a C file like the oracle, argv[0] from --name', () => {
    const r = runEchoProgram(
      scratch,
      'echo.c',
      '#include <stdio.h>\nint main(int c, char **v) { char b[64]; while (fgets(b, sizeof b, stdin)) fputs(b, stderr); printf("%s %d\\n", v[0], c); return 3; }\n',
    );
    expect(r.code).toBe(3);
    expect(r.out).toBe('uuidparse 3\n');
    expect(r.err).toBe('hello\n');
  });

  it('prints file:line:col diagnostics and exits 2 on a syntax error, in a folder with a subfolder', () => {
    const dir = join(scratch, 'broken');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'main.c'), '#include "src/util.h"\nint main(void) { return util(); }\n');
    writeFileSync(join(dir, 'src/util.h'), 'int util(void);\n');
    writeFileSync(join(dir, 'src/util.c'), '#include "util.h"\n\nint util(void) {\n  return 1\n}\n');
    const r = mirrorbox(['score', 'uuidparse', dir]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`${join(dir, 'src/util.c')}:4:11: error: expected ';' after return statement\n`);
    // A single file sees no other file: here the header it includes is missing.
    const run = mirrorbox(['run', join(dir, 'src/util.c'), '--lang', 'c', '--']);
    expect(run.code).toBe(2);
    expect(run.err).toBe(`${join(dir, 'src/util.c')}:1:10: error: 'util.h' file not found\n`);
  });

  it('asks for --lang when it cannot tell the language, and refuses an unknown one', () => {
    const text = join(scratch, 'notes.txt');
    writeFileSync(text, 'hi\n');
    const r = mirrorbox(['run', text, '--']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/give --lang/);
    const bad = mirrorbox(['score', 'uuidparse', reference, '--lang', 'cobol']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--lang wants one of .*c/);
  });
});
