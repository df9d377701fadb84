import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mirrorbox, runEchoProgram } from './cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mirrorbox-cli-ts-'));

describe('JavaScript and TypeScript candidates through the CLI', () => {
  it('runs a JavaScript file like the oracle: argv[0] from --name, stdin, stderr and the exit code', () => {
    const r = runEchoProgram(
      scratch,
      'echo.js',
      'process.stderr.write(process.stdin.readText());\nconsole.log(process.argv[0], process.argv.length);\nprocess.exit(3);\n',
    );
    expect(r.out).toBe('uuidparse 3\n');
    expect(r.err).toBe('hello\n');
    expect(r.code).toBe(3);
  });

  it('prints file:line:col for a TypeScript syntax error and exits 2', () => {
    const file = join(scratch, 'broken.ts');
    writeFileSync(file, 'const a: number = 1;\nlet b = (;\n');
    const r = mirrorbox(['run', file, '--']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${file}:2:10: error: Unexpected token\n`);
  });
});
