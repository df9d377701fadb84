import { TRAP_EXIT_CODE } from './environment.ts';
import type { Limits } from './limits.ts';
import { noOutput, type Captured, type RunResult } from './run-result.ts';

/**
 * More files than this in one result is not a program's output but an attempt to flood the page. Well above what an
 * engine lets a run make (16,384 new files in Pyodide and QuickJS) plus a test's own files: a result within the
 * engines' limits must never be taken for a forged one.
 */
export const MAX_RESULT_FILES = 65_536;
/** Longest message (trap, invalid module, engine start failure) the page takes from a candidate worker. */
export const MAX_MESSAGE_CHARS = 64 * 1024;

const KINDS = new Set([
  'exited',
  'trap',
  'timeout',
  'output-limit',
  'memory-limit',
  'file-limit',
  'invalid-module',
  'cancelled',
]);

/**
 * A RunResult rebuilt from what a candidate's realm sent (a browser worker of the candidate realm, a sandboxed child
 * process in Node), or why it is not one. The worker may be owned by the
 * program it ran, so nothing is taken on trust: only the fields of the result's kind are read, each of its type,
 * streams no longer than the run's output limit, files within the run's file limit, and every byte array copied out
 * of whatever larger buffer it was sent in.
 */
export function untrustedRunResult(value: unknown, limits: Limits): RunResult | string {
  if (!isRecord(value)) return 'the answer is not an object';
  const kind = value.kind;
  if (typeof kind !== 'string' || !KINDS.has(kind)) return `the answer has no known kind (${String(kind)})`;
  const ms = value.ms;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return 'the answer has no valid time';
  if (kind === 'invalid-module') {
    const message = text(value.message);
    return message === undefined ? 'the answer has no message' : { kind, message, ms };
  }
  const captured = untrustedCaptured(value, limits, ms);
  if (typeof captured === 'string') return captured;
  switch (kind) {
    case 'exited': {
      const code = value.code;
      if (!Number.isSafeInteger(code)) return 'the exit code is not an integer';
      return { kind, code: code as number, ...captured };
    }
    case 'trap': {
      const code = value.code;
      const message = text(value.message);
      if (!Number.isSafeInteger(code) || message === undefined) return 'the trap has no code or message';
      return { kind, code: code as number, message, ...captured };
    }
    case 'timeout':
      return value.limitMs === limits.wallMs
        ? { kind, limitMs: limits.wallMs, ...captured }
        : 'a timeout names another limit';
    case 'output-limit': {
      const stream = value.stream;
      if ((stream !== 'stdout' && stream !== 'stderr') || value.limitBytes !== limits.outputBytes)
        return 'an output limit names another stream or limit';
      return { kind, stream, limitBytes: limits.outputBytes, ...captured };
    }
    case 'memory-limit':
      return value.limitBytes === limits.memoryBytes
        ? { kind, limitBytes: limits.memoryBytes, ...captured }
        : 'a memory limit names another limit';
    case 'file-limit':
      return value.limitBytes === limits.fileBytes
        ? { kind, limitBytes: limits.fileBytes, ...captured }
        : 'a file limit names another limit';
    default:
      return { kind: 'cancelled', ...captured };
  }
}

function untrustedCaptured(value: Record<string, unknown>, limits: Limits, ms: number): Captured | string {
  const stdout = bytes(value.stdout, limits.outputBytes);
  const stderr = bytes(value.stderr, limits.outputBytes);
  if (!stdout || !stderr) return 'a stream is not bytes within the output limit';
  const given = value.files;
  if (!isRecord(given)) return 'the files are not an object';
  const names = Object.keys(given);
  if (names.length > MAX_RESULT_FILES) return `more than ${MAX_RESULT_FILES} files`;
  const files: Record<string, Uint8Array> = {};
  let total = 0;
  for (const name of names) {
    const data = bytes(given[name], limits.fileBytes - total);
    if (!data || name === '' || name.length > 4096)
      return `the file ${name.slice(0, 80)} is not bytes within the file limit`;
    total += data.byteLength;
    Object.defineProperty(files, name, { value: data, enumerable: true, writable: true, configurable: true });
  }
  return { stdout, stderr, files, ms };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.slice(0, MAX_MESSAGE_CHARS) : undefined;
}

function bytes(value: unknown, limit: number): Uint8Array | undefined {
  if (!(value instanceof Uint8Array) || value.byteLength > limit) return undefined;
  // A short view may come in a huge buffer; keep only its bytes.
  return value.byteLength === value.buffer.byteLength ? value : value.slice();
}

/**
 * The run's result if `value` is a valid one for these limits, else a trap naming `source` and the problem: a forged
 * or malformed answer can never pass for a verdict it could not have earned.
 */
export function untrustedOrTrap(value: unknown, limits: Limits, source: string): RunResult {
  const result = untrustedRunResult(value, limits);
  if (typeof result !== 'string') return result;
  return {
    kind: 'trap',
    code: TRAP_EXIT_CODE,
    message: `${source} gave a malformed result (${result})`,
    ...noOutput(0),
  };
}
