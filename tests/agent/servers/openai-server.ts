import type { ServerResponse } from 'node:http';
import {
  pieces,
  ScriptedServer,
  writeStream,
  type ProviderProtocol,
  type RecordedRequest,
  type Rejection,
  type ScriptedFailure,
  type ScriptedServerOptions,
  type ScriptedTurn,
  type ScriptStep,
} from './scripted-server.ts';

export interface OpenAIServerOptions extends ScriptedServerOptions {
  /** The key the server takes; absent: a local server that takes none (and ignores any Authorization it gets). */
  apiKey?: string;
  /**
   * Which output-token field the "model" takes: OpenAI's reasoning models refuse `max_tokens`, older compatible
   * servers know only `max_tokens`. Default: either.
   */
  maxTokensField?: 'max_completion_tokens' | 'max_tokens' | 'either';
  /** Ways some OpenAI-compatible servers stream tool calls differently from OpenAI (Ollama, older llama.cpp). */
  quirks?: {
    /** Each call in one chunk (id, name and all its arguments at once), as Ollama streams them. */
    wholeToolCalls?: boolean;
    /** finish_reason "stop" for a turn that ends in tool calls. */
    stopWithToolCalls?: boolean;
    /** Every call at index 0, told apart only by its id. */
    allAtIndexZero?: boolean;
    /** Calls without an id. */
    noToolCallIds?: boolean;
  };
}

/**
 * A scripted OpenAI Chat Completions API (POST /v1/chat/completions) on loopback: SSE chunks with `delta.content` and
 * `delta.tool_calls` fragments, a usage chunk when `stream_options.include_usage` asks, `data: [DONE]`; a JSON answer
 * without `stream`; error bodies in OpenAI's shape; and the request checks the API makes (key, tools, tool messages
 * answering the assistant's tool calls, stream_options only with stream).
 */
export async function startOpenAIServer(
  script: ScriptStep[],
  options: OpenAIServerOptions = {},
): Promise<ScriptedServer> {
  return new ScriptedServer(openaiProtocol(options), script, options).start();
}

export const openaiFailures = {
  rateLimited: (retryAfterSeconds: number): ScriptedFailure => ({
    kind: 'fail',
    status: 429,
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for requests',
    headers: { 'retry-after': String(retryAfterSeconds) },
  }),
  rateLimitedMs: (retryAfterMs: number): ScriptedFailure => ({
    kind: 'fail',
    status: 429,
    type: 'tokens',
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for tokens',
    headers: { 'retry-after-ms': String(retryAfterMs) },
  }),
  serverError: (): ScriptedFailure => ({
    kind: 'fail',
    status: 500,
    type: 'server_error',
    message: 'The server had an error while processing your request.',
  }),
  invalidKey: (): ScriptedFailure => ({
    kind: 'fail',
    status: 401,
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message: 'Incorrect API key provided.',
  }),
  quota: (): ScriptedFailure => ({
    kind: 'fail',
    status: 429,
    type: 'insufficient_quota',
    code: 'insufficient_quota',
    message: 'You exceeded your current quota, please check your plan and billing details.',
  }),
  contextLength: (): ScriptedFailure => ({
    kind: 'fail',
    status: 400,
    type: 'invalid_request_error',
    code: 'context_length_exceeded',
    message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens.",
  }),
};

