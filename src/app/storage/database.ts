import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RunResultKind } from '../../core/run-result.ts';
import type { Verdict } from '../../core/verdict.ts';
import type { ScratchTest } from '../../core/workspace-export.ts';
import type { SourceFile } from '../../core/source-file.ts';

/** A workspace as saved: one per target. */
export interface StoredWorkspace {
  target: string;
  toolchain: string;
  files: SourceFile[];
  activeFile: string;
  scratchTests: ScratchTest[];
  timeLimitMs: number;
  savedAt: number;
}

/** What one oracle-console run produced, with streams cut to what is worth keeping (see oracle-run.ts). */
export interface StoredRunResult {
  kind: RunResultKind;
  /** Exit code, for runs that ended on their own. */
  code?: number;
  /** Why the run did not end normally (limit, invalid module…). */
  stop?: string;
  stdout: Uint8Array;
  stderr: Uint8Array;
  /** Full sizes; larger than the arrays above when output was cut. */
  stdoutBytes: number;
  stderrBytes: number;
  /** Files the program created or changed (they count in scoring); dropped when larger than the stream cap. */
  written: Record<string, Uint8Array>;
  writtenComplete: boolean;
  ms: number;
}

export interface StoredOracleRun {
  id?: number;
  target: string;
  at: number;
  argv: string[];
  stdin: Uint8Array;
  /** Full stdin size; larger than `stdin` when it was too big to keep. */
  stdinBytes: number;
  files: Record<string, Uint8Array>;
  result: StoredRunResult;
}

export interface StoredSubmission {
  id?: number;
  target: string;
  at: number;
  codeHash: string;
  toolchain: string;
  visible: { passed: number; total: number };
  hidden: { passed: number; total: number };
  solved: boolean;
  /** How many cases got each verdict, per set; never which hidden cases. */
  verdicts: { visible: Record<string, number>; hidden: Record<string, number> };
  /** The workspace's files as submitted (submissions before these were kept have none). */
  files?: SourceFile[];
}

/** App-wide choices, one record per setting (see src/app/state/runtime-setting.svelte.ts). */
export interface StoredSetting {
  name: string;
  value: string;
}

/** One agent run (Agent tab): its checkpoint as the JSON text the loop saved, never a key. */
export interface StoredAgentRun {
  id: string;
  target: string;
  createdAt: number;
  updatedAt: number;
  provider: string;
  model: string;
  language: string;
  /** The base URL the run was started with (a URL without credentials: configProblem refuses those). */
  baseUrl?: string;
  /** The latest Checkpoint, serialised (absent until the loop's first save). */
  checkpoint?: string;
  /** The user pressed Stop: the run is over though its checkpoint could be resumed. */
  endedByUser?: boolean;
}

/** One trajectory line of an agent run, appended in order. */
export interface StoredAgentEvent {
  id?: number;
  run: string;
  line: string;
}

/** One case of a kept Tests run: its verdict and the beginning of its streams (see test-run.svelte.ts). */
export interface StoredCase {
  id: string;
  set: 'visible' | 'hidden';
  verdict: Verdict;
  ms: number;
  sizes?: { stdout: number; stderr: number; files: number };
  actual?: { code: number; stdout: Uint8Array; stderr: Uint8Array };
  partial?: { stdout: Uint8Array; stderr: Uint8Array };
}

/** The Tests tab of one target as it was left: the filter, "failing only", and the last run's verdicts. */
export interface StoredTestsView {
  target: string;
  filter: string;
  failingOnly: boolean;
  run?: {
    at: number;
    phase: 'done' | 'stopped' | 'cancelled';
    total: number;
    elapsedMs: number;
    stoppedAfterTimeouts: number;
    cases: StoredCase[];
  };
}

interface MirrorboxSchema extends DBSchema {
  workspaces: { key: string; value: StoredWorkspace };
  'oracle-runs': { key: number; value: StoredOracleRun; indexes: { target: string } };
  submissions: { key: number; value: StoredSubmission; indexes: { target: string } };
  settings: { key: string; value: StoredSetting };
  'agent-runs': { key: string; value: StoredAgentRun; indexes: { target: string } };
  'agent-events': { key: number; value: StoredAgentEvent; indexes: { run: string } };
  'tests-views': { key: string; value: StoredTestsView };
}

export type Database = IDBPDatabase<MirrorboxSchema>;

const NAME = 'mirrorbox';
/**
 * 2 added `settings`, 3 the agent's runs and their trajectories, 4 the Tests tab's last run per target; an upgrade
 * creates only the stores the old version lacked, so nothing saved is lost.
 */
const VERSION = 4;

let opened: Promise<Database> | undefined;

/** The app's IndexedDB database, opened once; rejects where the browser offers no IndexedDB (some private modes). */
export function database(): Promise<Database> {
  if (!opened) {
    opened = openDB<MirrorboxSchema>(NAME, VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore('workspaces', { keyPath: 'target' });
          db.createObjectStore('oracle-runs', { keyPath: 'id', autoIncrement: true }).createIndex('target', 'target');
          db.createObjectStore('submissions', { keyPath: 'id', autoIncrement: true }).createIndex('target', 'target');
        }
        if (oldVersion < 2) db.createObjectStore('settings', { keyPath: 'name' });
        if (oldVersion < 3) {
          db.createObjectStore('agent-runs', { keyPath: 'id' }).createIndex('target', 'target');
          db.createObjectStore('agent-events', { keyPath: 'id', autoIncrement: true }).createIndex('run', 'run');
        }
        if (oldVersion < 4) db.createObjectStore('tests-views', { keyPath: 'target' });
      },
      // Another tab opened a newer version: let it upgrade (this tab reopens on its next read or write).
      blocking() {
        void opened?.then((db) => db.close());
        opened = undefined;
      },
    });
    // A failed open is not remembered, so a later write can try again.
    opened.catch(() => (opened = undefined));
  }
  return opened;
}
