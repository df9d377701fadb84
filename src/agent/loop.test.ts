import { describe, expect, it } from 'vitest';
import type { AgentResult, AgentSettings } from './loop.ts';
import { runAgent, unansweredCalls } from './loop.ts';
import { MemoryCheckpointStore } from './memory-store.ts';
import type { ModelTurn } from './model-client.ts';
import { PROMPT_VERSION } from './prompt.ts';
import {
  callTurn,
  FakeEnvironment,
  listScript,
  ScriptedModel,
  SOLVED_SOURCE,
  textTurn,
  usage,
  type Script,
} from './testing/scripted.ts';
import { SECRET_MARK, type TrajectoryEvent } from './trajectory.ts';

const KEY = 'test-key-not-real-0001';
const BASE: AgentSettings = { budgets: {}, contextTokens: 200_000 };

/** The scripted agent that does the job: reads docs, probes, writes, tests, fixes, tests, submits. */
const SOLVING: ModelTurn[] = [
  callTurn([['docs', {}]], { text: 'Reading the docs first.' }),
  callTurn([['oracle', { args: ['a', 'b'] }]]),
  callTurn([['write_file', { path: 'main.py', content: 'pass 1\npass 2\n' }]]),
  callTurn([['run_tests', {}]]),
  callTurn([
    ['write_file', { path: 'main.py', content: SOLVED_SOURCE }],
    ['run_tests', {}],
  ]),
  callTurn([['submit', {}]]),
];

const RESET_NOTES = '# Notes\n- main.py prints pass lines\n- next: submit\n';
/** Reports a large conversation each turn (the second request crosses 0.8 × 10,000 tokens), writes notes when asked. */
const RESET_SCRIPT: Script = ({ request, answered }) => {
  if (request.tools.length === 1)
    return callTurn([['write_file', { path: 'NOTES.md', content: RESET_NOTES }]], { idPrefix: 'notes' });
  if (request.messages.length === 1 && answered === 0 && request.messages[0]?.content[0]?.kind === 'text') {
    const first = request.messages[0].content[0].text;
    if (first.includes('restarted')) return callTurn([['submit', {}]], { idPrefix: 'after' });
  }
  // Each turn reports a large conversation: the second request crosses 0.8 × 10,000 tokens.
  return callTurn([['write_file', { path: 'main.py', content: SOLVED_SOURCE }]], {
    usage: usage(8_500, 100),
    idPrefix: `t${answered}`,
  });
};

interface Run {
  result: AgentResult;
  store: MemoryCheckpointStore;
  model: ScriptedModel;
  env: FakeEnvironment;
  events: TrajectoryEvent[];
}

async function run(
  script: Script,
  settings: Partial<AgentSettings> = {},
  extra: {
    store?: MemoryCheckpointStore;
    env?: FakeEnvironment;
    signal?: AbortSignal;
    now?: () => number;
    model?: ScriptedModel;
  } = {},
): Promise<Run> {
  const store = extra.store ?? new MemoryCheckpointStore();
  const env = extra.env ?? new FakeEnvironment();
  const model = extra.model ?? new ScriptedModel(script);
  const events: TrajectoryEvent[] = [];
  const result = await runAgent({
    environment: env,
    model,
    settings: { ...BASE, ...settings },
    store,
    signal: extra.signal ?? new AbortController().signal,
    secret: KEY,
    onEvent: (e) => events.push(e),
    ...(extra.now ? { now: extra.now } : {}),
  });
  return { result, store, model, env, events };
}

const withoutTime = (r: AgentResult) => ({ ...r, ms: 0 });
const kinds = (events: TrajectoryEvent[]) => events.map((e) => e.kind);