function masked(key: string): string {
  return key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}` : '***';
}

function openaiProtocol(options: OpenAIServerOptions): ProviderProtocol {
  return {
    path: '/v1/chat/completions',
    authorize(request: RecordedRequest): Rejection | null {
      if (options.apiKey === undefined) return null;
      const bearer = request.headers['authorization']?.match(/^Bearer (.+)$/)?.[1];
      if (bearer === undefined) {
        return {
          status: 401,
          type: 'invalid_request_error',
          message:
            "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.",
        };
      }
      if (bearer !== options.apiKey) {
        return {
          status: 401,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
          message: `Incorrect API key provided: ${masked(bearer)}.`,
        };
      }
      return null;
    },
    validate: (body) => validateChatRequest(body, options.maxTokensField ?? 'either'),
    errorBody: (r) => ({ error: { message: r.message, type: r.type, param: null, code: r.code ?? null } }),
    respond(turn: ScriptedTurn, body: unknown, res: ServerResponse, step: number, server: ScriptedServer): void {
      const request = body as { model: string; stream?: boolean; stream_options?: { include_usage?: boolean } };
      const { chunks, final } = completionOf(
        turn,
        request.model,
        step,
        request.stream_options?.include_usage === true,
        options.quirks ?? {},
      );
      if (!request.stream) {
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `req_scripted_${step}` });
        res.end(JSON.stringify(final));
        return;
      }
      const events = [...chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`), 'data: [DONE]\n\n'];
      writeStream(
        res,
        events,
        turn,
        server,
        (type, message) => `data: ${JSON.stringify({ error: { message, type, param: null, code: null } })}\n\n`,
      );
    },
  };
}

function completionOf(
  turn: ScriptedTurn,
  model: string,
  step: number,
  includeUsage: boolean,
  quirks: NonNullable<OpenAIServerOptions['quirks']>,
): { chunks: unknown[]; final: unknown } {
  const id = `chatcmpl-scripted-${step}`;
  const created = 1_700_000_000 + step;
  const input = turn.usage?.input ?? 10;
  const cacheRead = turn.usage?.cacheRead ?? 0;
  const cacheWrite = turn.usage?.cacheWrite ?? 0;
  const output = turn.usage?.output ?? 5;
  const usage = {
    // prompt_tokens includes the cached part, as OpenAI reports it.
    prompt_tokens: input + cacheRead + cacheWrite,
    completion_tokens: output,
    total_tokens: input + cacheRead + cacheWrite + output,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_write_tokens: cacheWrite, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
  const calls = (turn.toolCalls ?? []).map((c, i) => ({ ...c, id: c.id ?? `call_scripted_${step}_${i}` }));
  const finish = turn.stop ?? (calls.length > 0 && !quirks.stopWithToolCalls ? 'tool_calls' : 'stop');
  const chunk = (delta: unknown, finishReason: string | null = null): unknown => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: 'fp_scripted',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage && { usage: null }),
  });
  const chunks: unknown[] = [chunk({ role: 'assistant', content: '', refusal: null })];
  const text = pieces(turn.text);
  for (const piece of text) chunks.push(chunk({ content: piece }));
  for (const [i, call] of calls.entries()) {
    const index = quirks.allAtIndexZero ? 0 : i;
    const id = quirks.noToolCallIds ? {} : { id: call.id };
    if (quirks.wholeToolCalls) {
      const args = pieces(call.arguments).join('');
      chunks.push(
        chunk({ tool_calls: [{ index, ...id, type: 'function', function: { name: call.name, arguments: args } }] }),
      );
      continue;
    }
    chunks.push(
      chunk({ tool_calls: [{ index, ...id, type: 'function', function: { name: call.name, arguments: '' } }] }),
    );
    for (const piece of pieces(call.arguments)) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  }
  chunks.push(chunk({}, finish));
  if (includeUsage) {
    chunks.push({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_scripted',
      choices: [],
      usage,
    });
  }
  const final = {
    id,
    object: 'chat.completion',
    created,
    model,
    system_fingerprint: 'fp_scripted',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text.length > 0 ? text.join('') : null,
          refusal: null,
          ...(calls.length > 0 && {
            tool_calls: calls.map((c) => ({
              id: c.id,
              type: 'function',
              function: { name: c.name, arguments: pieces(c.arguments).join('') },
            })),
          }),
        },
        logprobs: null,
        finish_reason: finish,
      },
    ],
    usage,
  };
  return { chunks, final };
}

const invalid = (message: string, code?: string): Rejection => ({
  status: 400,
  type: 'invalid_request_error',
  message,
  ...(code !== undefined && { code }),
});

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

