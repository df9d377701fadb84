import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/agent/messages.ts';
import type { ModelClient, ModelRequest, ModelTurn, RetryPolicy, StreamEvent } from '../../src/agent/model-client.ts';
import { AnthropicClient } from '../../src/models/anthropic.ts';
import { OpenAIChatClient, type OpenAIChatClientConfig } from '../../src/models/openai-chat.ts';
import type { Clock } from '../../src/models/retry.ts';
import { anthropicFailures, startAnthropicServer } from './servers/anthropic-server.ts';
import { openaiFailures, startOpenAIServer, type OpenAIServerOptions } from './servers/openai-server.ts';
import { split, type ScriptedServer, type ScriptStep } from './servers/scripted-server.ts';

const KEY = 'test-key-not-real-0001';
const WRONG_KEY = 'test-key-not-real-0002';

/** Back-offs cost no wall time: sleeping advances this clock and records how long was asked. */
function fakeClock(): Clock & { sleeps: number[] } {
  let now = Date.parse('2026-12-04T12:00:00Z');
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    random: () => 0.5,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
  };
}

const POLICY: RetryPolicy = { maxRetries: 3, initialDelayMs: 10, maxDelayMs: 1000 };

const TOOLS = [
  {
    name: 'write_file',
    description: 'Write a file in the workspace.',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string' }, content: { type: 'string' } },
      required: ['path', 'content'],
    },
  },
  { name: 'run_tests', description: 'Run the visible tests.', parameters: { type: 'object', properties: {} } },
];

function request(messages: Message[]): ModelRequest {
  return { system: 'You reimplement a program.', messages, tools: TOOLS, maxOutputTokens: 1024 };
}

const TASK: Message = { role: 'user', content: [{ kind: 'text', text: 'Reimplement cat in Python.' }] };
const WRITE_ARGS = JSON.stringify({ path: 'main.py', content: 'import sys\nsys.stdout.write(sys.stdin.read())\n' });

interface Provider {
  name: string;
  start(script: ScriptStep[], options?: OpenAIServerOptions): Promise<ScriptedServer>;
  client(
    server: ScriptedServer,
    clock: Clock,
    extra?: Partial<OpenAIChatClientConfig> & { apiKey?: string },
  ): ModelClient;
  failures: {
    rateLimited(seconds: number): ScriptStep;
    serverError(): ScriptStep;
    invalidKey(): ScriptStep;
    quota(): ScriptStep;
    contextLength(): ScriptStep;
  };
  /** Where the key is allowed to appear in a request. */
  authHeader: string;
}

const anthropic: Provider = {
  name: 'anthropic',
  start: (script) => startAnthropicServer(script, { apiKey: KEY }),
  client: (server, clock, extra = {}) =>
    new AnthropicClient({
      model: 'claude-test',
      apiKey: extra.apiKey ?? KEY,
      baseUrl: server.url,
      retry: POLICY,
      clock,
      ...(extra.browser !== undefined && { browser: extra.browser }),
    }),
  failures: {
    rateLimited: anthropicFailures.rateLimited,
    serverError: anthropicFailures.serverError,
    invalidKey: anthropicFailures.invalidKey,
    quota: anthropicFailures.creditTooLow,
    contextLength: anthropicFailures.promptTooLong,
  },
  authHeader: 'authorization',
};

const openai: Provider = {
  name: 'openai',
  start: (script, options) => startOpenAIServer(script, { apiKey: KEY, ...options }),
  client: (server, clock, extra = {}) =>
    new OpenAIChatClient({
      model: 'gpt-test',
      apiKey: KEY,
      baseUrl: `${server.url}/v1`,
      retry: POLICY,
      clock,
      ...extra,
    }),
  failures: openaiFailures,
  authHeader: 'authorization',
};

const openaiUnstreamed: Provider = {
  ...openai,
  name: 'openai (not streamed)',
  client: (server, clock, extra = {}) => openai.client(server, clock, { stream: false, ...extra }),
};

let servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(provider: Provider, script: ScriptStep[], options?: OpenAIServerOptions): Promise<ScriptedServer> {
  const server = await provider.start(script, options);
  servers.push(server);
  return server;
}

