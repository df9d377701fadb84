import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltTarget } from '../../src/node/target-store.ts';
import { fixture, mirrorbox } from './cli.ts';

const built = loadBuiltTarget('uuidparse');
if (built.kind === 'error') throw new Error(built.message);
const { oraclePath, pack } = built.value;
const scratch = mkdtempSync(join(tmpdir(), 'mirrorbox-cli-'));

/** A one-line error: no stack trace, no source positions. */
function expectOneLineError(r: ReturnType<typeof mirrorbox>, pattern: RegExp) {
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(pattern);
  expect(r.err).not.toMatch(/\n\s+at |\.ts:\d+/);
}

describe('mirrorbox targets', () => {
  it('lists uuidparse as built, with counts and the oracle path', () => {
    const r = mirrorbox(['targets', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as {
      id: string;
      built: boolean;
      oracle: string;
      visible: number;
      hidden: number;
      bucket: string;
    }[];
    const row = rows.find((t) => t.id === 'uuidparse');
    expect(row).toMatchObject({
      built: true,
      oracle: oraclePath,
      bucket: 'S',
      visible: pack.visible.length,
      hidden: pack.hidden.length,
    });
    expect(mirrorbox(['targets']).out).toMatch(/^uuidparse\s+S\s+util-linux 2\.38\.1/m);
  });
});

describe('mirrorbox oracle', () => {
  it('passes stdout, stderr and the exit code through', () => {
    const r = mirrorbox(['oracle', 'uuidparse', '--', '-n', '-o', 'TYPE', '00000000-0000-0000-0000-000000000000']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('nil\n');
    const bad = mirrorbox(['oracle', 'uuidparse', '--', '--bogus']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('uuidparse');
  });

  it('reads stdin from a file', () => {
    const input = join(scratch, 'in.txt');
    writeFileSync(input, '8c6e3fbc-4f5a-11ee-be56-0242ac120002\n');
    const r = mirrorbox(['oracle', 'uuidparse', '--stdin', input, '--', '-n', '-o', 'TYPE']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('time-based\n');
  });

  it('rejects an unknown target and a missing stdin file in one line', () => {
    const unknown = mirrorbox(['oracle', 'nosuch', '--', 'x']);
    expect(unknown.code).toBe(2);
    expectOneLineError(unknown, /unknown target 'nosuch'/);
    const missing = mirrorbox(['oracle', 'uuidparse', '--stdin', join(scratch, 'absent'), '--']);
    expect(missing.code).toBe(2);
    expectOneLineError(missing, /no such file/);
  });
});

describe('mirrorbox run', () => {
  it('says when a limit stopped the candidate and exits 124', () => {
    const r = mirrorbox(['run', fixture('spin.wasm'), '--timeout', '300', '--']);
    expect(r.code).toBe(124);
    expect(r.err).toMatch(/timeout after 300 ms/);
  });

  it('reports a trap with its documented exit code', () => {
    const r = mirrorbox(['run', fixture('crash.wasm'), '--']);
    expect(r.code).toBe(134);
    expect(r.err).toMatch(/trap/);
  });

  it('rejects malformed modules and modules without _start in one line', () => {
    const junk = join(scratch, 'junk.wasm');
    writeFileSync(junk, 'this is not wasm');
    const a = mirrorbox(['run', junk, '--']);
    expect(a.code).toBe(2);
    expectOneLineError(a, /not a WebAssembly module/);
    const empty = join(scratch, 'empty.wasm');
    writeFileSync(empty, Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    const b = mirrorbox(['run', empty, '--']);
    expect(b.code).toBe(2);
    expectOneLineError(b, /no _start export/);
    const truncated = join(scratch, 'truncated.wasm');
    writeFileSync(truncated, Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 0x60, 0]));
    expectOneLineError(mirrorbox(['run', truncated, '--']), /truncated|malformed/);
  });
});

describe('mirrorbox score', () => {
  it("scores the oracle's own module 100% visible and hidden, exit 0", () => {
    const r = mirrorbox(['score', 'uuidparse', oraclePath, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.visible).toEqual({ passed: pack.visible.length, total: pack.visible.length });
    expect(report.hidden).toEqual({ passed: pack.hidden.length, total: pack.hidden.length });
    expect(report.solved).toBe(true);
    expect(report.cases).toHaveLength(pack.visible.length + pack.hidden.length);
    expect(Object.keys(report.cases[0]).sort()).toEqual(['id', 'ms', 'set', 'verdict']);
  });

  it('fails a silent candidate with readable diffs and never shows hidden expectations', () => {
    const r = mirrorbox(['score', 'uuidparse', fixture('silent.wasm')]);
    expect(r.code).toBe(1);
    const [, passed, total] = /^visible: (\d+)\/(\d+) passed/m.exec(r.out) ?? [];
    // Only cases whose expected output is empty (e.g. empty stdin) can pass.
    expect(Number(passed)).toBeLessThan(Number(total) / 10);
    expect(r.out).toMatch(/^solved: {2}no$/m);
    expect(r.out).toMatch(/stdout \(- expected, \+ actual\):/);
    expect(r.out).toContain('(got nothing)');
    expect(r.out).toMatch(/hidden failures \(content not shown\)/);
    // No line of any hidden case's expected stdout may appear.
    const json = JSON.parse(
      mirrorbox(['score', 'uuidparse', fixture('silent.wasm'), '--json', '--only', 'hidden']).out,
    );
    expect(json.cases.every((c: { set: string }) => c.set === 'hidden')).toBe(true);
    expect(JSON.stringify(json)).not.toMatch(/stdout|stderr/);
  });

  it('gives timeout verdicts to an endless loop and finishes', () => {
    const r = mirrorbox(['score', 'uuidparse', fixture('spin.wasm'), '--json', '--only', 'hidden', '--timeout', '100']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.hidden.passed).toBe(0);
    expect(report.cases.every((c: { verdict: string }) => c.verdict === 'timeout')).toBe(true);
  });

  it('gives crash verdicts to a trapping candidate', () => {
    const r = mirrorbox(['score', 'uuidparse', fixture('crash.wasm'), '--json', '--only', 'visible']);
    expect(r.code).toBe(1);
    expect(new Set(JSON.parse(r.out).cases.map((c: { verdict: string }) => c.verdict))).toEqual(new Set(['crash']));
  });

  it('answers bad input with one line and exit 2', () => {
    expectOneLineError(mirrorbox(['score', 'uuidparse', join(scratch, 'absent.wasm')]), /no such file/);
    expectOneLineError(mirrorbox(['score', 'nosuch', oraclePath]), /unknown target/);
    const junk = join(scratch, 'junk2.wasm');
    writeFileSync(junk, 'garbage');
    const r = mirrorbox(['score', 'uuidparse', junk]);
    expect(r.code).toBe(2);
    expectOneLineError(r, /not a WebAssembly module/);
    expect(mirrorbox(['score', 'uuidparse']).code).toBe(2);
    expect(mirrorbox(['score', 'uuidparse', oraclePath, '--only', 'some']).code).toBe(2);
    expect(mirrorbox(['frobnicate']).code).toBe(2);
  });
});
