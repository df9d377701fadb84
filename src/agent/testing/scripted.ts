import type { RunResult } from '../../core/run-result.ts';
import type {
  AgentEnvironment,
  BuildOutcome,
  HiddenScore,
  ProgramInput,
  VisibleScore,
  WorkspaceFiles,
} from '../environment.ts';
import type { ContentBlock, Message } from '../messages.ts';
import type { ModelClient, ModelRequest, ModelTurn, StreamEvent, Usage } from '../model-client.ts';

/**
 * In-process stand-ins for a model and a host, for tests and demos. The model answers from a script chosen by the
 * conversation it is sent (so a resumed run gets the same answers as an uninterrupted one); the environment scores a
 * workspace by a rule the test sets.
 */

export const usage = (inputTokens = 100, outputTokens = 20, cacheReadTokens = 0, cacheWriteTokens = 0): Usage => ({
  inputTokens,
  outputTokens,
  cacheReadTokens,
  cacheWriteTokens,
});

/** A turn that calls the given tools; `args` is an object (serialised) or a raw argument text (possibly malformed). */
export function callTurn(
  calls: [name: string, args: Record<string, unknown> | string][],
  options: { text?: string; usage?: Usage; idPrefix?: string } = {},
): ModelTurn {
  const prefix = options.idPrefix ?? 'call';
  const blocks: ContentBlock[] = [];
  if (options.text) blocks.push({ kind: 'text', text: options.text });
  calls.forEach(([name, args], i) =>
    blocks.push({
      kind: 'tool-call',
      id: `${prefix}-${i}`,
      name,
      argumentsJson: typeof args === 'string' ? args : JSON.stringify(args),
    }),
  );
  const message: Message = { role: 'assistant', content: blocks };
  return {
    kind: 'ok',
    message,
    toolCalls: blocks.filter((b) => b.kind === 'tool-call'),
    usage: options.usage ?? usage(),
    stop: calls.length > 0 ? 'tool-calls' : 'end',
  };
}

export const textTurn = (text: string, u: Usage = usage()): ModelTurn => callTurn([], { text, usage: u });

export interface ScriptContext {
  request: ModelRequest;
  /** Assistant messages already in the conversation sent. */
  answered: number;
  /** Calls made to this client so far (this instance only). */
  calls: number;
  signal: AbortSignal;
}

export type Script = (ctx: ScriptContext) => ModelTurn | Promise<ModelTurn>;

/** Turn N of the list answers a conversation holding N assistant messages; past the end, the last turn repeats. */
export function listScript(turns: readonly ModelTurn[]): Script {
  return ({ answered }) => {
    const turn = turns[Math.min(answered, turns.length - 1)];
    if (!turn) throw new Error('empty script');
    // Ids unique per turn, as providers make them.
    return turn.kind === 'ok' ? withIds(turn, `t${answered}`) : turn;
  };
}

function withIds(turn: Extract<ModelTurn, { kind: 'ok' }>, prefix: string): ModelTurn {
  const content = turn.message.content.map((b) => (b.kind === 'tool-call' ? { ...b, id: `${prefix}-${b.id}` } : b));
  return {
    ...turn,
    message: { role: 'assistant', content },
    toolCalls: content.filter((b) => b.kind === 'tool-call'),
  };
}

export class ScriptedModel implements ModelClient {
  readonly provider = 'scripted';
  readonly requests: ModelRequest[] = [];
  private calls = 0;
  /** `record`: keep a copy of every request in `requests` (tests read them; a benchmark does not want the cost). */
  constructor(
    private readonly script: Script,
    readonly model = 'scripted-model',
    private readonly record = true,
  ) {}