function ok(turn: ModelTurn): Extract<ModelTurn, { kind: 'ok' }> {
  if (turn.kind !== 'ok') throw new Error(`expected an ok turn, got ${JSON.stringify(turn)}`);
  return turn;
}

function failed(turn: ModelTurn): Extract<ModelTurn, { kind: 'error' }>['error'] {
  if (turn.kind !== 'error') throw new Error(`expected an error turn, got ${JSON.stringify(turn)}`);
  return turn.error;
}

function keyOnlyInAuthHeader(server: ScriptedServer, authHeader: string): void {
  expect(server.requests.length).toBeGreaterThan(0);
  for (const r of server.requests) {
    expect(r.url).not.toContain(KEY);
    expect(r.rawBody).not.toContain(KEY);
    for (const [name, value] of Object.entries(r.headers)) {
      if (name === authHeader) expect(value).toBe(`Bearer ${KEY}`);
      else expect(value, name).not.toContain(KEY);
    }
  }
}

describe.each([anthropic, openai, openaiUnstreamed])('$name client against its scripted server', (provider) => {
  it('reassembles text and tool calls streamed in pieces, counts usage, and sends the tool results back', async () => {
    const server = await serve(provider, [
      {
        text: ['I will write ', 'the program', ' first.'],
        toolCalls: [
          { id: 'call_a', name: 'write_file', arguments: split(WRITE_ARGS, 5) },
          { id: 'call_b', name: 'run_tests', arguments: ['{', '}'] },
        ],
        usage: { input: 120, output: 45, cacheRead: 2000, cacheWrite: 300 },
      },
      { text: 'All tests pass.', usage: { input: 30, output: 6 } },
    ]);
    const clock = fakeClock();
    const client = provider.client(server, clock);
    const events: StreamEvent[] = [];
    const first = ok(
      await client.turn(request([TASK]), { signal: new AbortController().signal, onEvent: (e) => events.push(e) }),
    );

    expect(first.stop).toBe('tool-calls');
    expect(first.message).toEqual({
      role: 'assistant',
      content: [
        { kind: 'text', text: 'I will write the program first.' },
        { kind: 'tool-call', id: 'call_a', name: 'write_file', argumentsJson: WRITE_ARGS },
        { kind: 'tool-call', id: 'call_b', name: 'run_tests', argumentsJson: '{}' },
      ],
    });
    expect(first.toolCalls.map((c) => c.id)).toEqual(['call_a', 'call_b']);
    expect(first.usage).toEqual({ inputTokens: 120, outputTokens: 45, cacheReadTokens: 2000, cacheWriteTokens: 300 });
    // The live transcript sees the same content as the turn.
    const text = events.flatMap((e) => (e.kind === 'text' ? [e.delta] : [])).join('');
    expect(text).toBe('I will write the program first.');
    expect(
      events.filter((e) => e.kind === 'tool-call-start').map((e) => e.kind === 'tool-call-start' && e.name),
    ).toEqual(['write_file', 'run_tests']);
    const args = events.flatMap((e) => (e.kind === 'tool-call-delta' && e.id === 'call_a' ? [e.argumentsDelta] : []));
    expect(args.join('')).toBe(WRITE_ARGS);

    const history: Message[] = [
      TASK,
      first.message,
      {
        role: 'user',
        content: [
          { kind: 'tool-result', callId: 'call_a', text: 'wrote main.py (42 bytes)', isError: false },
          { kind: 'tool-result', callId: 'call_b', text: 'build failed', isError: true },
          { kind: 'text', text: 'Budget left: 98 tool calls.' },
        ],
      },
    ];
    const second = ok(await client.turn(request(history), { signal: new AbortController().signal }));
    expect(second.stop).toBe('end');
    expect(second.message.content).toEqual([{ kind: 'text', text: 'All tests pass.' }]);
    expect(second.toolCalls).toEqual([]);
    expect(server.answered).toHaveLength(2);
    expect(clock.sleeps).toEqual([]);
    keyOnlyInAuthHeader(server, provider.authHeader);
  });

  it('waits at least the Retry-After of a 429 and then succeeds', async () => {
    const server = await serve(provider, [provider.failures.rateLimited(7), { text: 'hello' }]);
    const clock = fakeClock();
    const events: StreamEvent[] = [];
    const turn = ok(
      await provider.client(server, clock).turn(request([TASK]), {
        signal: new AbortController().signal,
        onEvent: (e) => events.push(e),
      }),
    );
    expect(turn.message.content).toEqual([{ kind: 'text', text: 'hello' }]);
    expect(server.answered.map((r) => r.status)).toEqual([429, 200]);
    // The policy's own back-off would be 10 ms; the server's 7 s is the floor.
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(7000);
    expect(events.filter((e) => e.kind === 'retry')).toEqual([
      { kind: 'retry', attempt: 1, waitMs: clock.sleeps[0], reason: expect.stringContaining('429') },
    ]);
  });

  it('retries a 500 with growing back-off, then gives up as unavailable', async () => {
    const server = await serve(
      provider,
      Array.from({ length: 4 }, () => provider.failures.serverError()),
    );
    const clock = fakeClock();
    const error = failed(
      await provider.client(server, clock).turn(request([TASK]), { signal: new AbortController().signal }),
    );
    expect(error).toMatchObject({ kind: 'unavailable', status: 500 });
    expect(server.answered).toHaveLength(POLICY.maxRetries + 1);
    expect(clock.sleeps).toHaveLength(POLICY.maxRetries);
    // initial 10 ms doubling, jitter at random()=0.5 keeps 75 %.
    expect(clock.sleeps).toEqual([8, 15, 30]);
  });

  it('answers a wrong key with auth at once, without retrying and without echoing the key', async () => {
    const server = await serve(provider, [{ text: 'never' }]);
    const clock = fakeClock();
    const client = provider.client(server, clock, { apiKey: WRONG_KEY });
    const error = failed(await client.turn(request([TASK]), { signal: new AbortController().signal }));
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(JSON.stringify(error)).not.toContain(WRONG_KEY);
    expect(server.requests).toHaveLength(1);
    expect(server.remaining).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('answers a scripted 401 with auth and no retry', async () => {
    const server = await serve(provider, [provider.failures.invalidKey(), { text: 'never' }]);
    const clock = fakeClock();
    const error = failed(
      await provider.client(server, clock).turn(request([TASK]), { signal: new AbortController().signal }),
    );
    expect(error.kind).toBe('auth');
    expect(server.answered).toHaveLength(1);
  });

  it('answers an exhausted quota with quota and no retry', async () => {
    const server = await serve(provider, [provider.failures.quota(), { text: 'never' }]);
    const clock = fakeClock();
    const error = failed(
      await provider.client(server, clock).turn(request([TASK]), { signal: new AbortController().signal }),
    );
    expect(error.kind).toBe('quota');
    expect(server.answered).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('answers a prompt over the context window with context-overflow', async () => {
    const server = await serve(provider, [provider.failures.contextLength()]);
    const error = failed(
      await provider.client(server, fakeClock()).turn(request([TASK]), { signal: new AbortController().signal }),
    );
    expect(error.kind).toBe('context-overflow');
    expect(server.answered).toHaveLength(1);
  });

  it('reports a request the API refuses (a tool result for an unknown call) as bad-request, without retrying', async () => {
    const server = await serve(provider, [{ text: 'never' }]);
    const history: Message[] = [
      TASK,
      { role: 'assistant', content: [{ kind: 'tool-call', id: 'call_real', name: 'run_tests', argumentsJson: '{}' }] },
      { role: 'user', content: [{ kind: 'tool-result', callId: 'call_other', text: 'x', isError: false }] },
    ];
    const error = failed(
      await provider.client(server, fakeClock()).turn(request(history), { signal: new AbortController().signal }),
    );
    expect(error).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(server.requests).toHaveLength(1);
    expect(server.remaining).toBe(1);
  });

  it('passes malformed argument JSON from the model through, and can still send that call back', async () => {
    const broken = '{"path": "main.py", "content": "unterminated';
    const server = await serve(provider, [
      { toolCalls: [{ id: 'call_m', name: 'write_file', arguments: [broken.slice(0, 10), broken.slice(10)] }] },
      { text: 'fixed' },
    ]);
    const client = provider.client(server, fakeClock());
    const first = ok(await client.turn(request([TASK]), { signal: new AbortController().signal }));
    expect(first.toolCalls).toEqual([{ kind: 'tool-call', id: 'call_m', name: 'write_file', argumentsJson: broken }]);
    const history: Message[] = [
      TASK,
      first.message,
      {
        role: 'user',
        content: [{ kind: 'tool-result', callId: 'call_m', text: 'arguments are not JSON', isError: true }],
      },
    ];
    const second = ok(await client.turn(request(history), { signal: new AbortController().signal }));
    expect(second.message.content).toEqual([{ kind: 'text', text: 'fixed' }]);
  });
});

describe.each([anthropic, openai])('$name streaming', (provider) => {
  it('a client serialised by mistake (a checkpoint, a log line) carries no key', async () => {
    const server = await serve(provider, []);
    const client = provider.client(server, fakeClock());
    expect(JSON.stringify(client)).not.toContain(KEY);
    expect(String(client)).not.toContain(KEY);
    expect(Object.values(client).join(' ')).not.toContain(KEY);
  });

  it('a listener that throws does not fail or repeat the turn', async () => {
    const server = await serve(provider, [{ text: ['a', 'b'] }, { text: 'second request' }]);
    const turn = await provider.client(server, fakeClock()).turn(request([TASK]), {
      signal: new AbortController().signal,
      onEvent: () => {
        throw new Error('view bug');
      },
    });
    expect(ok(turn).message.content).toEqual([{ kind: 'text', text: 'ab' }]);
    expect(server.answered).toHaveLength(1);
  });

  it('stops at once when cancelled mid-stream, and closes the connection', async () => {
    const server = await serve(provider, [{ text: ['partial ', 'answer ', 'that never ends'], stallAfter: 4 }]);
    const controller = new AbortController();
    const closed = server.whenStallClosed();
    const events: StreamEvent[] = [];
    const turn = await provider.client(server, fakeClock()).turn(request([TASK]), {
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.kind === 'text') controller.abort();
      },
    });
    expect(failed(turn)).toEqual({ kind: 'cancelled' });
    expect(events[0]).toEqual({ kind: 'text', delta: 'partial ' });
    await closed;
    expect(server.answered).toHaveLength(1);
  });

  it('stops at once when cancelled while the server has sent nothing but headers', async () => {
    const server = await serve(provider, [{ text: 'never sent', stallAfter: 0 }]);
    const controller = new AbortController();
    const closed = server.whenStallClosed();
    void server.whenStalled().then(() => controller.abort());
    const turn = await provider.client(server, fakeClock()).turn(request([TASK]), { signal: controller.signal });
    expect(failed(turn)).toEqual({ kind: 'cancelled' });
    await closed;
  });

  it('is cancelled before sending when the signal has already aborted', async () => {
    const server = await serve(provider, [{ text: 'never' }]);
    const controller = new AbortController();
    controller.abort();
    const turn = await provider.client(server, fakeClock()).turn(request([TASK]), { signal: controller.signal });
    expect(failed(turn)).toEqual({ kind: 'cancelled' });
    expect(server.requests).toHaveLength(0);
  });

  it('is cancelled during a back-off wait', async () => {
    const server = await serve(provider, [provider.failures.serverError(), { text: 'never' }]);
    const controller = new AbortController();
    const clock = fakeClock();
    const sleeping: Clock = { ...clock, sleep: (ms, signal) => (controller.abort(), clock.sleep(ms, signal)) };
    const turn = await provider.client(server, sleeping).turn(request([TASK]), { signal: controller.signal });
    expect(failed(turn)).toEqual({ kind: 'cancelled' });
    expect(server.answered).toHaveLength(1);
  });

  it('retries a stream that broke off before its end, and counts both attempts’ usage', async () => {
    const server = await serve(provider, [
      { text: ['half', ' of it'], dropAfter: 3, usage: { input: 100, output: 7 } },
      { text: 'whole', usage: { input: 100, output: 3 } },
    ]);
    const clock = fakeClock();
    const turn = ok(
      await provider.client(server, clock).turn(request([TASK]), { signal: new AbortController().signal }),
    );
    expect(turn.message.content).toEqual([{ kind: 'text', text: 'whole' }]);
    expect(server.answered).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(1);
    if (provider.name === 'anthropic') {
      // message_start had reported the first attempt's input (and one output token) before the stream broke.
      expect(turn.usage).toEqual({ inputTokens: 200, outputTokens: 4, cacheReadTokens: 0, cacheWriteTokens: 0 });
    } else {
      // OpenAI's usage chunk comes last, so a broken stream reported none.
      expect(turn.usage).toEqual({ inputTokens: 100, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0 });
    }
  });

  it('retries an error event inside a stream that began with status 200', async () => {
    const type = provider.name === 'anthropic' ? 'overloaded_error' : 'server_error';
    const server = await serve(provider, [
      { text: ['a', 'b'], errorAfter: { events: 2, type, message: 'Overloaded' } },
      { text: 'recovered' },
    ]);
    const clock = fakeClock();
    const turn = ok(
      await provider.client(server, clock).turn(request([TASK]), { signal: new AbortController().signal }),
    );
    expect(turn.message.content).toEqual([{ kind: 'text', text: 'recovered' }]);
    expect(server.answered).toHaveLength(2);
  });
});

describe('scripted servers', () => {
  it.each([anthropic, openai])('$name: a step may be computed from the request it answers', async (provider) => {
    const server = await serve(provider, [
      (r) => ({ text: `you sent ${(r.body as { messages: unknown[] }).messages.length} message(s)` }),
    ]);
    const turn = ok(
      await provider.client(server, fakeClock()).turn(request([TASK]), { signal: new AbortController().signal }),
    );
    // OpenAI's list carries the system prompt as a message.
    const expected = provider === openai ? 2 : 1;
    expect(turn.message.content).toEqual([{ kind: 'text', text: `you sent ${expected} message(s)` }]);
  });

  it.each([anthropic, openai])('$name: an exhausted script fails loudly', async (provider) => {
    const server = await serve(provider, []);
    const error = failed(
      await provider.client(server, fakeClock()).turn(request([TASK]), { signal: new AbortController().signal }),
    );
    expect(error).toMatchObject({ kind: 'bad-request', message: expect.stringContaining('the script has no step 0') });
    expect(server.requests).toHaveLength(1);
  });
});

describe('the scripted servers refuse what the real APIs refuse', () => {
  const anthropicHeaders = { authorization: `Bearer ${KEY}`, 'anthropic-version': '2023-06-01' };
  const user = { role: 'user', content: 'hi' };
  it.each<[string, Record<string, unknown>, string]>([
    ['tools not a list', { tools: { name: 'x' } }, 'tools: Input should be a valid list'],
    ['a tool without input_schema', { tools: [{ name: 'x' }] }, 'input_schema: Field required'],
    [
      'a bad tool name',
      { tools: [{ name: 'has space', input_schema: { type: 'object' } }] },
      'String should match pattern',
    ],
    [
      'a tool_use left unanswered',
      {
        messages: [
          user,
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'x', input: {} }] },
          { role: 'user', content: 'next' },
        ],
      },
      'without `tool_result` blocks immediately after: t1',
    ],
    [
      'text before a tool_result',
      {
        messages: [
          user,
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'x', input: {} }] },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'a' },
              { type: 'tool_result', tool_use_id: 't1', content: 'r' },
            ],
          },
        ],
      },
      'tool_result blocks must come first',
    ],
    [
      'an empty text block',
      { messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] },
      'must be non-empty',
    ],
  ])('Anthropic: %s', async (_name, patch, message) => {
    const server = await serve(anthropic, [{ text: 'never' }]);
    const res = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: anthropicHeaders,
      body: JSON.stringify({ model: 'm', max_tokens: 5, messages: [user], ...patch }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(message);
    expect(server.remaining).toBe(1);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an empty tools array', { tools: [] }, "[] is too short - 'tools'"],
    ['a tool that is not a function', { tools: [{ name: 'x' }] }, "'tools[0].type'"],
    [
      'stream_options without stream',
      { stream_options: { include_usage: true } },
      "only allowed when 'stream' is enabled",
    ],
    [
      'a tool message answering nothing',
      { messages: [user, { role: 'tool', tool_call_id: 'c9', content: 'r' }] },
      "must be a response to a preceeding message with 'tool_calls'",
    ],
    [
      'a tool call left unanswered',
      {
        messages: [
          user,
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'x', arguments: '{}' } }],
          },
          user,
        ],
      },
      'did not have response messages: c1',
    ],
  ])('OpenAI: %s', async (_name, patch, message) => {
    const server = await serve(openai, [{ text: 'never' }]);
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [user], ...patch }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(message);
    expect(server.remaining).toBe(1);
  });

  it('both answer a CORS preflight with the asked headers and expose Retry-After', async () => {
    for (const provider of [anthropic, openai]) {
      const server = await serve(provider, []);
      const res = await fetch(`${server.url}/v1/anything`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://127.0.0.1:1',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-stainless-os',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:1');
      expect(res.headers.get('access-control-allow-headers')).toBe('authorization, content-type, x-stainless-os');
      expect(res.headers.get('access-control-expose-headers')).toContain('retry-after');
    }
  });
});

