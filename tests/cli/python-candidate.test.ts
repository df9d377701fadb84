import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/node/paths.ts';
import { loadBuiltTarget } from '../../src/node/target-store.ts';
import { mirrorbox } from './cli.ts';

const built = loadBuiltTarget('uuidparse');
if (built.kind === 'error') throw new Error(built.message);
const { pack } = built.value;
const scratch = mkdtempSync(join(tmpdir(), 'mirrorbox-cli-py-'));
const reference = `${repoRoot}tests/fixtures/solutions/uuidparse-py`;

describe('Python candidates through the CLI', { timeout: 120_000 }, () => {
  it('scores the Python reference solution of uuidparse 100% visible and hidden (language inferred from .py)', () => {
    const r = mirrorbox(['score', 'uuidparse', reference, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.visible).toEqual({ passed: pack.visible.length, total: pack.visible.length });
    expect(report.hidden).toEqual({ passed: pack.hidden.length, total: pack.hidden.length });
    expect(report.solved).toBe(true);
  });

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
