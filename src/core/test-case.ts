/**
 * A test case is plain data: what the program is given. Its expected outcome (gold) is produced by running the
 * oracle, never written by hand.
 */
export interface TestCase {
  /** Stable id, unique within a target, e.g. `json-v4-upper`. Lock files and reports refer to it. */
  id: string;
  /** Arguments after argv[0]; argv[0] is always the target's program name. */
  argv: string[];
  /** Standard input as UTF-8 text, or `{base64}` for binary input. Absent means empty stdin. */
  stdin?: TextOrBytes;
  /** Files placed in the working directory `/` before the run, by relative path. */
  files?: Record<string, TextOrBytes>;
  /** Extra environment variables on top of the fixed contract (see environment.ts). */
  env?: Record<string, string>;
  /** The instant the program's clock starts at, as an ISO-8601 UTC string. Defaults to CONTRACT_EPOCH. */
  clock?: string;
  /** For a hidden case: the id of the visible case it is the dual of (same feature, other values). */
  dualOf?: string;
  /** Free-text label of the feature the case exercises; shown next to visible cases only. */
  feature?: string;
}

export type TextOrBytes = string | { base64: string };

export type TestSet = 'visible' | 'hidden';

/** The test definitions of one target, before any gold outputs exist. */
export interface TestSuite {
  visible: TestCase[];
  hidden: TestCase[];
}
