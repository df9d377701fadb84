import { diffArrays } from 'diff';
import type { Outcome } from './gold.ts';
import { MARK, showLine, splitLines } from './show-whitespace.ts';

const CONTEXT = 3;
const MAX_LINES = 400;

/**
 * A readable diff of one failing case: each differing stream as unified-style lines with whitespace made visible,
 * then both exit codes. Lines starting with `-` are expected (the oracle), `+` actual (the candidate).
 */
export function renderOutcomeDiff(expected: Outcome, actual: Outcome): string {
  const parts: string[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    const d = renderStreamDiff(expected[stream], actual[stream]);
    if (d) parts.push(`${stream} (- expected, + actual):\n${d}`);
  }
  if (expected.code !== actual.code) parts.push(`exit code: expected ${expected.code}, got ${actual.code}`);
  const names = [...new Set([...Object.keys(expected.files), ...Object.keys(actual.files)])].sort();
  for (const name of names) {
    const e = expected.files[name];
    const a = actual.files[name];
    if (!e) parts.push(`file ${name}: not expected, but written`);
    else if (!a) parts.push(`file ${name}: expected, but not written`);
    else {
      const d = renderStreamDiff(e, a);
      if (d) parts.push(`file ${name} (- expected, + actual):\n${d}`);
    }
  }
  return parts.join('\n');
}

/** Returns '' when the two byte strings are equal. */
export function renderStreamDiff(expected: Uint8Array, actual: Uint8Array): string {
  const a = splitLines(expected).map(showEnded);
  const b = splitLines(actual).map(showEnded);
  const changes = diffArrays(a, b);
  if (changes.every((c) => !c.added && !c.removed)) return '';
  const rows: string[] = [];
  changes.forEach((change, i) => {
    if (change.added || change.removed) {
      for (const line of change.value) rows.push(`${change.added ? '+' : '-'} ${line}`);
      return;
    }
    const lines = change.value;
    const head = i === 0 ? [] : lines.slice(0, CONTEXT);
    const tail = i === changes.length - 1 ? [] : lines.slice(-CONTEXT);
    if (head.length + tail.length >= lines.length) {
      for (const line of lines) rows.push(`  ${line}`);
    } else {
      for (const line of head) rows.push(`  ${line}`);
      rows.push(`  … ${lines.length - head.length - tail.length} equal lines`);
      for (const line of tail) rows.push(`  ${line}`);
    }
  });
  if (expected.length === 0) rows.unshift('  (expected nothing)');
  if (actual.length === 0) rows.push('  (got nothing)');
  if (rows.length > MAX_LINES)
    return [...rows.slice(0, MAX_LINES), `  … ${rows.length - MAX_LINES} more lines`].join('\n');
  return rows.join('\n');
}

function showEnded(line: Uint8Array): string {
  const ended = line[line.length - 1] === 0x0a;
  const shown = showLine(ended ? line.subarray(0, -1) : line);
  return ended ? shown : `${shown}${MARK.noFinalNewline}`;
}
