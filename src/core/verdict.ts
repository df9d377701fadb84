import { bytesEqual } from './bytes.ts';
import { outcomeDigest, outcomeOf, type Outcome } from './gold.ts';
import type { RunResult } from './run-result.ts';

export type Mismatch = 'stdout' | 'stderr' | 'exit code' | 'files';

/** The judgement of one test case. */
export type Verdict =
  | { kind: 'pass' }
  | { kind: 'fail'; mismatched: Mismatch[] }
  | { kind: 'crash'; message: string }
  | { kind: 'timeout' }
  | { kind: 'output-limit' }
  | { kind: 'memory-limit' }
  | { kind: 'file-limit' }
  | { kind: 'invalid-module'; message: string }
  | { kind: 'cancelled' };

export type VerdictKind = Verdict['kind'];

/** What a case is judged against: the gold bytes (visible) or only their digest (hidden). */
export type Expectation = { kind: 'gold'; gold: Outcome } | { kind: 'digest'; digest: string };

export function judge(result: RunResult, expected: Expectation): Verdict {
  switch (result.kind) {
    case 'timeout':
    case 'output-limit':
    case 'memory-limit':
    case 'file-limit':
    case 'cancelled':
      return { kind: result.kind };
    case 'invalid-module':
      return { kind: 'invalid-module', message: result.message };
  }
  const actual = outcomeOf(result) as Outcome;
  // Against a digest we only learn "different": which stream differs stays hidden, so `mismatched` is empty.
  const mismatched = expected.kind === 'gold' ? compareOutcomes(expected.gold, actual) : [];
  const passed = expected.kind === 'gold' ? mismatched.length === 0 : outcomeDigest(actual) === expected.digest;
  if (passed) return { kind: 'pass' };
  if (result.kind === 'trap') return { kind: 'crash', message: result.message };
  return { kind: 'fail', mismatched };
}

export function compareOutcomes(expected: Outcome, actual: Outcome): Mismatch[] {
  const out: Mismatch[] = [];
  if (!bytesEqual(expected.stdout, actual.stdout)) out.push('stdout');
  if (!bytesEqual(expected.stderr, actual.stderr)) out.push('stderr');
  if (expected.code !== actual.code) out.push('exit code');
  const names = new Set([...Object.keys(expected.files), ...Object.keys(actual.files)]);
  for (const name of names) {
    const a = expected.files[name];
    const b = actual.files[name];
    if (!a || !b || !bytesEqual(a, b)) {
      out.push('files');
      break;
    }
  }
  return out;
}

export function describeVerdict(verdict: Verdict): string {
  switch (verdict.kind) {
    case 'pass':
      return 'pass';
    case 'fail':
      return verdict.mismatched.length > 0 ? `fail (${verdict.mismatched.join(', ')} differ)` : 'fail';
    case 'crash':
      return `crash (${verdict.message})`;
    case 'invalid-module':
      return `invalid module (${verdict.message})`;
    default:
      return verdict.kind;
  }
}