describe('runAgent with a scripted model and environment', () => {
  it('a run that writes the solution and submits ends solved, with every step logged', async () => {
    const { result, store, model, env } = await run(listScript(SOLVING));
    expect(result).toMatchObject({
      target: 'faketool',
      lang: 'python',
      model: 'scripted-model',
      solved: true,
      stop: 'submitted',
      visible: { passed: 4, total: 4 },
      hidden: { passed: 6, total: 6 },
      toolCalls: 7,
      turns: 6,
      usage: { inputTokens: 600, outputTokens: 120 },
    });
    expect(env.operations).toEqual(['docs', 'oracle', 'runVisibleTests', 'runVisibleTests', 'submit']);
    expect(model.requests).toHaveLength(6);
    const events = store.events();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events[0]).toMatchObject({ kind: 'start', promptVersion: PROMPT_VERSION, target: 'faketool' });
    expect(events.at(-1)).toMatchObject({ kind: 'stop', stop: 'submitted' });
    const tests = events.filter((e) => e.kind === 'tool-result' && e.name === 'run_tests');
    expect(tests.map((e) => (e.kind === 'tool-result' ? e.visible : undefined))).toEqual([
      { passed: 2, total: 4 },
      { passed: 4, total: 4 },
    ]);
    // Every tool result the model saw ends with the budget line.
    const results = model.requests.at(-1)?.messages.flatMap((m) => m.content.filter((b) => b.kind === 'tool-result'));
    expect(results).toHaveLength(6);
    for (const r of results ?? [])
      expect(r.kind === 'tool-result' && r.text.endsWith('\n\nbudget left: no limits set')).toBe(true);
    // A finished run resumed returns its result without another turn.
    const again = await run(listScript(SOLVING), {}, { store });
    expect(again.result).toEqual(result);
    expect(again.model.requests).toHaveLength(0);
  });

  it('malformed or mistyped tool arguments reach the agent as error results, and the run goes on', async () => {
    const { result, model } = await run(
      listScript([
        callTurn([
          ['write_file', '{"path": "main.py", "content": '],
          ['write_file', { path: 'main.py', content: 42 }],
          ['read_file', { path: '../etc/passwd' }],
          ['oracle', { args: 'not-a-list' }],
          ['no_such_tool', {}],
          ['list_files', { extra: true }],
        ]),
        callTurn([['submit', {}]]),
      ]),
    );
    expect(result.stop).toBe('submitted');
    const second = model.requests[1];
    const shown = second?.messages.at(-1)?.content ?? [];
    expect(shown.map((b) => (b.kind === 'tool-result' ? [b.isError, b.text.split('\n')[0]] : b.kind))).toEqual([
      [true, expect.stringMatching(/^error: write_file: the arguments are not valid JSON/)],
      [true, 'error: write_file: arguments.content must be a string, not integer'],
      [true, 'error: "../etc/passwd": file names cannot have empty, . or .. parts'],
      [true, 'error: oracle: arguments.args must be an array, not string'],
      [true, expect.stringMatching(/^error: there is no tool named "no_such_tool"; the tools are docs, oracle/)],
      [true, 'error: list_files: arguments.extra is not an argument of this tool (it takes none)'],
    ]);
  });

  it('the same call with the same result is nudged, then stopped as spinning', async () => {
    const { result, model, store } = await run(listScript([callTurn([['oracle', { args: ['x'] }]])]), {
      spinRepeats: 3,
      spinGrace: 2,
    });
    expect(result.stop).toBe('spinning');
    expect(result.message).toBe('the same oracle call gave the same result 5 times in a row');
    // Nudged after the 3rd repeat; the 5th call (grace 2) stopped it.
    expect(result.toolCalls).toBe(5);
    const nudges = store.events().filter((e) => e.kind === 'nudge');
    expect(nudges).toHaveLength(1);
    const fourth = model.requests[3]?.messages.at(-1)?.content.at(-1);
    expect(fourth?.kind === 'text' && fourth.text).toMatch(/^Progress check: the same oracle call gave the same/);
    expect(kinds(store.events()).slice(-1)).toEqual(['stop']);
  });

  it('tool calls without a change in the visible pass count are nudged, then stopped; progress withdraws the nudge', async () => {
    let n = 0;
    const script: Script = () => {
      n++;
      // Different calls each time (no repeats), tests never improve.
      return callTurn([['oracle', { args: [`arg${n}`] }]]);
    };
    const stale = await run(script, { spinToolCalls: 5, spinGrace: 3 });
    expect(stale.result.stop).toBe('spinning');
    expect(stale.result.toolCalls).toBe(8);
    expect(stale.result.message).toBe('8 tool calls in a row without a change in the visible pass count');

    // The same budget of calls, but the pass count rises at call 5: the nudge is withdrawn and the run goes on.
    const progressing: Script = ({ answered }) =>
      answered === 4
        ? callTurn([
            ['write_file', { path: 'main.py', content: 'pass\n' }],
            ['run_tests', {}],
          ])
        : answered >= 10
          ? callTurn([['submit', {}]])
          : callTurn([['oracle', { args: [`arg${answered}`] }]]);
    const ok = await run(progressing, { spinToolCalls: 5, spinGrace: 3 });
    expect(ok.result.stop).toBe('submitted');
    expect(ok.store.events().filter((e) => e.kind === 'nudge')).toHaveLength(2);
  });

  it('a turn without a tool call gets "continue, or call submit"; three in a row stop the run as spinning', async () => {
    const { result, model } = await run(listScript([textTurn('I think I am done.')]));
    expect(result).toMatchObject({ stop: 'spinning', turns: 3, toolCalls: 0 });
    const last = model.requests[1]?.messages.at(-1);
    expect(last).toEqual({
      role: 'user',
      content: [{ kind: 'text', text: 'Continue working with the tools, or call submit if you are done.' }],
    });
  });

  describe('each budget stops a run cleanly, says which, and scores the workspace once more', () => {
    const busy = listScript([
      callTurn([['write_file', { path: 'main.py', content: 'pass\npass\n' }]], { usage: usage(1000, 100, 500, 200) }),
      ...Array.from({ length: 20 }, (_, i) =>
        callTurn([['oracle', { args: [String(i)] }]], { usage: usage(1000, 100) }),
      ),
    ]);
    const cases: [string, Partial<AgentSettings>, string, Partial<AgentResult>][] = [
      ['tokens', { budgets: { maxTokens: 5000 } }, 'tokens', { turns: 4 }],
      [
        'cost',
        { budgets: { maxCostUsd: 0.01 }, price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } },
        'cost',
        { turns: 3 },
      ],
      ['tool-calls', { budgets: { maxToolCalls: 4 } }, 'tool-calls', { toolCalls: 4 }],
      ['turns', { budgets: { maxTurns: 2 } }, 'turns', { turns: 2, toolCalls: 2 }],
    ];
    for (const [name, settings, budget, expected] of cases) {
      it(name, async () => {
        const { result, env, store } = await run(busy, settings);
        expect(result).toMatchObject({ stop: 'budget', budget, solved: false, ...expected });
        expect(result.visible).toEqual({ passed: 2, total: 4 });
        expect(env.operations.at(-1)).toBe('runVisibleTests');
        expect(store.events().at(-1)).toMatchObject({
          kind: 'stop',
          stop: 'budget',
          budget,
          visible: { passed: 2, total: 4 },
        });
      });
    }

    it('cost is priced with cache reads and writes', async () => {
      const price = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };
      const { result } = await run(busy, { budgets: { maxTurns: 1 }, price });
      // 1000 input, 100 output, 500 cache read, 200 cache write at $/Mtok.
      expect(result.usage.costUsd).toBeCloseTo((1000 * 3 + 100 * 15 + 500 * 0.3 + 200 * 3.75) / 1e6, 12);
      expect(result.usage.inputTokens).toBe(1700);
    });

    it('time (a driven clock: every model turn takes a minute)', async () => {
      let clock = 0;
      const timed: Script = (ctx) => {
        clock += 60_000;
        return busy(ctx);
      };
      const { result } = await run(timed, { budgets: { maxWallMs: 150_000 } }, { now: () => clock });
      expect(result).toMatchObject({ stop: 'budget', budget: 'time', turns: 3, ms: 180_000 });
    });

    it('time, when a model or a tool hangs: the step is stopped where the budget runs out', async () => {
      const aborted = (signal: AbortSignal) =>
        new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      const hungModel = await run(
        async ({ signal }) => {
          await aborted(signal);
          return { kind: 'error', error: { kind: 'cancelled' } };
        },
        { budgets: { maxWallMs: 30 } },
      );
      expect(hungModel.result).toMatchObject({ stop: 'budget', budget: 'time', turns: 0 });

      const env = new FakeEnvironment();
      env.oracle = async (_input: unknown, signal?: AbortSignal) => {
        if (!signal) throw new Error('the loop passes a signal');
        await aborted(signal);
        return { kind: 'cancelled' as const, stdout: new Uint8Array(), stderr: new Uint8Array(), files: {}, ms: 0 };
      };
      const hungTool = await run(
        listScript([callTurn([['oracle', { args: [] }]])]),
        { budgets: { maxWallMs: 30 } },
        { env },
      );
      expect(hungTool.result).toMatchObject({ stop: 'budget', budget: 'time', turns: 1, toolCalls: 0 });
      expect(hungTool.store.events().at(-1)).toMatchObject({ kind: 'stop', stop: 'budget', budget: 'time' });
    });

    it('a cost budget without a price is refused before the run starts', async () => {
      const { result, model } = await run(busy, { budgets: { maxCostUsd: 1 } });
      expect(result.stop).toBe('error');
      expect(result.message).toMatch(/cost budget needs a price for scripted-model/);
      expect(model.requests).toHaveLength(0);
    });

    it('the budget footer counts down what is left', async () => {
      const { model } = await run(busy, { budgets: { maxTurns: 3, maxToolCalls: 10, maxTokens: 100_000 } });
      const first = model.requests[1]?.messages.at(-1)?.content[0];
      expect(first?.kind === 'tool-result' && first.text.split('\n').at(-1)).toBe(
        'budget left: 98,200 tokens, 9 tool calls, 2 model turns',
      );
    });
  });

  it('submit ends the run unless more attempts were allowed', async () => {
    const script = listScript([
      callTurn([['write_file', { path: 'main.py', content: 'pass\n' }]]),
      callTurn([['submit', {}]]),
      callTurn([['write_file', { path: 'main.py', content: SOLVED_SOURCE }]]),
      callTurn([['submit', {}]]),
    ]);
    const once = await run(script);
    expect(once.result).toMatchObject({ stop: 'submitted', solved: false, hidden: { passed: 1, total: 6 } });
    const twice = await run(script, { attempts: 2 });
    expect(twice.result).toMatchObject({ stop: 'submitted', solved: true, hidden: { passed: 6, total: 6 } });
    const text = twice.model.requests[2]?.messages.at(-1)?.content[0];
    expect(text?.kind === 'tool-result' && text.text).toMatch(
      /^hidden tests: 1 of 6 pass\nvisible tests: 1 of 4 pass\n1 submission left\./,
    );
  });

  it('an invalid key pauses the run with a clear message; resuming with a good key finishes it', async () => {
    let keyOk = false;
    const script: Script = (ctx) =>
      ctx.answered === 2 && !keyOk
        ? { kind: 'error', error: { kind: 'auth', status: 401, message: 'invalid x-api-key' } }
        : listScript(SOLVING)(ctx);
    const store = new MemoryCheckpointStore();
    const paused = await run(script, {}, { store });
    expect(paused.result).toMatchObject({ stop: 'error', resumable: true, turns: 2 });
    expect(paused.result.message).toBe(
      'the API key was refused (invalid x-api-key): fix it, then resume the run; nothing was lost',
    );
    expect(kinds(store.events()).slice(-2)).toEqual(['model-error', 'pause']);
    keyOk = true;
    const resumed = await run(script, {}, { store });
    expect(resumed.result).toMatchObject({ stop: 'submitted', solved: true, turns: 6 });
  });

  it('a provider that stays unavailable ends the run as an error', async () => {
    const { result } = await run(() => ({
      kind: 'error',
      error: { kind: 'unavailable', status: 503, message: '503 after 5 retries' },
    }));
    expect(result).toMatchObject({ stop: 'error', message: 'unavailable: 503 after 5 retries' });
    expect(result.resumable).toBeUndefined();
  });

  it('abort mid-run (during a tool, during a model turn) then resume gives the uninterrupted result', async () => {
    const reference = await run(listScript(SOLVING));

    // Stop pressed while run_tests is under way (the 3rd environment operation).
    const store = new MemoryCheckpointStore();
    const stop1 = new AbortController();
    const env1 = new FakeEnvironment({ onOperation: (name, n) => n === 3 && stop1.abort() });
    const first = await run(listScript(SOLVING), {}, { store, env: env1, signal: stop1.signal });
    expect(first.result).toMatchObject({ stop: 'cancelled', resumable: true });
    expect(store.events().at(-1)).toMatchObject({ kind: 'stop', stop: 'cancelled' });

    // Stop pressed while the model is answering turn 5.
    const stop2 = new AbortController();
    const second = await run(
      (ctx) => {
        if (ctx.answered === 4) stop2.abort();
        return listScript(SOLVING)(ctx);
      },
      {},
      { store, signal: stop2.signal },
    );
    expect(second.result.stop).toBe('cancelled');

    const last = await run(listScript(SOLVING), {}, { store });
    expect(withoutTime(last.result)).toEqual(withoutTime(reference.result));
    const events = store.events();
    expect(events.filter((e) => e.kind === 'resume').map((e) => e.kind === 'resume' && e.fromSeq)).toHaveLength(2);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  });

  it('a kill at any checkpoint resumes to the same result', async () => {
    const reference = await run(listScript(SOLVING));
    for (const [i, json] of reference.store.saved.entries()) {
      const store = new MemoryCheckpointStore();
      await store.save(JSON.parse(json));
      const resumed = await run(listScript(SOLVING), {}, { store });
      expect(withoutTime(resumed.result), `resumed from checkpoint ${i}`).toEqual(withoutTime(reference.result));
    }
  });

  it('a store holding something that is not a checkpoint is refused with a clear message, not resumed', async () => {
    const store = new MemoryCheckpointStore();
    await store.save(JSON.parse('{"version": 2, "seq": 0}'));
    const { result, model } = await run(listScript(SOLVING), {}, { store });
    expect(result).toMatchObject({ stop: 'error', message: 'not a usable checkpoint: version 2, expected 1' });
    expect(model.requests).toHaveLength(0);
  });

  it('a resumed run keeps the budgets it started with', async () => {
    const store = new MemoryCheckpointStore();
    const stop = new AbortController();
    const busy: Script = ({ answered }) => {
      if (answered === 2) stop.abort();
      return callTurn([['oracle', { args: [String(answered)] }]]);
    };
    await run(busy, { budgets: { maxToolCalls: 4 } }, { store, signal: stop.signal });
    const resumed = await run(busy, { budgets: { maxToolCalls: 100 } }, { store });
    expect(resumed.result).toMatchObject({ stop: 'budget', budget: 'tool-calls', toolCalls: 4 });
  });

  it('the key is in no saved byte, even when the model echoes it', async () => {
    const leaky = listScript([
      callTurn([['write_file', { path: 'main.py', content: `key = "${KEY}"\n` }]], { text: `my key is ${KEY}` }),
      callTurn([['read_file', { path: 'main.py' }]]),
      callTurn([['submit', {}]]),
    ]);
    const { store, result } = await run(leaky);
    expect(result.stop).toBe('submitted');
    const bytes = store.allBytes();
    expect(bytes).not.toContain(KEY);
    expect(bytes).toContain(SECRET_MARK);
    // And an ordinary run never had it in the first place.
    const clean = await run(listScript(SOLVING));
    expect(clean.store.allBytes()).not.toContain(KEY);
    expect(clean.store.allBytes()).not.toContain(SECRET_MARK);
  });

  it('a context reset asks for NOTES.md with write_file only, then starts a fresh conversation', async () => {
    const notes = RESET_NOTES;
    const script = RESET_SCRIPT;
    const { result, model, store } = await run(script, { contextTokens: 10_000 });
    expect(result).toMatchObject({ stop: 'submitted', solved: true });
    const [first, notesAsk, fresh] = model.requests;
    expect(first?.tools).toHaveLength(10);
    expect(notesAsk?.tools.map((t) => t.name)).toEqual(['write_file']);
    expect(notesAsk?.messages.at(-1)?.content.at(-1)).toMatchObject({
      kind: 'text',
      text: expect.stringMatching(/^The conversation is close to the limit/),
    });
    expect(fresh?.messages).toHaveLength(1);
    const text = fresh?.messages[0]?.content[0];
    expect(text?.kind === 'text' && text.text).toContain(`Your notes (NOTES.md):\n${notes}`);
    expect(text?.kind === 'text' && text.text).toContain('Files in your workspace:\nNOTES.md (');
    expect(text?.kind === 'text' && text.text).toContain('Visible tests: 4 of 4 visible tests pass.');
    const reset = store.events().find((e) => e.kind === 'context-reset');
    expect(reset).toMatchObject({ kind: 'context-reset', notesBytes: notes.length, droppedMessages: 3 });
    // The dropped history is still in the log: the first turn's write is there.
    expect(store.events().filter((e) => e.kind === 'tool-call' && e.name === 'write_file')).toHaveLength(2);
  });

  it('a run stopped in the middle of a reset redoes the reset and ends the same way; the spent notes turn counts', async () => {
    const reference = await run(RESET_SCRIPT, { contextTokens: 10_000 });
    const store = new MemoryCheckpointStore();
    const stop = new AbortController();
    // The first environment operation is the reset's visible score.
    const env = new FakeEnvironment({ onOperation: (name, n) => n === 1 && stop.abort() });
    const first = await run(RESET_SCRIPT, { contextTokens: 10_000 }, { store, env, signal: stop.signal });
    expect(first.result.stop).toBe('cancelled');
    expect(env.operations).toEqual(['runVisibleTests']);
    const resumed = await run(RESET_SCRIPT, { contextTokens: 10_000 }, { store });
    const r = reference.result;
    expect(withoutTime(resumed.result)).toEqual({
      ...withoutTime(r),
      turns: r.turns + 1,
      toolCalls: r.toolCalls + 1,
      usage: { inputTokens: r.usage.inputTokens + 100, outputTokens: r.usage.outputTokens + 20 },
    });
    // The notes turn was asked again; the conversation it was asked in had no stray result.
    const notesAsk = resumed.model.requests[0];
    expect(notesAsk?.tools.map((t) => t.name)).toEqual(['write_file']);
    expect(unansweredCalls(notesAsk?.messages ?? [])).toEqual([]);
  });

  it('empty or repeated tool-call ids (some local servers send them) get unique ones, and every call is answered', async () => {
    const sloppy: ModelTurn = {
      kind: 'ok',
      message: {
        role: 'assistant',
        content: [
          { kind: 'tool-call', id: 'same', name: 'docs', argumentsJson: '{}' },
          { kind: 'tool-call', id: 'same', name: 'list_files', argumentsJson: '{}' },
          { kind: 'tool-call', id: '', name: 'build', argumentsJson: '{}' },
        ],
      },
      toolCalls: [],
      usage: usage(),
      stop: 'tool-calls',
    };
    const { result, model } = await run(({ answered }) => (answered === 0 ? sloppy : callTurn([['submit', {}]])));
    expect(result).toMatchObject({ stop: 'submitted', toolCalls: 4 });
    const [assistant, results] = model.requests[1]?.messages.slice(-2) ?? [];
    const ids = assistant?.content.map((b) => (b.kind === 'tool-call' ? b.id : ''));
    expect(ids).toEqual(['same', 'call_1_1', 'call_1_2']);
    expect(results?.content.map((b) => (b.kind === 'tool-result' ? b.callId : ''))).toEqual(ids);
  });

  it('unansweredCalls finds the calls of the last turn that have no result yet', () => {
    const turn = callTurn([
      ['docs', {}],
      ['list_files', {}],
    ]);
    if (turn.kind !== 'ok') throw new Error('scripted turn');
    expect(unansweredCalls([turn.message]).map((c) => c.id)).toEqual(['call-0', 'call-1']);
    expect(
      unansweredCalls([
        turn.message,
        { role: 'user', content: [{ kind: 'tool-result', callId: 'call-0', text: '', isError: false }] },
      ]).map((c) => c.id),
    ).toEqual(['call-1']);
    expect(unansweredCalls([{ role: 'user', content: [{ kind: 'text', text: 'task' }] }])).toEqual([]);
  });
});