  async turn(
    request: ModelRequest,
    options: { signal: AbortSignal; onEvent?: (e: StreamEvent) => void },
  ): Promise<ModelTurn> {
    if (options.signal.aborted) return { kind: 'error', error: { kind: 'cancelled' } };
    // A copy: the loop's own messages change after the call, the record of what was sent must not.
    if (this.record) this.requests.push(structuredClone(request) as ModelRequest);
    const answered = request.messages.filter((m) => m.role === 'assistant').length;
    const turn = await this.script({ request, answered, calls: this.calls++, signal: options.signal });
    if (options.signal.aborted) return { kind: 'error', error: { kind: 'cancelled' } };
    if (turn.kind === 'ok')
      for (const b of turn.message.content) if (b.kind === 'text') options.onEvent?.({ kind: 'text', delta: b.text });
    return turn;
  }
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

export interface FakeEnvironmentOptions {
  /** Visible pass count of a workspace (total: `visibleTotal`). */
  visible?: (files: WorkspaceFiles) => number;
  /** Hidden pass count of a workspace (total: `hiddenTotal`). */
  hidden?: (files: WorkspaceFiles) => number;
  visibleTotal?: number;
  hiddenTotal?: number;
  /** Called at the start of each operation (a test can abort or count here). */
  onOperation?: (name: string, n: number) => void;
}

/**
 * A host whose "program" is the workspace itself: main.py's lines starting with `pass` each pass one visible test;
 * the hidden tests pass when main.py is exactly `SOLVED_SOURCE`. Every operation is logged in `operations`.
 */
export const SOLVED_SOURCE = 'pass 1\npass 2\npass 3\npass 4\n';

export class FakeEnvironment implements AgentEnvironment {
  readonly target = { id: 'faketool', program: 'faketool', description: 'a tool that exists for tests' };
  readonly language = 'python';
  readonly operations: string[] = [];
  private readonly o: Required<Omit<FakeEnvironmentOptions, 'onOperation'>> & FakeEnvironmentOptions;

  constructor(options: FakeEnvironmentOptions = {}) {
    this.o = {
      visibleTotal: 4,
      hiddenTotal: 6,
      visible: (files) => Math.min(4, (files['main.py'] ?? '').split('\n').filter((l) => l.startsWith('pass')).length),
      hidden: (files) => (files['main.py'] === SOLVED_SOURCE ? 6 : 1),
      ...options,
    };
  }

  private op(name: string): void {
    this.operations.push(name);
    this.o.onOperation?.(name, this.operations.length);
  }

  async docs(): Promise<string> {
    this.op('docs');
    return 'FAKETOOL(1)\n\nNAME\n  faketool - prints its arguments\n';
  }

  async oracle(input: ProgramInput, _signal?: AbortSignal): Promise<RunResult> {
    this.op('oracle');
    return { kind: 'exited', code: 0, stdout: enc(`${input.args.join(' ')}\n`), stderr: enc(''), files: {}, ms: 1 };
  }

  async build(files: WorkspaceFiles): Promise<BuildOutcome> {
    this.op('build');
    return files['main.py'] === undefined
      ? { kind: 'error', diagnostics: ['there is no main.py'] }
      : { kind: 'ok', warnings: [] };
  }

  async run(
    files: WorkspaceFiles,
    input: ProgramInput,
  ): Promise<RunResult | { kind: 'build-error'; build: BuildOutcome }> {
    this.op('run');
    const build = await this.build(files);
    if (build.kind === 'error') return { kind: 'build-error', build };
    return { kind: 'exited', code: 1, stdout: enc(''), stderr: enc(`not ${input.args.join(' ')}\n`), files: {}, ms: 1 };
  }

  async runVisibleTests(files: WorkspaceFiles): Promise<VisibleScore> {
    this.op('runVisibleTests');
    const passed = this.o.visible(files);
    const failures = Array.from({ length: Math.min(3, this.o.visibleTotal - passed) }, (_, i) => ({
      id: `visible-${passed + i + 1}`,
      detail: 'stdout (- expected, + actual):\n- ok\n+ no',
    }));
    return { passed, total: this.o.visibleTotal, failures };
  }

  async submit(files: WorkspaceFiles): Promise<HiddenScore> {
    this.op('submit');
    return {
      passed: this.o.hidden(files),
      total: this.o.hiddenTotal,
      visible: { passed: this.o.visible(files), total: this.o.visibleTotal },
    };
  }
}