describe('anthropic specifics', () => {
  it('sends the direct-browser-access header in browser mode, and the server refuses a cross-origin call without it', async () => {
    const server = await serve(anthropic, [{ text: 'hi' }]);
    const turn = await anthropic
      .client(server, fakeClock(), { browser: true })
      .turn(request([TASK]), { signal: new AbortController().signal });
    expect(ok(turn).message.content).toEqual([{ kind: 'text', text: 'hi' }]);
    expect(server.requests[0]?.headers['anthropic-dangerous-direct-browser-access']).toBe('true');
    const refused = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'anthropic-version': '2023-06-01', origin: 'http://127.0.0.1:1' },
      body: JSON.stringify({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'anthropic-dangerous-direct-browser-access',
    );
  });

  it('sends what the Messages API asks: max_tokens, system, tools with input_schema, automatic cache_control', async () => {
    const server = await serve(anthropic, [{ text: 'hi' }]);
    await anthropic.client(server, fakeClock()).turn(request([TASK]), { signal: new AbortController().signal });
    const sent = server.requests[0];
    expect(sent?.url).toBe('/v1/messages');
    expect(sent?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sent?.body).toMatchObject({
      model: 'claude-test',
      max_tokens: 1024,
      system: 'You reimplement a program.',
      stream: true,
      cache_control: { type: 'ephemeral' },
      tools: [{ name: 'write_file', input_schema: TOOLS[0]?.parameters }, { name: 'run_tests' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Reimplement cat in Python.' }] }],
    });
  });

  it('maps a billing error (402) to quota and an overloaded 529 to a retry', async () => {
    const server = await serve(anthropic, [anthropicFailures.overloaded(), anthropicFailures.billing()]);
    const clock = fakeClock();
    const error = failed(
      await anthropic.client(server, clock).turn(request([TASK]), { signal: new AbortController().signal }),
    );
    expect(error).toMatchObject({ kind: 'quota', status: 402 });
    expect(server.answered.map((r) => r.status)).toEqual([529, 402]);
  });

  it('the scripted server refuses a request without max_tokens, as the API does', async () => {
    const server = await serve(anthropic, []);
    const res = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${KEY}`,
        'anthropic-version': '2023-06-01',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
      request_id: 'req_scripted',
    });
  });
});

describe('openai specifics', () => {
  it('asks for the usage chunk when streaming and sends the tool results as tool messages', async () => {
    const server = await serve(openai, [
      { toolCalls: [{ id: 'c1', name: 'run_tests', arguments: '{}' }] },
      { text: 'ok' },
    ]);
    const client = openai.client(server, fakeClock());
    const first = ok(await client.turn(request([TASK]), { signal: new AbortController().signal }));
    const history: Message[] = [
      TASK,
      first.message,
      {
        role: 'user',
        content: [
          { kind: 'text', text: 'note' },
          { kind: 'tool-result', callId: 'c1', text: '3/5 passed', isError: true },
        ],
      },
    ];
    ok(await client.turn(request(history), { signal: new AbortController().signal }));
    expect(server.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 1024,
      tools: [{ type: 'function', function: { name: 'write_file', parameters: TOOLS[0]?.parameters } }, {}],
    });
    expect((server.requests[1]?.body as { messages: unknown[] }).messages).toEqual([
      { role: 'system', content: 'You reimplement a program.' },
      { role: 'user', content: 'Reimplement cat in Python.' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'run_tests', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'Error: 3/5 passed' },
      { role: 'user', content: 'note' },
    ]);
  });

  it('honours retry-after-ms', async () => {
    const server = await serve(openai, [openaiFailures.rateLimitedMs(2500), { text: 'hello' }]);
    const clock = fakeClock();
    ok(await openai.client(server, clock).turn(request([TASK]), { signal: new AbortController().signal }));
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(2500);
  });

  it('talks to a keyless compatible server without an Authorization header, using max_tokens', async () => {
    const server = await serve(openai, [{ text: 'local' }], { apiKey: undefined, maxTokensField: 'max_tokens' });
    const client = new OpenAIChatClient({
      provider: 'openai-compatible',
      model: 'qwen-test',
      baseUrl: `${server.url}/v1`,
      maxTokensField: 'max_tokens',
      retry: POLICY,
      clock: fakeClock(),
    });
    const turn = ok(await client.turn(request([TASK]), { signal: new AbortController().signal }));
    expect(turn.message.content).toEqual([{ kind: 'text', text: 'local' }]);
    expect(server.requests[0]?.headers['authorization']).toBeUndefined();
    expect(server.requests[0]?.body).toMatchObject({ max_tokens: 1024 });
  });

  it('a server that wants max_completion_tokens refuses max_tokens as bad-request', async () => {
    const server = await serve(openai, [{ text: 'x' }], { maxTokensField: 'max_completion_tokens' });
    const error = failed(
      await openai
        .client(server, fakeClock(), { maxTokensField: 'max_tokens' })
        .turn(request([TASK]), { signal: new AbortController().signal }),
    );
    expect(error).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(error.kind === 'bad-request' && error.message).toContain('max_completion_tokens');
  });

  it('reads tool calls the way Ollama streams them: whole, all at index 0, finish_reason stop', async () => {
    const server = await serve(
      openai,
      [
        {
          text: 'Two calls.',
          toolCalls: [
            { id: 'call_1', name: 'write_file', arguments: WRITE_ARGS },
            { id: 'call_2', name: 'run_tests', arguments: '{}' },
          ],
        },
      ],
      { quirks: { wholeToolCalls: true, allAtIndexZero: true, stopWithToolCalls: true } },
    );
    const turn = ok(
      await openai.client(server, fakeClock()).turn(request([TASK]), { signal: new AbortController().signal }),
    );
    expect(turn.stop).toBe('tool-calls');
    expect(turn.toolCalls).toEqual([
      { kind: 'tool-call', id: 'call_1', name: 'write_file', argumentsJson: WRITE_ARGS },
      { kind: 'tool-call', id: 'call_2', name: 'run_tests', argumentsJson: '{}' },
    ]);
  });

  it('gives tool calls that came without an id one of its own, unique and usable in the next request', async () => {
    const server = await serve(
      openai,
      [
        {
          toolCalls: [
            { name: 'run_tests', arguments: ['{', '}'] },
            { name: 'run_tests', arguments: '{}' },
          ],
        },
        { text: 'ok' },
      ],
      { quirks: { noToolCallIds: true } },
    );
    const client = openai.client(server, fakeClock());
    const first = ok(await client.turn(request([TASK]), { signal: new AbortController().signal }));
    const ids = first.toolCalls.map((c) => c.id);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^call_[0-9a-f]{24}$/);
    const results = ids.map((id) => ({ kind: 'tool-result' as const, callId: id, text: '0/5', isError: false }));
    ok(
      await client.turn(request([TASK, first.message, { role: 'user', content: results }]), {
        signal: new AbortController().signal,
      }),
    );
  });

  it('leaves out the x-stainless headers when asked (for strict CORS preflights)', async () => {
    const server = await serve(openai, [{ text: 'x' }]);
    ok(
      await openai
        .client(server, fakeClock(), { omitSdkHeaders: true })
        .turn(request([TASK]), { signal: new AbortController().signal }),
    );
    expect(Object.keys(server.requests[0]?.headers ?? {}).filter((h) => h.startsWith('x-stainless'))).toEqual([]);
  });

  it('a wrong key is refused with OpenAI’s masked message, which does not carry the whole key', async () => {
    const server = await serve(openai, []);
    const error = failed(
      await openai
        .client(server, fakeClock(), { apiKey: WRONG_KEY })
        .turn(request([TASK]), { signal: new AbortController().signal }),
    );
    expect(error.kind === 'auth' && error.message).toContain('Incorrect API key provided');
    expect(JSON.stringify(error)).not.toContain(WRONG_KEY);
  });
});
