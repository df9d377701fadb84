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

/**
 * A scripted Anthropic Messages API (POST /v1/messages) on loopback: the named SSE events the real API streams
 * (message_start, content_block_start/delta/stop with text_delta and input_json_delta, ping, message_delta with usage
 * and stop_reason, message_stop; `error` inside a stream), JSON answers for `stream: false`, error bodies in the API's
 * shape, and the request checks the API makes (key, anthropic-version, max_tokens, tool_use/tool_result pairing, the
 * browser header on a cross-origin call).
 */
export async function startAnthropicServer(
  script: ScriptStep[],
  options: ScriptedServerOptions & { apiKey: string },
): Promise<ScriptedServer> {
  return new ScriptedServer(anthropicProtocol(options.apiKey), script, options).start();
}

export const anthropicFailures = {
  rateLimited: (retryAfterSeconds: number): ScriptedFailure => ({
    kind: 'fail',
    status: 429,
    type: 'rate_limit_error',
    message: 'Number of request tokens has exceeded your per-minute rate limit',
    headers: { 'retry-after': String(retryAfterSeconds) },
  }),
  serverError: (): ScriptedFailure => ({
    kind: 'fail',
    status: 500,
    type: 'api_error',
    message: 'Internal server error',
  }),
  overloaded: (): ScriptedFailure => ({ kind: 'fail', status: 529, type: 'overloaded_error', message: 'Overloaded' }),
  invalidKey: (): ScriptedFailure => ({
    kind: 'fail',
    status: 401,
    type: 'authentication_error',
    message: 'invalid x-api-key',
  }),
  creditTooLow: (): ScriptedFailure => ({
    kind: 'fail',
    status: 400,
    type: 'invalid_request_error',
    message:
      'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
  }),
  billing: (): ScriptedFailure => ({ kind: 'fail', status: 402, type: 'billing_error', message: 'Payment required' }),
  promptTooLong: (): ScriptedFailure => ({
    kind: 'fail',
    status: 400,
    type: 'invalid_request_error',
    message: 'prompt is too long: 210345 tokens > 200000 maximum',
  }),
};

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

