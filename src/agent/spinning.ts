/**
 * Progress detection. A run is "spinning" when either holds:
 *
 * - **repeats**: the same tool call (name and arguments) gave the same result `repeats` times in a row (default 4);
 * - **no progress**: `toolCalls` tool calls in a row (default 30) passed with no change in the visible pass count,
 *   as `run_tests` and `submit` report it (the first count a run sees is a change; a run that never tests makes no
 *   progress by this measure).
 *
 * The first time a rule fires the agent gets a nudge (a message naming the rule). If a rule still holds `grace` tool
 * calls later (default 10) the run stops with the reason `spinning`; a tool call after which neither rule holds
 * withdraws the nudge, so a later spell of spinning is nudged afresh.
 *
 * Separately, a model turn without any tool call is answered with "continue, or call submit"; `idleTurns` such turns
 * in a row (default 3) stop the run as spinning too.
 *
 * The state is plain data and lives in the checkpoint, so a resumed run judges exactly as an uninterrupted one.
 */

export interface SpinSettings {
  toolCalls: number;
  repeats: number;
  grace: number;
  idleTurns: number;
}

export const DEFAULT_SPIN: Readonly<SpinSettings> = Object.freeze({
  toolCalls: 30,
  repeats: 4,
  grace: 10,
  idleTurns: 3,
});

export interface SpinState {
  /** Hash of the last call's name, arguments and result (the budget footer excluded). */
  last?: string;
  /** How many calls in a row had that hash. */
  repeats: number;
  /** Tool calls since the visible pass count last changed. */
  sinceChange: number;
  passed?: number;
  /** Tool calls counted since the nudge; absent when no nudge is outstanding. */
  sinceNudge?: number;
  idleTurns: number;
}

export const initialSpin = (): SpinState => ({ repeats: 0, sinceChange: 0, idleTurns: 0 });

export type SpinVerdict = { kind: 'none' } | { kind: 'nudge'; reason: string } | { kind: 'stop'; reason: string };

export interface ToolObservation {
  name: string;
  argumentsJson: string;
  /** The result text without its budget footer (which changes every call). */
  result: string;
  /** The visible pass count this call reported (run_tests, submit), if any. */
  visiblePassed?: number;
}

/** 53-bit string hash (cyrb53): the state needs only equality of calls, not their text. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Arguments compared by meaning where they parse (key order and spacing ignored), by text where they do not. */
function canonicalArguments(json: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(json)));
  } catch {
    return json;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export function observeToolCall(
  state: SpinState,
  call: ToolObservation,
  settings: SpinSettings,
): { state: SpinState; verdict: SpinVerdict } {
  const hash = hashText(`${call.name}\n${canonicalArguments(call.argumentsJson)}\n${call.result}`);
  const repeats = hash === state.last ? state.repeats + 1 : 1;
  const changed = call.visiblePassed !== undefined && call.visiblePassed !== state.passed;
  const next: SpinState = {
    last: hash,
    repeats,
    sinceChange: changed ? 0 : state.sinceChange + 1,
    idleTurns: 0,
    ...(call.visiblePassed !== undefined
      ? { passed: call.visiblePassed }
      : state.passed !== undefined
        ? { passed: state.passed }
        : {}),
  };
  let reason: string | undefined;
  if (repeats >= settings.repeats) reason = `the same ${call.name} call gave the same result ${repeats} times in a row`;
  else if (next.sinceChange >= settings.toolCalls)
    reason = `${next.sinceChange} tool calls in a row without a change in the visible pass count`;
  if (reason === undefined) return { state: next, verdict: { kind: 'none' } };
  if (state.sinceNudge === undefined) return { state: { ...next, sinceNudge: 0 }, verdict: { kind: 'nudge', reason } };
  const sinceNudge = state.sinceNudge + 1;
  if (sinceNudge >= settings.grace) return { state: { ...next, sinceNudge }, verdict: { kind: 'stop', reason } };
  return { state: { ...next, sinceNudge }, verdict: { kind: 'none' } };
}

/** After a model turn: a turn with tool calls clears the idle count (observeToolCall does); one without adds to it. */
export function observeIdleTurn(state: SpinState, settings: SpinSettings): { state: SpinState; verdict: SpinVerdict } {
  const idleTurns = state.idleTurns + 1;
  const next = { ...state, idleTurns };
  if (idleTurns >= settings.idleTurns)
    return { state: next, verdict: { kind: 'stop', reason: `${idleTurns} model turns in a row without a tool call` } };
  return { state: next, verdict: { kind: 'none' } };
}

/** The message the agent gets when a rule first fires. */
export function nudgeText(reason: string): string {
  return (
    `Progress check: ${reason}. This looks like spinning. Step back: re-read the docs, compare your output with the ` +
    `oracle's on a small input, and change your approach. If you believe the program is complete, call submit. ` +
    `If this goes on, the run will be stopped.`
  );
}

export const IDLE_NUDGE = 'Continue working with the tools, or call submit if you are done.';
