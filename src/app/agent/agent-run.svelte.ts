import type { BudgetKind, Budgets, Price, UsageTotals } from '../../agent/budgets.ts';
import type { AgentResult, AgentSettings } from '../../agent/loop.ts';
import { runAgent } from '../../agent/loop.ts';
import type { ModelClient, StreamEvent } from '../../agent/model-client.ts';
import { systemPrompt, taskText } from '../../agent/prompt.ts';
import { toJsonLines, type PassCount, type TrajectoryEvent } from '../../agent/trajectory.ts';
import type { Pack } from '../../core/pack.ts';
import { configProblem, createModelClient, PROVIDERS, type ProviderId } from '../../models/providers.ts';
import { APP_TOOLCHAINS, appToolchainById } from '../../../toolchains/index.ts';
import type { StoredAgentRun } from '../storage/database.ts';
import { download } from '../util/download.ts';
import { appAgentEnvironment } from './agent-environment.ts';
import type { AgentPoint } from './agent-plot.ts';
import {
  createRun,
  IdbCheckpointStore,
  priceOf,
  rememberedKey,
  rememberKey,
  runsOf,
  savePrice,
  type PriceForm,
} from './idb-store.ts';

/** Languages the agent may write in the tab: the in-browser toolchains that build from source. */
export const AGENT_LANGUAGES = APP_TOOLCHAINS.filter((t) => ['python', 'c', 'js', 'ts'].includes(t.id));

export type AgentStatus = 'idle' | 'running' | 'paused' | 'ended' | 'viewing';

export type TranscriptEntry =
  | { kind: 'text'; text: string }
  | { kind: 'tool'; id: string; name: string; args: string; result?: string; isError?: boolean }
  | { kind: 'note'; text: string; tone: 'info' | 'warn' | 'error' };

/** The form's budgets as the user types them (empty: no limit). */
export interface BudgetForm {
  tokens: string;
  costUsd: string;
  minutes: string;
  toolCalls: string;
  turns: string;
}