function anthropicProtocol(apiKey: string): ProviderProtocol {
  return {
    path: '/v1/messages',
    authorize(request: RecordedRequest): Rejection | null {
      const h = request.headers;
      const bearer = h['authorization']?.match(/^Bearer (.+)$/)?.[1];
      const key = h['x-api-key'] ?? bearer;
      if (key === undefined) {
        return { status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
      }
      if (key !== apiKey) return { status: 401, type: 'authentication_error', message: 'invalid x-api-key' };
      if (h['origin'] !== undefined && h['anthropic-dangerous-direct-browser-access'] !== 'true') {
        return {
          status: 401,
          type: 'authentication_error',
          message:
            "CORS requests must set 'anthropic-dangerous-direct-browser-access' header to use the API directly from a browser",
        };
      }
      if (!h['anthropic-version']) {
        return { status: 400, type: 'invalid_request_error', message: 'anthropic-version: header is required' };
      }
      return null;
    },
    validate: validateMessagesRequest,
    errorBody: (r) => ({ type: 'error', error: { type: r.type, message: r.message }, request_id: 'req_scripted' }),
    respond(turn: ScriptedTurn, body: unknown, res: ServerResponse, step: number, server: ScriptedServer): void {
      const request = body as { model: string; stream?: boolean };
      const message = messageOf(turn, request.model, step);
      if (!request.stream) {
        res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_scripted_${step}` });
        res.end(JSON.stringify(message.final));
        return;
      }
      writeStream(res, message.events, turn, server, (type, text) =>
        sse('error', { type: 'error', error: { type, message: text } }),
      );
    },
  };
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function messageOf(turn: ScriptedTurn, model: string, step: number): { events: string[]; final: unknown } {
  const id = `msg_scripted_${step}`;
  const usage = {
    input_tokens: turn.usage?.input ?? 10,
    cache_creation_input_tokens: turn.usage?.cacheWrite ?? 0,
    cache_read_input_tokens: turn.usage?.cacheRead ?? 0,
    output_tokens: turn.usage?.output ?? 5,
  };
  const calls = (turn.toolCalls ?? []).map((c, i) => ({ ...c, id: c.id ?? `toolu_scripted_${step}_${i}` }));
  const stop = turn.stop ?? (calls.length > 0 ? 'tool_use' : 'end_turn');
  const events: string[] = [];
  events.push(
    sse('message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        // message_start carries the input counts and a token or so of output; message_delta has the final count.
        usage: { ...usage, output_tokens: 1 },
      },
    }),
  );
  const content: unknown[] = [];
  let index = 0;
  const text = pieces(turn.text);
  if (text.length > 0) {
    events.push(
      sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }),
    );
    events.push(sse('ping', { type: 'ping' }));
    for (const piece of text) {
      events.push(
        sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } }),
      );
    }
    events.push(sse('content_block_stop', { type: 'content_block_stop', index }));
    content.push({ type: 'text', text: text.join(''), citations: null });
    index++;
  }
  for (const call of calls) {
    events.push(
      sse('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} },
      }),
    );
    for (const piece of pieces(call.arguments)) {
      events.push(
        sse('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: piece },
        }),
      );
    }
    events.push(sse('content_block_stop', { type: 'content_block_stop', index }));
    content.push({
      type: 'tool_use',
      id: call.id,
      name: call.name,
      input: parsedOrEmpty(pieces(call.arguments).join('')),
    });
    index++;
  }
  events.push(
    sse('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stop, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    }),
  );
  events.push(sse('message_stop', { type: 'message_stop' }));
  const final = {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage,
  };
  return { events, final };
}

/** A model's unfinished argument JSON (cut off at max_tokens) still makes a tool_use; its input is then {}. */
function parsedOrEmpty(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}

const invalid = (message: string): Rejection => ({ status: 400, type: 'invalid_request_error', message });

/** The checks the Messages API makes before it runs a model, with its wording where it matters. */
export function validateMessagesRequest(body: unknown): Rejection | null {
  if (typeof body !== 'object' || body === null) return invalid('body: Input should be an object');
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model === '') return invalid('model: Field required');
  if (b.max_tokens === undefined) return invalid('max_tokens: Field required');
  if (!Number.isInteger(b.max_tokens) || (b.max_tokens as number) < 1) {
    return invalid('max_tokens: Input should be a positive integer');
  }
  if (b.system !== undefined && typeof b.system !== 'string' && !Array.isArray(b.system)) {
    return invalid('system: Input should be a valid string or list');
  }
  if (b.stream !== undefined && typeof b.stream !== 'boolean')
    return invalid('stream: Input should be a valid boolean');
  if (b.tools !== undefined) {
    if (!Array.isArray(b.tools)) return invalid('tools: Input should be a valid list');
    const names = new Set<string>();
    for (const [i, tool] of (b.tools as unknown[]).entries()) {
      const t = tool as Record<string, unknown>;
      if (typeof t !== 'object' || t === null) return invalid(`tools.${i}: Input should be an object`);
      if (typeof t.name !== 'string' || !TOOL_NAME.test(t.name)) {
        return invalid(`tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
      }
      if (names.has(t.name)) return invalid('tools: Tool names must be unique.');
      names.add(t.name);
      const schema = t.input_schema as Record<string, unknown> | undefined;
      if (typeof schema !== 'object' || schema === null)
        return invalid(`tools.${i}.custom.input_schema: Field required`);
      if (schema.type !== 'object') return invalid(`tools.${i}.custom.input_schema.type: Input should be 'object'`);
    }
  }
  if (!Array.isArray(b.messages) || b.messages.length === 0)
    return invalid('messages: at least one message is required');
  const messages = b.messages as Record<string, unknown>[];
  let pending: string[] = [];
  for (const [i, m] of messages.entries()) {
    if (m.role !== 'user' && m.role !== 'assistant')
      return invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    const content = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
    if (!Array.isArray(content)) return invalid(`messages.${i}.content: Input should be a valid list`);
    const last = i === messages.length - 1;
    if (content.length === 0 && !(last && m.role === 'assistant')) {
      return invalid(
        `messages.${i}: all messages must have non-empty content except for the optional final assistant message`,
      );
    }
    const uses: string[] = [];
    const results: string[] = [];
    let seenOther = false;
    for (const [j, block] of (content as Record<string, unknown>[]).entries()) {
      const at = `messages.${i}.content.${j}`;
      switch (block.type) {
        case 'text':
          if (typeof block.text !== 'string' || block.text === '')
            return invalid(`${at}: text content blocks must be non-empty`);
          seenOther = true;
          break;
        case 'tool_use':
          if (m.role !== 'assistant') return invalid(`${at}: tool_use blocks may only appear in assistant messages`);
          if (typeof block.id !== 'string' || typeof block.name !== 'string')
            return invalid(`${at}.tool_use: id and name are required`);
          if (typeof block.input !== 'object' || block.input === null || Array.isArray(block.input)) {
            return invalid(`${at}.tool_use.input: Input should be a valid dictionary`);
          }
          uses.push(block.id);
          break;
        case 'tool_result':
          if (m.role !== 'user') return invalid(`${at}: tool_result blocks may only appear in user messages`);
          if (typeof block.tool_use_id !== 'string') return invalid(`${at}.tool_result.tool_use_id: Field required`);
          if (seenOther) return invalid(`${at}: tool_result blocks must come first in the content, before any text`);
          if (block.content !== undefined && typeof block.content !== 'string' && !Array.isArray(block.content)) {
            return invalid(`${at}.tool_result.content: Input should be a valid string or list`);
          }
          if (block.is_error !== undefined && typeof block.is_error !== 'boolean') {
            return invalid(`${at}.tool_result.is_error: Input should be a valid boolean`);
          }
          results.push(block.tool_use_id);
          break;
        default:
          return invalid(`${at}: unknown content block type ${JSON.stringify(block.type)}`);
      }
    }
    if (m.role === 'user') {
      const unknown = results.filter((id) => !pending.includes(id));
      if (unknown.length > 0) {
        return invalid(
          `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unknown.join(', ')}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
      const unanswered = pending.filter((id) => !results.includes(id));
      if (unanswered.length > 0) {
        return invalid(
          `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        );
      }
      pending = [];
    } else {
      if (pending.length > 0) {
        return invalid(
          `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${pending.join(', ')}.`,
        );
      }
      pending = uses;
    }
  }
  return null;
}
