import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_RANDOM_SEED } from '../../src/core/environment.ts';
import { Prng } from '../../src/core/prng.ts';
import { mirrorbox, runEchoProgram } from './cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mirrorbox-cli-py-'));
// The CLI inherits it: a zone at +05:45, so that any leak of the host's local time shows.
process.env.TZ = 'Asia/Kathmandu';

describe('Python candidates through the CLI', { timeout: 120_000 }, () => {
  it('runs a Python file like the oracle: argv[0] from --name, stdin, stderr and the exit code', () => {
    const r = runEchoProgram(
      scratch,
      'echo.py',
      'import sys\nsys.stderr.write(sys.stdin.read())\nprint(sys.argv[0], len(sys.argv))\nsys.exit(3)\n',
    );
    expect(r.out).toBe('uuidparse 3\n');
    expect(r.err).toBe('hello\n');
    expect(r.code).toBe(3);
  });

  it("pins the clock to --clock and randomness to the contract's seed, whatever the host's time zone", () => {
    const file = join(scratch, 'clock.py');
    writeFileSync(
      file,
      'import datetime, os, time\nprint(datetime.datetime.now(), time.monotonic(), time.strftime("%H:%M %Z"), os.urandom(6).hex())\n',
    );
    const r = mirrorbox(['run', file, '--clock', '2030-06-15T12:34:56Z', '--']);
    expect(r.err).toBe('');
    expect(r.out).toBe(`2030-06-15 12:34:56.000001 1.000002 12:34 UTC ${new Prng(CONTRACT_RANDOM_SEED).hex(6)}\n`);
  });

  it('prints file:line:col for a Python syntax error and exits 2', () => {
    const file = join(scratch, 'broken.py');
    writeFileSync(file, 'x = 1\ndef f(:\n    pass\n');
    const r = mirrorbox(['run', file, '--']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${file}:2:7: error: SyntaxError: invalid syntax\n`);
  });
});
