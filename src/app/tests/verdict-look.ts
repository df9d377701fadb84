import { describeVerdict, type Verdict, type VerdictKind } from '../../core/verdict.ts';

/** How a verdict looks in tables: a short word and its colour class. */
export const VERDICT_LABEL: Record<VerdictKind, string> = {
  pass: 'pass',
  fail: 'fail',
  crash: 'crash',
  timeout: 'time limit',
  'output-limit': 'output limit',
  'memory-limit': 'memory limit',
  'file-limit': 'file limit',
  'invalid-module': 'invalid module',
  cancelled: 'cancelled',
};

export function verdictClass(verdict: Verdict | undefined): string {
  if (!verdict) return '';
  if (verdict.kind === 'pass') return 'pass';
  if (verdict.kind === 'cancelled') return 'warn';
  return 'fail';
}

/** A verdict in a sentence, with the table's words for the limits ("time limit", not the core's "timeout"). */
export function verdictWords(verdict: Verdict): string {
  return verdict.kind === 'fail' || verdict.kind === 'crash' || verdict.kind === 'invalid-module'
    ? describeVerdict(verdict)
    : VERDICT_LABEL[verdict.kind];
}
