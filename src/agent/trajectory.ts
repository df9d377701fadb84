import type { BudgetKind, UsageTotals } from './budgets.ts';
import type { ModelError, Usage } from './model-client.ts';

export type StopKind = 'submitted' | 'budget' | 'spinning' | 'error' | 'cancelled';

export interface PassCount {
  passed: number;
  total: number;
}

/**
 * One line of trajectory.jsonl. Append-only; `seq` counts from 0 across resumes; `t` is ISO time. Never holds a key
 * (redact() refuses to serialise an event containing the run's secret).
 *
 * A run killed between writing events and writing its checkpoint may leave lines whose `seq` is at or past the
 * checkpoint's; the `resume` event names the seq it continues from (`fromSeq`), and a reader keeps, for each seq,
 * the last line that carries it.
 */
export type TrajectoryEvent = { seq: number; t: string } & (
  | {
      kind: 'start';
      target: string;
      language: string;
      provider: string;
      model: string;
      promptVersion: string;
      /** The system prompt and the task text the run started with, so the log is auditable on its own. */
      system: string;
      task: string;
      budgets: object;
      settings: object;
    }
  | { kind: 'resume'; fromSeq: number }
  | { kind: 'model-request'; turn: number; messages: number; estimatedTokens: number; tools: string[] }
  | {
      kind: 'model-response';
      turn: number;
      text: string;
      toolCalls: { id: string; name: string; argumentsJson: string }[];
      usage: Usage;
      stop: string;
    }
  | { kind: 'model-error'; turn: number; error: ModelError }
  | { kind: 'tool-call'; id: string; name: string; argumentsJson: string }
  | {
      kind: 'tool-result';
      id: string;
      name: string;
      text: string;
      isError: boolean;
      ms: number;
      /** The visible pass count, after each run_tests (and submit). */
      visible?: PassCount;
      /** Hidden counts, after a submit. */
      hidden?: PassCount;
    }
  | { kind: 'budget'; usage: UsageTotals }
  | { kind: 'nudge'; reason: string; text: string }
  | { kind: 'context-reset'; estimatedTokens: number; notesBytes: number; droppedMessages: number }
  | { kind: 'pause'; reason: string }
  /** The end of a session: final (with the last counts: visible scored once more unless submitted) or cancelled. */
  | { kind: 'stop'; stop: StopKind; budget?: BudgetKind; message?: string; visible?: PassCount; hidden?: PassCount }
);

/** An event without its seq and time, as the loop builds it. */
export type EventBody = TrajectoryEvent extends infer E ? (E extends unknown ? Omit<E, 'seq' | 't'> : never) : never;

export type Redacted = { kind: 'ok'; line: string } | { kind: 'error'; message: string };

/** The ways a secret can appear in serialised JSON: as it is, and with JSON's escapes. */
function secretForms(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  return escaped === secret ? [secret] : [secret, escaped];
}

/** True when `text` (any serialised bytes: an event, a checkpoint, an export) contains the secret. */
export function containsSecret(text: string, secret: string | undefined): boolean {
  if (!secret) return false;
  return secretForms(secret).some((form) => text.includes(form));
}

/** The event as one JSON line, or an error when the line would contain the secret (it is then not written). */
export function redact(event: TrajectoryEvent, secret: string | undefined): Redacted {
  const line = JSON.stringify(event);
  if (containsSecret(line, secret))
    return { kind: 'error', message: `trajectory event ${event.seq} (${event.kind}) contains the API key` };
  return { kind: 'ok', line };
}

export const SECRET_MARK = '[secret removed]';

/**
 * Replaces every occurrence of the secret in a JSON text. The loop uses it only after redact() refused, so a model
 * that somehow echoes the key cannot make the key reach storage.
 */
export function scrubSecret(json: string, secret: string | undefined): string {
  if (!secret) return json;
  let out = json;
  for (const form of secretForms(secret)) out = out.split(form).join(SECRET_MARK);
  return out;
}

/** Events as JSON lines (the export format), each line passed through redact(). */
export function toJsonLines(events: readonly TrajectoryEvent[], secret: string | undefined): Redacted {
  const lines: string[] = [];
  for (const e of events) {
    const r = redact(e, secret);
    if (r.kind === 'error') return r;
    lines.push(r.line);
  }
  return { kind: 'ok', line: lines.map((l) => `${l}\n`).join('') };
}
