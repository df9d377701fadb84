import { addTurn, budgetFooter, exceeded, TOOL_BUDGETS, type BudgetKind, type Budgets, type Price } from './budgets.ts';
import { emptyTotals } from './budgets.ts';
import { parseCheckpoint, type Checkpoint, type CheckpointStore } from './checkpoint.ts';
import { DEFAULT_RESET_AT, estimateTokens, reportedTokens, shouldReset } from './context.ts';
import type { AgentEnvironment } from './environment.ts';
import type { ContentBlock, Message, ToolCallBlock } from './messages.ts';
import type { ModelClient, ModelError, ModelTurn, StreamEvent, ToolSpec } from './model-client.ts';
import { freshStart, notesRequest, PROMPT_VERSION, systemPrompt, taskText, type TaskInfo } from './prompt.ts';
import {
  DEFAULT_SPIN,
  IDLE_NUDGE,
  initialSpin,
  nudgeText,
  observeIdleTurn,
  observeToolCall,
  type SpinSettings,
} from './spinning.ts';
import { executeTool, isSolved, TOOL_SPECS, toolSpec, type ToolOutcome } from './tools.ts';
import {
  containsSecret,
  redact,
  scrubSecret,
  type EventBody,
  type StopKind,
  type TrajectoryEvent,
} from './trajectory.ts';
import { byteLength, DEFAULT_WORKSPACE_LIMITS, NOTES_FILE, sortedPaths, type WorkspaceLimits } from './workspace.ts';

export type { Checkpoint, CheckpointStore } from './checkpoint.ts';

export interface AgentSettings {
  budgets: Budgets;
  price?: Price;
  /** The model's context window in tokens; a reset happens at `resetAt` of it (default 0.8). */
  contextTokens: number;
  resetAt?: number;
  /**
   * Spinning (spinning.ts): N tool calls in a row with no change in the visible pass count (default 30), or the same
   * call with the same result repeated R times (default 4). First a nudge, then after `spinGrace` more calls
   * (default 10) the stop. `spinIdleTurns` model turns in a row without a tool call (default 3) stop the run too.
   */
  spinToolCalls?: number;
  spinRepeats?: number;
  spinGrace?: number;
  spinIdleTurns?: number;
  /** Submissions allowed (default 1: submit ends the run). */
  attempts?: number;
  /** Output tokens per model turn (default 8192). */
  maxOutputTokens?: number;
  /** Bytes of one tool result before its budget footer (default 16 KiB). */
  toolResultBytes?: number;
  workspaceLimits?: Partial<WorkspaceLimits>;
}

export interface AgentResult {
  target: string;
  lang: string;
  model: string;
  solved: boolean;
  visible: { passed: number; total: number };
  hidden: { passed: number; total: number };
  stop: StopKind;
  budget?: BudgetKind;
  /** `inputTokens` counts every input token, cached or not (the budget's sum); costUsd is absent without a price. */
  usage: { inputTokens: number; outputTokens: number; costUsd?: number };
  toolCalls: number;
  turns: number;
  ms: number;
  /** Why the run stopped, in words; for stop 'error', what to do about it. */
  message?: string;
  /** True when the run can be resumed from its store (cancelled, or paused for a key or quota problem). */
  resumable?: boolean;
}

export interface RunAgentOptions {
  environment: AgentEnvironment;
  model: ModelClient;
  /** Used for a new run; a resumed run keeps the settings of its checkpoint (the same budgets). */
  settings: AgentSettings;
  store: CheckpointStore;
  /** Aborting stops at once (stop 'cancelled') after a consistent checkpoint. */
  signal: AbortSignal;
  /** The secret the trajectory and checkpoints must never contain (checked by redact()). */
  secret?: string;
  onEvent?: (e: TrajectoryEvent) => void;
  /** The model's stream while a turn is under way (live transcript); not logged. */
  onStream?: (e: StreamEvent) => void;
  /** A clock in milliseconds the tests can drive; defaults to performance.now(). */
  now?: () => number;
}

export const DEFAULT_MAX_OUTPUT_TOKENS = 8192;
export const DEFAULT_TOOL_RESULT_BYTES = 16 * 1024;

type Step = { kind: 'continue' } | { kind: 'done'; result: AgentResult };

