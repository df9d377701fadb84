import type { BudgetKind, UsageTotals } from './budgets.ts';
import type { ReportedSize } from './context.ts';
import type { WorkspaceFiles } from './environment.ts';
import type { AgentResult, AgentSettings } from './loop.ts';
import type { Message } from './messages.ts';
import type { SpinState } from './spinning.ts';
import type { PassCount, StopKind, TrajectoryEvent } from './trajectory.ts';

/**
 * The run's state as plain JSON: everything needed to resume. Written after every model turn and every tool result,
 * always after the events up to that point were appended. Tool results of a turn are added to the conversation one
 * by one, so a checkpoint taken between two of a turn's tool calls resumes with the calls still unanswered.
 */
export interface Checkpoint {
  version: 1;
  /** The seq the next event gets (the number of events written up to this checkpoint). */
  seq: number;
  messages: Message[];
  workspace: WorkspaceFiles;
  usage: UsageTotals;
  /** submissions, resets, nudges: counts the loop keeps across resumes. */
  counters: Record<string, number>;
  /** The settings the run started with; a resumed run keeps them (the same budgets), whatever the caller passes. */
  settings: AgentSettings;
  /** Who and what the run is about, for the resume check and the result. */
  run: { target: string; language: string; provider: string; model: string; promptVersion: string };
  spin: SpinState;
  /** The provider's last size report, for the context estimate. */
  context?: ReportedSize;
  /** Text to add after the current tool results, before the next model request (nudges). */
  pendingText: string[];
  visible?: PassCount;
  hidden?: PassCount;
  /** Set when the run has ended for good; resuming it returns `result` again. */
  stopped?: { stop: StopKind; budget?: BudgetKind; message?: string };
  result?: AgentResult;
}

export interface CheckpointStore {
  load(): Promise<Checkpoint | undefined>;
  /**
   * Atomic: a torn write leaves the previous checkpoint. The loop passes its live state and changes it once the
   * promise settles, so the store must copy or serialise it before its first await (IndexedDB's put and
   * JSON.stringify both do).
   */
  save(checkpoint: Checkpoint): Promise<void>;
  appendEvents(events: TrajectoryEvent[]): Promise<void>;
}

export type CheckpointParse = { kind: 'ok'; checkpoint: Checkpoint } | { kind: 'error'; message: string };

/**
 * Checks the shape of a checkpoint read back from storage (a folder, IndexedDB, an import) and says in one line what
 * is wrong. Shallow on purpose: it catches a torn, foreign or older file, not every field.
 */
export function parseCheckpoint(value: unknown): CheckpointParse {
  const fail = (what: string): CheckpointParse => ({ kind: 'error', message: `not a usable checkpoint: ${what}` });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not a JSON object');
  const v = value as Record<string, unknown>;
  if (v.version !== 1) return fail(`version ${JSON.stringify(v.version)}, expected 1`);
  if (typeof v.seq !== 'number' || !Number.isInteger(v.seq) || v.seq < 0) return fail('seq missing');
  if (!Array.isArray(v.messages)) return fail('messages missing');
  for (const [name, field] of [
    ['workspace', v.workspace],
    ['usage', v.usage],
    ['counters', v.counters],
    ['settings', v.settings],
    ['run', v.run],
    ['spin', v.spin],
  ] as const)
    if (typeof field !== 'object' || field === null || Array.isArray(field)) return fail(`${name} missing`);
  if (!Object.values(v.workspace as object).every((c) => typeof c === 'string'))
    return fail('workspace files must be text');
  if (!Array.isArray(v.pendingText)) return fail('pendingText missing');
  return { kind: 'ok', checkpoint: value as Checkpoint };
}
