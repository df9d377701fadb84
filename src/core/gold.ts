import { decodeTextOrBytes, encodeTextOrBytes } from './bytes.ts';
import { digestFields } from './digest.ts';
import type { RunResult } from './run-result.ts';
import type { TextOrBytes } from './test-case.ts';

/** What a program did, as far as scoring cares: the bytes of both streams, the exit code and the files it wrote. */
export interface Outcome {
  code: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  files: Record<string, Uint8Array>;
}

/** Outcome in JSON form, as stored in built packs (text when valid UTF-8, base64 otherwise). */
export interface OutcomeJson {
  code: number;
  stdout: TextOrBytes;
  stderr: TextOrBytes;
  files?: Record<string, TextOrBytes>;
}

/** Runs that ended on their own (exit or trap) have an outcome; runs stopped by a limit do not. */
export function outcomeOf(result: RunResult): Outcome | undefined {
  if (result.kind !== 'exited' && result.kind !== 'trap') return undefined;
  return { code: result.code, stdout: result.stdout, stderr: result.stderr, files: result.files };
}

const DIGEST_DOMAIN = 'mirrorbox-outcome/1\n';

/**
 * The digest that stands for an outcome in lock files and, for hidden cases, in built packs: it lets a candidate be
 * checked without the expected bytes being readable.
 */
export function outcomeDigest(outcome: Outcome): string {
  const encoder = new TextEncoder();
  const code = new Uint8Array(4);
  new DataView(code.buffer).setInt32(0, outcome.code, true);
  const fields = [code, outcome.stdout, outcome.stderr];
  for (const name of Object.keys(outcome.files).sort()) {
    fields.push(encoder.encode(name), outcome.files[name] as Uint8Array);
  }
  return digestFields(DIGEST_DOMAIN, fields);
}

export function outcomeToJson(outcome: Outcome): OutcomeJson {
  const json: OutcomeJson = {
    code: outcome.code,
    stdout: encodeTextOrBytes(outcome.stdout),
    stderr: encodeTextOrBytes(outcome.stderr),
  };
  const names = Object.keys(outcome.files).sort();
  if (names.length > 0)
    json.files = Object.fromEntries(names.map((n) => [n, encodeTextOrBytes(outcome.files[n] as Uint8Array)]));
  return json;
}

export function outcomeFromJson(json: OutcomeJson): Outcome {
  const files: Record<string, Uint8Array> = {};
  for (const [name, value] of Object.entries(json.files ?? {})) files[name] = decodeTextOrBytes(value);
  return { code: json.code, stdout: decodeTextOrBytes(json.stdout), stderr: decodeTextOrBytes(json.stderr), files };
}