/** The tool calls of the last assistant message that have no result yet, in order. */
export function unansweredCalls(messages: readonly Message[]): ToolCallBlock[] {
  const last = messages[messages.length - 1];
  const assistant = last?.role === 'assistant' ? last : messages[messages.length - 2];
  if (!assistant || assistant.role !== 'assistant') return [];
  const calls = assistant.content.filter((b): b is ToolCallBlock => b.kind === 'tool-call');
  if (assistant === last) return calls;
  const answered = new Set(last?.content.flatMap((b) => (b.kind === 'tool-result' ? [b.callId] : [])));
  return calls.filter((c) => !answered.has(c.id));
}

const describeError = (e: ModelError): string => ('message' in e ? e.message : e.kind);

/**
 * Runs (or resumes) one attempt: model turns and tool calls until the agent submits, a budget is reached, the run
 * spins, the provider fails or `signal` aborts. Never throws for anything a model, a provider or a tool does; a
 * store that throws (storage full) propagates, since the run could not be resumed then.
 */
export async function runAgent(options: RunAgentOptions): Promise<AgentResult> {
  const { environment: env, model, store, signal, secret } = options;
  const now = options.now ?? (() => performance.now());

  const stored = await store.load();
  const parsed = stored === undefined ? undefined : parseCheckpoint(stored);
  if (parsed?.kind === 'error') return usageError(parsed.message);
  const loaded = parsed?.checkpoint;
  if (loaded?.result) return loaded.result;
  if (loaded && loaded.run.target !== env.target.id)
    return usageError(`the checkpoint is for target ${loaded.run.target}, not ${env.target.id}`);
  const settings = loaded?.settings ?? options.settings;
  if (settings.budgets.maxCostUsd !== undefined && !settings.price)
    return usageError(`a cost budget needs a price for ${model.model}: add it to the price table`);

  const info: TaskInfo = { target: env.target, language: env.language, attempts: settings.attempts ?? 1 };
  const system = systemPrompt(info);
  const spinSettings: SpinSettings = {
    toolCalls: settings.spinToolCalls ?? DEFAULT_SPIN.toolCalls,
    repeats: settings.spinRepeats ?? DEFAULT_SPIN.repeats,
    grace: settings.spinGrace ?? DEFAULT_SPIN.grace,
    idleTurns: settings.spinIdleTurns ?? DEFAULT_SPIN.idleTurns,
  };
  const workspaceLimits = { ...DEFAULT_WORKSPACE_LIMITS, ...settings.workspaceLimits };
  const resultBytes = settings.toolResultBytes ?? DEFAULT_TOOL_RESULT_BYTES;

  const cp: Checkpoint = loaded ?? {
    version: 1,
    seq: 0,
    messages: [{ role: 'user', content: [{ kind: 'text', text: taskText(info) }] }],
    workspace: {},
    usage: emptyTotals(settings.price),
    counters: { submissions: 0, resets: 0, nudges: 0 },
    settings,
    run: {
      target: env.target.id,
      language: env.language,
      provider: model.provider,
      model: model.model,
      promptVersion: PROMPT_VERSION,
    },
    spin: initialSpin(),
    pendingText: [],
  };
  const counter = (name: string): number => cp.counters[name] ?? 0;
  const bump = (name: string): void => {
    cp.counters[name] = counter(name) + 1;
  };

  // Wall time is summed over resumes: this session's share is added to what the checkpoint had.
  const sessionStart = now();
  const wallBefore = cp.usage.wallMs;
  const tick = (): void => {
    cp.usage.wallMs = wallBefore + (now() - sessionStart);
  };

  /** The value with every occurrence of the key replaced; the same value when it holds none (the usual case). */
  const scrubbed = <T>(value: T): T => {
    if (!secret) return value;
    const json = JSON.stringify(value);
    return containsSecret(json, secret) ? (JSON.parse(scrubSecret(json, secret)) as T) : value;
  };

  const outbox: TrajectoryEvent[] = [];
  const emit = (body: EventBody): void => {
    let event = { seq: cp.seq++, t: new Date().toISOString(), ...body } as TrajectoryEvent;
    if (secret && redact(event, secret).kind === 'error')
      event = JSON.parse(scrubSecret(JSON.stringify(event), secret)) as TrajectoryEvent;
    outbox.push(event);
    options.onEvent?.(event);
  };
  /** Events first, then the checkpoint: a checkpoint never refers to an event that was not written. */
  const persist = async (): Promise<void> => {
    tick();
    if (outbox.length > 0) await store.appendEvents(outbox.splice(0));
    // The live state, not a copy (the store serialises it before its first await, see CheckpointStore). It cannot
    // hold the key: all it holds comes from the task, the model's answers and the tools' results, and the latter two
    // are scrubbed as they arrive (scrubbed()).
    await store.save(cp);
  };

  const result = (stop: StopKind, extra: { budget?: BudgetKind; message?: string; resumable?: boolean }) => {
    tick();
    const r: AgentResult = {
      target: cp.run.target,
      lang: cp.run.language,
      model: cp.run.model,
      solved: stop === 'submitted' && counter('solved') > 0,
      visible: cp.visible ?? { passed: 0, total: 0 },
      hidden: cp.hidden ?? { passed: 0, total: 0 },
      stop,
      ...(extra.budget ? { budget: extra.budget } : {}),
      usage: {
        inputTokens: cp.usage.inputTokens + cp.usage.cacheReadTokens + cp.usage.cacheWriteTokens,
        outputTokens: cp.usage.outputTokens,
        ...(cp.usage.costUsd !== undefined ? { costUsd: cp.usage.costUsd } : {}),
      },
      toolCalls: cp.usage.toolCalls,
      turns: cp.usage.turns,
      ms: Math.round(cp.usage.wallMs),
      ...(extra.message ? { message: extra.message } : {}),
      ...(extra.resumable ? { resumable: true } : {}),
    };
    return r;
  };

  function usageError(message: string): AgentResult {
    return {
      target: env.target.id,
      lang: env.language,
      model: model.model,
      solved: false,
      visible: { passed: 0, total: 0 },
      hidden: { passed: 0, total: 0 },
      stop: 'error',
      usage: { inputTokens: 0, outputTokens: 0 },
      toolCalls: 0,
      turns: 0,
      ms: 0,
      message,
    };
  }

  /** A final stop: the workspace is scored once more on the visible tests (unless it was submitted). */
  const finish = async (stop: StopKind, extra: { budget?: BudgetKind; message?: string }): Promise<Step> => {
    // Recorded before the final score, so a run killed while scoring finishes the same way when resumed; the stop
    // event follows the score, so it carries the final counts.
    cp.stopped = {
      stop,
      ...(extra.budget ? { budget: extra.budget } : {}),
      ...(extra.message ? { message: extra.message } : {}),
    };
    await persist();
    if (stop !== 'submitted' && !signal.aborted && Object.keys(cp.workspace).length > 0) {
      try {
        const score = await env.runVisibleTests(cp.workspace, signal);
        if (!signal.aborted) cp.visible = { passed: score.passed, total: score.total };
      } catch {
        // The last known count stands; the stop's own reason matters more than a failed final score.
      }
    }
    const r = result(stop, extra);
    emit({ kind: 'stop', ...cp.stopped, visible: r.visible, hidden: r.hidden });
    cp.result = r;
    await persist();
    return { kind: 'done', result: r };
  };

  /** Stops at once; the checkpoint stays resumable (the interrupted step is redone on resume). */
  const cancel = async (): Promise<Step> => {
    emit({ kind: 'stop', stop: 'cancelled', message: 'stopped by the user' });
    await persist();
    return { kind: 'done', result: result('cancelled', { message: 'stopped by the user', resumable: true }) };
  };

  const appendUserBlocks = (blocks: ContentBlock[]): void => {
    const last = cp.messages[cp.messages.length - 1];
    if (last?.role === 'user') last.content.push(...blocks);
    else cp.messages.push({ role: 'user', content: blocks });
  };

  const toolContext = () => ({
    environment: env,
    workspace: cp.workspace,
    workspaceLimits,
    resultBytes,
    submissionsLeft: (settings.attempts ?? 1) - counter('submissions'),
    signal,
  });

  /**
   * The signal of one model turn or tool call: the user's, and — when there is a time budget — the moment it runs
   * out, so a model or a tool that hangs cannot carry the run past it.
   */
  const stepSignal = (): { signal: AbortSignal; timedOut: () => boolean; done: () => void } => {
    const max = settings.budgets.maxWallMs;
    if (max === undefined) return { signal, timedOut: () => false, done: () => undefined };
    tick();
    const controller = new AbortController();
    let expired = false;
    const forward = (): void => controller.abort();
    signal.addEventListener('abort', forward, { once: true });
    const timer = setTimeout(
      () => {
        expired = true;
        controller.abort();
      },
      Math.max(0, max - cp.usage.wallMs),
    );
    return {
      signal: controller.signal,
      timedOut: () => expired && !signal.aborted,
      done: () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', forward);
      },
    };
  };

  const outOfTime = (): Promise<Step> =>
    finish('budget', { budget: 'time', message: 'the time budget was reached during a step' });

  /**
   * Runs one tool with its events; 'cancelled' or 'time' when the step was stopped (its result is dropped, and a
   * cancelled one is redone on resume). `inConversation`: false for the notes turn of a reset, whose conversation is
   * about to be replaced.
   */
  const runTool = async (
    call: ToolCallBlock,
    allowed: (call: ToolCallBlock) => string | undefined,
    inConversation = true,
  ): Promise<ToolOutcome | 'cancelled' | 'time'> => {
    emit({ kind: 'tool-call', id: call.id, name: call.name, argumentsJson: call.argumentsJson });
    const started = now();
    let outcome: ToolOutcome;
    const refusal = allowed(call);
    const step = stepSignal();
    if (refusal !== undefined) outcome = { text: `error: ${refusal}`, isError: true };
    else {
      try {
        outcome = await executeTool({ ...toolContext(), signal: step.signal }, call.name, call.argumentsJson);
      } catch (e) {
        outcome = { text: `error: the ${call.name} tool failed: ${(e as Error).message}`, isError: true };
      }
    }
    step.done();
    if (signal.aborted) return 'cancelled';
    if (step.timedOut()) return 'time';
    outcome = { ...outcome, text: scrubbed(outcome.text) };
    cp.usage.toolCalls += 1;
    tick();
    if (outcome.workspace) cp.workspace = outcome.workspace;
    if (outcome.visible) cp.visible = outcome.visible;
    if (outcome.hidden) {
      cp.hidden = { passed: outcome.hidden.passed, total: outcome.hidden.total };
      bump('submissions');
      if (isSolved(outcome.hidden)) bump('solved');
    }
    const text = `${outcome.text}\n\n${budgetFooter(settings.budgets, cp.usage)}`;
    if (inConversation) appendUserBlocks([{ kind: 'tool-result', callId: call.id, text, isError: outcome.isError }]);
    emit({
      kind: 'tool-result',
      id: call.id,
      name: call.name,
      text,
      isError: outcome.isError,
      ms: now() - started,
      ...(outcome.visible ? { visible: outcome.visible } : {}),
      ...(outcome.hidden ? { hidden: { passed: outcome.hidden.passed, total: outcome.hidden.total } } : {}),
    });
    emit({ kind: 'budget', usage: { ...cp.usage } });
    return outcome;
  };

  const toolStep = async (call: ToolCallBlock): Promise<Step> => {
    const outcome = await runTool(call, () => undefined);
    if (outcome === 'cancelled') return cancel();
    if (outcome === 'time') return outOfTime();
    const observed = observeToolCall(
      cp.spin,
      {
        name: call.name,
        argumentsJson: call.argumentsJson,
        result: outcome.text,
        ...(outcome.visible ? { visiblePassed: outcome.visible.passed } : {}),
      },
      spinSettings,
    );
    cp.spin = observed.state;
    if (observed.verdict.kind === 'nudge') {
      const text = nudgeText(observed.verdict.reason);
      cp.pendingText.push(text);
      bump('nudges');
      emit({ kind: 'nudge', reason: observed.verdict.reason, text });
    }
    // A step that ends the run is checkpointed by finish() together with the decision, never without it.
    if (outcome.hidden && (counter('solved') > 0 || counter('submissions') >= (settings.attempts ?? 1)))
      return finish('submitted', {});
    if (observed.verdict.kind === 'stop') return finish('spinning', { message: observed.verdict.reason });
    await persist();
    return { kind: 'continue' };
  };

  /** One model request; a failure is turned into the step that handles it. */
  const request = async (
    messages: readonly Message[],
    tools: readonly ToolSpec[],
    estimatedTokens: number,
  ): Promise<
    { kind: 'ok'; turn: Extract<ModelTurn, { kind: 'ok' }> } | { kind: 'step'; step: Step } | { kind: 'overflow' }
  > => {
    const turnNo = cp.usage.turns + 1;
    emit({
      kind: 'model-request',
      turn: turnNo,
      messages: messages.length,
      estimatedTokens,
      tools: tools.map((t) => t.name),
    });
    let turn: ModelTurn;
    const step = stepSignal();
    try {
      turn = await model.turn(
        { system, messages, tools, maxOutputTokens: settings.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS },
        { signal: step.signal, ...(options.onStream ? { onEvent: options.onStream } : {}) },
      );
    } catch (e) {
      turn = {
        kind: 'error',
        error: { kind: 'unavailable', message: `the model client failed: ${(e as Error).message}` },
      };
    }
    step.done();
    if (signal.aborted) return { kind: 'step', step: await cancel() };
    if (step.timedOut()) return { kind: 'step', step: await outOfTime() };
    if (turn.kind === 'ok') return { kind: 'ok', turn };
    const error = turn.error;
    if (turn.usage) cp.usage = { ...addTurn(cp.usage, turn.usage, settings.price), turns: cp.usage.turns };
    emit({ kind: 'model-error', turn: turnNo, error });
    switch (error.kind) {
      case 'cancelled':
        return { kind: 'step', step: await cancel() };
      case 'auth':
      case 'quota': {
        const what = error.kind === 'auth' ? 'the API key was refused' : 'the account is out of credit or quota';
        const message = `${what} (${describeError(error)}): fix it, then resume the run; nothing was lost`;
        emit({ kind: 'pause', reason: message });
        await persist();
        return { kind: 'step', step: { kind: 'done', result: result('error', { message, resumable: true }) } };
      }
      case 'context-overflow':
        return { kind: 'overflow' };
      case 'unavailable':
      case 'bad-request':
        return { kind: 'step', step: await finish('error', { message: `${error.kind}: ${describeError(error)}` }) };
    }
  };

  const acceptTurn = (turn: Extract<ModelTurn, { kind: 'ok' }>): Message => {
    cp.usage = addTurn(cp.usage, turn.usage, settings.price);
    // Tool results are matched to calls by id, so ids must be unique; some OpenAI-compatible servers send empty or
    // repeated ones, which are replaced (consistently: the conversation, the log and the results use the new id).
    const seen = new Set<string>();
    const content = scrubbed(turn.message.content).map((b, i): ContentBlock => {
      if (b.kind !== 'tool-call') return b;
      const id = b.id === '' || seen.has(b.id) ? `call_${cp.usage.turns}_${i}` : b.id;
      seen.add(id);
      return id === b.id ? b : { ...b, id };
    });
    const message: Message =
      content.length > 0
        ? { role: 'assistant', content }
        : { role: 'assistant', content: [{ kind: 'text', text: '(empty answer)' }] };
    const calls = message.content.filter((b): b is ToolCallBlock => b.kind === 'tool-call');
    emit({
      kind: 'model-response',
      turn: cp.usage.turns,
      text: message.content.flatMap((b) => (b.kind === 'text' ? [b.text] : [])).join(''),
      toolCalls: calls.map((c) => ({ id: c.id, name: c.name, argumentsJson: c.argumentsJson })),
      usage: turn.usage,
      stop: turn.stop,
    });
    emit({ kind: 'budget', usage: { ...cp.usage } });
    return message;
  };

  const reset = async (estimatedTokens: number, askForNotes: boolean): Promise<Step> => {
    if (askForNotes) {
      const messages: Message[] = structuredClone(cp.messages);
      const last = messages[messages.length - 1];
      const ask = { kind: 'text' as const, text: notesRequest() };
      if (last?.role === 'user') last.content.push(ask);
      else messages.push({ role: 'user', content: [ask] });
      const writeOnly = [toolSpec('write_file')].filter((t): t is ToolSpec => t !== undefined);
      const answer = await request(messages, writeOnly, estimatedTokens);
      if (answer.kind === 'step') return answer.step;
      if (answer.kind === 'ok') {
        const message = acceptTurn(answer.turn);
        for (const block of message.content) {
          if (block.kind !== 'tool-call') continue;
          const done = await runTool(
            block,
            (call) => {
              if (call.name !== 'write_file') return `only write_file is available while the notes are written`;
              try {
                const args = JSON.parse(call.argumentsJson) as { path?: unknown };
                if (args.path !== NOTES_FILE) return `during a reset, write_file writes ${NOTES_FILE} only`;
              } catch {
                // executeTool reports the malformed arguments itself.
              }
              return undefined;
            },
            false,
          );
          if (done === 'cancelled') return cancel();
          if (done === 'time') return outOfTime();
        }
      }
    }
    const notes = cp.workspace[NOTES_FILE];
    if (Object.keys(cp.workspace).length > 0) {
      try {
        const score = await env.runVisibleTests(cp.workspace, signal);
        if (signal.aborted) return cancel();
        cp.visible = { passed: score.passed, total: score.total };
      } catch {
        // The fresh start then says the last known count.
      }
    }
    const dropped = cp.messages.length;
    bump('resets');
    const files = sortedPaths(cp.workspace).map((path) => ({ path, bytes: byteLength(cp.workspace[path] as string) }));
    cp.messages = [
      {
        role: 'user',
        content: [{ kind: 'text', text: freshStart(info, notes, files, cp.visible, counter('resets')) }],
      },
    ];
    cp.pendingText = [];
    delete cp.context;
    cp.counters.turnsSinceReset = 0;
    emit({
      kind: 'context-reset',
      estimatedTokens,
      notesBytes: notes === undefined ? 0 : byteLength(notes),
      droppedMessages: dropped,
    });
    await persist();
    return { kind: 'continue' };
  };

  const modelStep = async (): Promise<Step> => {
    if (cp.pendingText.length > 0) {
      appendUserBlocks(cp.pendingText.map((text) => ({ kind: 'text' as const, text })));
      cp.pendingText = [];
    }
    const estimated = estimateTokens(system, TOOL_SPECS, cp.messages, cp.context);
    // Never twice in a row (a fresh start that is itself too large then ends as context-overflow), and never before
    // there is a conversation to summarise.
    const justReset = cp.counters.turnsSinceReset === 0;
    if (
      !justReset &&
      cp.messages.length > 1 &&
      shouldReset(estimated, settings.contextTokens, settings.resetAt ?? DEFAULT_RESET_AT)
    )
      return reset(estimated, true);
    const answer = await request(cp.messages, TOOL_SPECS, estimated);
    if (answer.kind === 'step') return answer.step;
    if (answer.kind === 'overflow') {
      if (justReset)
        return finish('error', {
          message: 'the fresh conversation after a reset is still larger than the context window',
        });
      return reset(estimated, false);
    }
    const message = acceptTurn(answer.turn);
    cp.messages.push(message);
    cp.context = { tokens: reportedTokens(answer.turn.usage), atMessage: cp.messages.length };
    cp.counters.turnsSinceReset = counter('turnsSinceReset') + 1;
    if (!message.content.some((b) => b.kind === 'tool-call')) {
      const idle = observeIdleTurn(cp.spin, spinSettings);
      cp.spin = idle.state;
      cp.pendingText.push(IDLE_NUDGE);
      bump('nudges');
      emit({ kind: 'nudge', reason: 'no tool call in the last model turn', text: IDLE_NUDGE });
      if (idle.verdict.kind === 'stop') return finish('spinning', { message: idle.verdict.reason });
    }
    await persist();
    return { kind: 'continue' };
  };

  if (loaded) emit({ kind: 'resume', fromSeq: loaded.seq });
  else
    emit({
      kind: 'start',
      target: env.target.id,
      language: env.language,
      provider: model.provider,
      model: model.model,
      promptVersion: PROMPT_VERSION,
      system,
      task: taskText(info),
      budgets: settings.budgets,
      settings,
    });
  await persist();

  for (;;) {
    tick();
    const pending = unansweredCalls(cp.messages);
    const over = exceeded(settings.budgets, cp.usage, pending[0] ? TOOL_BUDGETS : undefined);
    const step = signal.aborted
      ? await cancel()
      : cp.stopped
        ? await finish(cp.stopped.stop, cp.stopped)
        : over
          ? await finish('budget', { budget: over, message: `the ${over} budget was reached` })
          : pending[0]
            ? await toolStep(pending[0])
            : await modelStep();
    if (step.kind === 'done') return step.result;
  }
}
