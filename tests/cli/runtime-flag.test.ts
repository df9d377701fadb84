import { describe, expect, it } from 'vitest';
import { loadBuiltTarget } from '../../src/node/target-store.ts';
import { fixture, mirrorbox } from './cli.ts';

const built = loadBuiltTarget('uuidparse');
if (built.kind === 'error') throw new Error(built.message);
const { oraclePath } = built.value;

/** Each wasmer run of the CLI loads binaryen and the SDK (seconds on a busy 2-core machine). */
const SLOW = { timeout: 180_000 };

describe('mirrorbox --runtime', () => {
  it('runs the oracle on wasmer with the same bytes and exit code as on the shim', SLOW, () => {
    const args = ['--', '12345678-1234-5678-1234-567812345678', 'not-a-uuid', '00000000-0000-0000-0000-000000000000'];
    const shim = mirrorbox(['oracle', 'uuidparse', '--runtime', 'shim', ...args]);
    const wasmer = mirrorbox(['oracle', 'uuidparse', '--runtime', 'wasmer', ...args]);
    expect(shim.code).toBe(0);
    expect(shim.out).toMatch(/not-a-uuid/);
    expect({ code: wasmer.code, out: wasmer.out, err: wasmer.err }).toEqual({
      code: shim.code,
      out: shim.out,
      err: shim.err,
    });
    // Without the flag, the shim.
    expect(mirrorbox(['oracle', 'uuidparse', ...args]).out).toBe(shim.out);
  });

  it('gives a wasmer run the contract: its clock, its environment in order', SLOW, () => {
    const run = (runtime: string, mode: string) =>
      mirrorbox([
        'run',
        fixture('probe.wasm'),
        '--name',
        'probe',
        '--runtime',
        runtime,
        '--env',
        'ZZ=last',
        ...mode.split(' '),
      ]);
    const clockShim = run('shim', '--clock 2030-06-15T12:00:00Z -- clock');
    const clockWasmer = run('wasmer', '--clock 2030-06-15T12:00:00Z -- clock');
    expect(clockShim.out).toMatch(/^time=1907755200\n/);
    expect(clockWasmer.out).toBe(clockShim.out);
    const env = run('wasmer', '-- env');
    expect(env.code).toBe(0);
    expect(env.out).toBe('HOME=/\nLANG=C\nLC_ALL=C\nPATH=/usr/local/bin:/usr/bin:/bin\nTZ=UTC\nZZ=last\n');
  });

  it('stops a wasmer run at its time limit like a shim run (exit 124, one line)', SLOW, () => {
    const r = mirrorbox(['run', fixture('spin.wasm'), '--runtime', 'wasmer', '--timeout', '300', '--']);
    expect(r.code).toBe(124);
    expect(r.err).toBe('mirrorbox: timeout after 300 ms\n');
  });

  it('scores the oracle solved on wasmer', SLOW, () => {
    const r = mirrorbox(['score', 'uuidparse', oraclePath, '--runtime', 'wasmer', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { solved: boolean; cases: { verdict: string }[] };
    expect(report.solved).toBe(true);
    expect(report.cases.filter((c) => c.verdict !== 'pass')).toEqual([]);
  });

  it('answers an unknown runtime with one line and exit 2', () => {
    for (const args of [
      ['oracle', 'uuidparse', '--runtime', 'native', '--'],
      ['run', fixture('probe.wasm'), '--runtime', 'native', '--'],
      ['score', 'uuidparse', oraclePath, '--runtime', 'native'],
    ]) {
      const r = mirrorbox(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^mirrorbox \w+: --runtime wants shim or wasmer, got 'native'\n$/);
    }
  });
});
