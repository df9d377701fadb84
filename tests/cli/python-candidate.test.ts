import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mirrorbox } from './cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mirrorbox-cli-py-'));

describe('Python candidates through the CLI', { timeout: 120_000 }, () => {
  it('runs a Python file like the oracle: argv[0] from --name, stdin, stderr and the exit code', () => {
    const file = join(scratch, 'echo.py');
    writeFileSync(
      file,
      'import sys\nsys.stderr.write(sys.stdin.read())\nprint(sys.argv[0], len(sys.argv))\nsys.exit(3)\n',
    );
    const input = join(scratch, 'in.txt');
    writeFileSync(input, 'hello\n');
    const r = mirrorbox(['run', file, '--name', 'uuidparse', '--stdin', input, '--', 'x', 'y']);
    expect(r.out).toBe('uuidparse 3\n');
    expect(r.err).toBe('hello\n');
    expect(r.code).toBe(3);
  });

  it('prints file:line:col for a Python syntax error and exits 2', () => {
    const file = join(scratch, 'broken.py');
    writeFileSync(file, 'x = 1\ndef f(:\n    pass\n');
    const r = mirrorbox(['run', file, '--']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${file}:2:7: error: SyntaxError: invalid syntax\n`);
  });
});