/** The checks Chat Completions makes before it runs a model, with OpenAI's wording where it matters. */
export function validateChatRequest(
  body: unknown,
  maxTokensField: 'max_completion_tokens' | 'max_tokens' | 'either',
): Rejection | null {
  if (typeof body !== 'object' || body === null) return invalid('We could not parse the JSON body of your request.');
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model === '') return invalid('you must provide a model parameter');
  if (b.stream_options !== undefined && b.stream !== true) {
    return invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'invalid_value');
  }
  if (maxTokensField === 'max_completion_tokens' && b.max_tokens !== undefined) {
    return invalid(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      'unsupported_parameter',
    );
  }
  if (maxTokensField === 'max_tokens' && b.max_completion_tokens !== undefined) {
    return invalid('Unrecognized request argument supplied: max_completion_tokens');
  }
  for (const field of ['max_tokens', 'max_completion_tokens']) {
    const value = b[field];
    if (value !== undefined && value !== null && (!Number.isInteger(value) || (value as number) < 1)) {
      return invalid(`Invalid '${field}': integer below minimum value.`, 'integer_below_min_value');
    }
  }
  if (b.tools !== undefined) {
    if (!Array.isArray(b.tools)) return invalid("Invalid type for 'tools': expected an array.");
    if (b.tools.length === 0) return invalid("[] is too short - 'tools'", 'empty_array');
    for (const [i, tool] of (b.tools as Record<string, unknown>[]).entries()) {
      const fn = tool?.function as Record<string, unknown> | undefined;
      if (tool?.type !== 'function')
        return invalid(`Missing required parameter: 'tools[${i}].type'.`, 'missing_required_parameter');
      if (typeof fn?.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(fn.name)) {
        return invalid(`Invalid 'tools[${i}].function.name': string does not match pattern.`, 'invalid_value');
      }
      if (fn.parameters !== undefined && (typeof fn.parameters !== 'object' || fn.parameters === null)) {
        return invalid(`Invalid type for 'tools[${i}].function.parameters': expected an object.`);
      }
    }
  }
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    return invalid("Invalid 'messages': empty array. Expected an array with minimum length 1.", 'empty_array');
  }
  let pending: string[] = [];
  for (const [i, m] of (b.messages as Record<string, unknown>[]).entries()) {
    if (!ROLES.has(m?.role as string))
      return invalid(
        `Invalid value: '${String(m?.role)}'. Supported values are: 'system', 'assistant', 'user', 'tool', and 'developer'.`,
      );
    if (m.role === 'tool') {
      if (typeof m.tool_call_id !== 'string' || !pending.includes(m.tool_call_id)) {
        return invalid(
          `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.`,
        );
      }
      if (typeof m.content !== 'string' && !Array.isArray(m.content))
        return invalid(`Invalid type for 'messages[${i}].content'.`);
      pending = pending.filter((id) => id !== m.tool_call_id);
      continue;
    }
    if (pending.length > 0) {
      return invalid(
        `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${pending.join(', ')}`,
      );
    }
    if (m.role === 'assistant') {
      const calls = m.tool_calls;
      if (calls !== undefined) {
        if (!Array.isArray(calls) || calls.length === 0)
          return invalid(`Invalid 'messages[${i}].tool_calls': empty array.`);
        for (const [j, call] of (calls as Record<string, unknown>[]).entries()) {
          const fn = call.function as Record<string, unknown> | undefined;
          if (
            typeof call.id !== 'string' ||
            call.type !== 'function' ||
            typeof fn?.name !== 'string' ||
            typeof fn.arguments !== 'string'
          ) {
            return invalid(
              `Missing required parameter: 'messages[${i}].tool_calls[${j}]'.`,
              'missing_required_parameter',
            );
          }
          pending.push(call.id);
        }
      }
      if ((m.content === null || m.content === undefined) && calls === undefined) {
        return invalid(`Invalid value for 'messages[${i}].content': expected a string, got null.`);
      }
    } else if (typeof m.content !== 'string' && !Array.isArray(m.content)) {
      return invalid(`Invalid type for 'messages[${i}].content': expected one of a string or array of objects.`);
    }
  }
  return null;
}