const number = (text: string): number | undefined => {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/**
 * The Agent tab's state for one target: the form (provider, model, key, language, budgets, prices), the run under
 * way and what it has shown (transcript, meter, pass-rate points, result). The key lives in this object only; it is
 * written to IndexedDB only when "remember on this device" is ticked, and then apart from every run record.
 */
export class AgentRun {
  provider = $state<ProviderId>('anthropic');
  model = $state('');
  baseUrl = $state('');
  apiKey = $state('');
  remember = $state(false);
  language = $state('python');
  contextTokens = $state('200000');
  budgets = $state<BudgetForm>({ tokens: '2000000', costUsd: '', minutes: '60', toolCalls: '200', turns: '' });
  price = $state<PriceForm>({ input: '', output: '', cacheRead: '', cacheWrite: '' });
  /** Spinning thresholds (see docs/agent.md); empty: the core's defaults. */
  spinToolCalls = $state('');
  spinRepeats = $state('');

  status = $state<AgentStatus>('idle');
  runId = $state<string | null>(null);
  transcript = $state.raw<TranscriptEntry[]>([]);
  streaming = $state('');
  usage = $state.raw<UsageTotals | null>(null);
  visible = $state.raw<PassCount | null>(null);
  points = $state.raw<AgentPoint[]>([]);
  toolCalls = $state(0);
  result = $state.raw<AgentResult | null>(null);
  /** Why the run paused or could not start, in words. */
  message = $state('');
  agentFiles = $state.raw<Record<string, string>>({});
  /** The run's provider and model, for a resume (a resumed run keeps them). */
  runProvider = $state<ProviderId | null>(null);
  runModel = $state('');
  /** The target's runs, newest first. */
  runs = $state.raw<StoredAgentRun[]>([]);

  private controller: AbortController | null = null;
  private stopRequested = false;
  private events: TrajectoryEvent[] = [];

  constructor(readonly pack: Pack) {}

  get providerInfo() {
    return PROVIDERS.find((p) => p.id === this.provider) ?? PROVIDERS[0];
  }

  get systemText(): string {
    return systemPrompt(this.taskInfo());
  }

  get taskDescription(): string {
    return taskText(this.taskInfo());
  }

  private taskInfo() {
    return {
      target: {
        id: this.pack.target.id,
        program: this.pack.target.program,
        description: this.pack.target.description ?? '',
      },
      language: this.language,
      attempts: 1,
    };
  }

  /** Restores the form's remembered key and the latest run (a run that was under way shows as paused). */
  async load(): Promise<void> {
    const key = await rememberedKey(this.provider).catch(() => undefined);
    if (key) {
      this.apiKey = key;
      this.remember = true;
    }
    await this.refreshRuns();
    const [latest] = this.runs;
    if (latest) await this.show(latest);
  }

  private async refreshRuns(): Promise<void> {
    this.runs = await runsOf(this.pack.target.id).catch(() => []);
  }

  /** Shows one of the target's runs (its transcript, files and result); one that was under way shows as paused. */
  async openRun(id: string): Promise<void> {
    if (this.status === 'running') return;
    const run = this.runs.find((r) => r.id === id);
    if (run) await this.show(run);
  }

  private async show(latest: StoredAgentRun): Promise<void> {
    this.result = null;
    this.message = '';
    this.runId = latest.id;
    this.runProvider = latest.provider as ProviderId;
    this.runModel = latest.model;
    if (this.provider !== this.runProvider) await this.changeProvider(this.runProvider);
    this.model = latest.model;
    this.language = latest.language;
    this.baseUrl = latest.baseUrl ?? '';
    const store = new IdbCheckpointStore(latest.id);
    this.replay((await store.lines()).map((l) => JSON.parse(l) as TrajectoryEvent));
    const cp = await store.load();
    this.agentFiles = cp?.workspace ?? {};
    if (cp?.result) {
      this.result = cp.result;
      this.status = 'ended';
    } else if (latest.endedByUser) {
      this.status = 'ended';
    } else {
      this.status = 'paused';
      this.message =
        'This run did not finish (it was paused, or the page was closed or reloaded). Resume continues from its checkpoint.';
    }
  }

  /** The price table: one record per model in the settings store, written at Start, read when the model changes. */
  async loadPrice(): Promise<void> {
    const model = this.model.trim();
    if (!model) return;
    const stored = await priceOf(model).catch(() => undefined);
    if (stored) this.price = stored;
  }

  async changeProvider(id: ProviderId): Promise<void> {
    this.provider = id;
    this.apiKey = (await rememberedKey(id).catch(() => undefined)) ?? '';
    this.remember = this.apiKey !== '';
  }

  settings(): AgentSettings {
    const budgets: Budgets = {};
    const b = this.budgets;
    const set = <K extends keyof Budgets>(k: K, v: number | undefined): void => {
      if (v !== undefined) budgets[k] = v;
    };
    set('maxTokens', number(b.tokens));
    set('maxCostUsd', number(b.costUsd));
    const minutes = number(b.minutes);
    set('maxWallMs', minutes === undefined ? undefined : minutes * 60_000);
    set('maxToolCalls', number(b.toolCalls));
    set('maxTurns', number(b.turns));
    const p = this.price;
    const priced = [p.input, p.output, p.cacheRead, p.cacheWrite].some((v) => v.trim() !== '');
    const price: Price | undefined = priced
      ? {
          input: number(p.input) ?? 0,
          output: number(p.output) ?? 0,
          cacheRead: number(p.cacheRead) ?? 0,
          cacheWrite: number(p.cacheWrite) ?? 0,
        }
      : undefined;
    const spinToolCalls = number(this.spinToolCalls);
    const spinRepeats = number(this.spinRepeats);
    return {
      budgets,
      ...(price && { price }),
      contextTokens: number(this.contextTokens) ?? 200_000,
      ...(spinToolCalls !== undefined && { spinToolCalls }),
      ...(spinRepeats !== undefined && { spinRepeats }),
    };
  }

  private config(provider: ProviderId, model: string) {
    return {
      provider,
      model: model.trim(),
      ...(this.apiKey && { apiKey: this.apiKey }),
      ...(this.baseUrl.trim() && { baseUrl: this.baseUrl.trim() }),
    };
  }

  /** Why Start cannot begin, or undefined. */
  get problem(): string | undefined {
    return configProblem(this.config(this.provider, this.model));
  }

  async start(): Promise<void> {
    if (this.status === 'running') return;
    const client = await this.client(this.provider, this.model);
    if (!client) return;
    const id = crypto.randomUUID();
    const store = await createRun({
      id,
      target: this.pack.target.id,
      provider: this.provider,
      model: client.model,
      language: this.language,
      ...(this.baseUrl.trim() && { baseUrl: this.baseUrl.trim() }),
    });
    this.runId = id;
    this.runProvider = this.provider;
    this.runModel = client.model;
    this.replay([]);
    this.result = null;
    this.agentFiles = {};
    await this.refreshRuns();
    await this.drive(client, store);
  }

  async resume(): Promise<void> {
    if (this.status !== 'paused' || !this.runId || !this.runProvider) return;
    const client = await this.client(this.runProvider, this.runModel);
    if (!client) return;
    await this.drive(client, new IdbCheckpointStore(this.runId));
  }

  /** Stops at once; the checkpoint stays consistent and Resume continues from it. */
  pause(): void {
    this.controller?.abort();
  }

  /** Stops at once for good (the run keeps its checkpoint and trajectory for viewing and export). */
  stop(): void {
    this.stopRequested = true;
    if (this.controller) this.controller.abort();
    else if (this.status === 'paused') void this.markEnded();
  }

  private async markEnded(): Promise<void> {
    this.status = 'ended';
    this.message = 'Stopped by the user.';
    if (!this.runId) return;
    const { database } = await import('../storage/database.ts');
    const db = await database();
    const run = await db.get('agent-runs', this.runId);
    if (run) await db.put('agent-runs', { ...run, endedByUser: true });
  }

  private async client(provider: ProviderId, model: string): Promise<ModelClient | undefined> {
    const made = await createModelClient(this.config(provider, model));
    if (made.kind === 'error') {
      this.message = made.message;
      return undefined;
    }
    await rememberKey(provider, this.remember ? this.apiKey : undefined).catch(() => undefined);
    await savePrice(model.trim(), this.price).catch(() => undefined);
    return made.client;
  }

  private async drive(client: ModelClient, store: IdbCheckpointStore): Promise<void> {
    const toolchain = appToolchainById(this.language);
    if (!toolchain) {
      this.message = `${this.language} cannot be built in this tab`;
      return;
    }
    this.controller = new AbortController();
    this.stopRequested = false;
    this.status = 'running';
    this.message = '';
    const secret = this.apiKey || undefined;
    try {
      const result = await runAgent({
        environment: appAgentEnvironment(this.pack, toolchain),
        model: client,
        settings: this.settings(),
        store,
        signal: this.controller.signal,
        ...(secret && { secret }),
        onEvent: (e) => this.apply(e),
        onStream: (e) => this.stream(e),
      });
      this.agentFiles = (await store.load())?.workspace ?? this.agentFiles;
      if (this.stopRequested) {
        await this.markEnded();
      } else if (result.resumable) {
        this.status = 'paused';
        this.message = result.message ?? 'Paused.';
      } else {
        this.result = result;
        this.status = 'ended';
        this.message = result.message ?? '';
      }
    } catch (error) {
      // Only storage throws out of the loop (full or refused): the run cannot be checkpointed, so it pauses.
      this.status = 'paused';
      this.message = `The run could not be saved: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.controller = null;
      this.streaming = '';
    }
  }

  private stream(e: StreamEvent): void {
    if (e.kind === 'text') this.streaming += e.delta;
    else if (e.kind === 'retry') {
      this.streaming = '';
      this.note(`Retrying in ${Math.round(e.waitMs / 100) / 10} s (attempt ${e.attempt}): ${e.reason}`, 'warn');
    }
  }

  private note(text: string, tone: 'info' | 'warn' | 'error'): void {
    this.transcript = [...this.transcript, { kind: 'note', text, tone }];
  }

  private replay(events: TrajectoryEvent[]): void {
    this.events = [];
    this.transcript = [];
    this.points = [];
    this.toolCalls = 0;
    this.usage = null;
    this.visible = null;
    for (const e of events) this.apply(e);
  }

  /** One trajectory event onto the view (live, after a reload, or from an imported file). */
  apply(e: TrajectoryEvent): void {
    this.events.push(e);
    switch (e.kind) {
      case 'model-response': {
        this.streaming = '';
        const add: TranscriptEntry[] = [];
        if (e.text) add.push({ kind: 'text', text: e.text });
        for (const c of e.toolCalls) add.push({ kind: 'tool', id: c.id, name: c.name, args: c.argumentsJson });
        this.transcript = [...this.transcript, ...add];
        break;
      }
      case 'tool-result': {
        this.toolCalls++;
        this.transcript = this.transcript.map((t) =>
          t.kind === 'tool' && t.id === e.id && t.result === undefined
            ? { ...t, result: e.text, isError: e.isError }
            : t,
        );
        if (e.visible) {
          this.visible = e.visible;
          const percent = e.visible.total ? (100 * e.visible.passed) / e.visible.total : 0;
          this.points = [...this.points, { toolCalls: this.toolCalls, percent }];
        }
        break;
      }
      case 'budget':
        this.usage = e.usage;
        break;
      case 'nudge':
        this.note(`Nudge (${e.reason}): ${e.text}`, 'warn');
        break;
      case 'context-reset':
        this.note(
          `Context reset at ≈${e.estimatedTokens} tokens (${e.droppedMessages} messages summarised into notes)`,
          'info',
        );
        break;
      case 'model-error':
        this.note(`Model error: ${'message' in e.error ? e.error.message : e.error.kind}`, 'error');
        break;
      case 'pause':
        this.note(`Paused: ${e.reason}`, 'error');
        break;
      case 'resume':
        this.note('Resumed from the checkpoint', 'info');
        break;
      case 'stop':
        if (e.visible) this.visible = e.visible;
        this.note(stopLine(e.stop, e.budget, e.message), e.stop === 'submitted' ? 'info' : 'warn');
        break;
      default:
        break;
    }
  }

  /** The trajectory as JSON lines, checked to hold no key. */
  exportTrajectory(): string | undefined {
    const lines = toJsonLines(this.events, this.apiKey || undefined);
    if (lines.kind === 'error') {
      this.message = lines.message;
      return undefined;
    }
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    download(`${this.pack.target.id}-agent-${stamp}.jsonl`, lines.line, 'application/x-ndjson');
    return lines.line;
  }

  /** Shows a trajectory file (view only; nothing runs). */
  importTrajectory(text: string): string | undefined {
    const events: TrajectoryEvent[] = [];
    for (const [i, line] of text.split('\n').entries()) {
      if (!line.trim()) continue;
      try {
        const e = JSON.parse(line) as TrajectoryEvent;
        if (typeof e !== 'object' || e === null || typeof e.kind !== 'string') throw new Error('not an event');
        events.push(e);
      } catch {
        return `line ${i + 1} is not a trajectory event`;
      }
    }
    if (this.status === 'running') return 'stop the run before viewing another trajectory';
    this.replay(events);
    this.result = null;
    this.status = 'viewing';
    this.message = `Viewing an imported trajectory (${events.length} events).`;
    return undefined;
  }
}

export function stopLine(stop: string, budget: BudgetKind | undefined, message: string | undefined): string {
  const why = stop === 'budget' && budget ? `budget (${budget})` : stop;
  return `Stopped: ${why}${message ? ` — ${message}` : ''}`;
}

const runs = new Map<string, Promise<AgentRun>>();

/** The target's Agent state, made once per page (switching tabs or targets keeps a run going). */
export function agentRunFor(pack: Pack): Promise<AgentRun> {
  let run = runs.get(pack.target.id);
  if (!run) {
    const made = new AgentRun(pack);
    run = made.load().then(
      () => made,
      () => made,
    );
    runs.set(pack.target.id, run);
  }
  return run;
}
