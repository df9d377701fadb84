import { describe, expect, it } from 'vitest';
import { outcomeDigest, outcomeFromJson, outcomeToJson, type Outcome } from './gold.ts';
import type { RunResult } from './run-result.ts';
import { judge } from './verdict.ts';

const b = (s: string) => new TextEncoder().encode(s);
const gold: Outcome = { code: 0, stdout: b('ok\n'), stderr: b(''), files: {} };
const exited = (stdout: string, code = 0): RunResult => ({
  kind: 'exited',
  code,
  stdout: b(stdout),
  stderr: b(''),
  files: {},
  ms: 1,
});

describe('judge', () => {
  it('passes identical bytes against gold and against a digest', () => {
    expect(judge(exited('ok\n'), { kind: 'gold', gold })).toEqual({ kind: 'pass' });
    expect(judge(exited('ok\n'), { kind: 'digest', digest: outcomeDigest(gold) })).toEqual({ kind: 'pass' });
  });

  it('names what differs for gold, and nothing for a digest', () => {
    expect(judge(exited('ok', 1), { kind: 'gold', gold })).toEqual({
      kind: 'fail',
      mismatched: ['stdout', 'exit code'],
    });
    expect(judge(exited('ok'), { kind: 'digest', digest: outcomeDigest(gold) })).toEqual({
      kind: 'fail',
      mismatched: [],
    });
  });

  it('turns limits and traps into their own verdicts', () => {
    const base = { stdout: b(''), stderr: b(''), files: {}, ms: 5 };
    expect(judge({ kind: 'timeout', limitMs: 10, ...base }, { kind: 'gold', gold }).kind).toBe('timeout');
    expect(judge({ kind: 'output-limit', stream: 'stdout', limitBytes: 1, ...base }, { kind: 'gold', gold }).kind).toBe(
      'output-limit',
    );
    expect(judge({ kind: 'trap', code: 134, message: 'unreachable', ...base }, { kind: 'gold', gold })).toEqual({
      kind: 'crash',
      message: 'unreachable',
    });
  });
});

describe('outcome digests', () => {
  it('differ when any field differs, and survive the JSON round trip', () => {
    const variants: Outcome[] = [
      gold,
      { ...gold, code: 1 },
      { ...gold, stdout: b('ok') },
      { ...gold, stderr: b('ok\n'), stdout: b('') },
      { ...gold, files: { a: b('') } },
    ];
    expect(new Set(variants.map(outcomeDigest)).size).toBe(variants.length);
    const binary: Outcome = {
      code: 3,
      stdout: new Uint8Array([0xff, 0, 1]),
      stderr: b('é'),
      files: { 'd/x': new Uint8Array([0x80]) },
    };
    expect(outcomeDigest(outcomeFromJson(JSON.parse(JSON.stringify(outcomeToJson(binary)))))).toBe(
      outcomeDigest(binary),
    );
  });
});
