import Anthropic, { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type {
  ContentBlockParam,
  MessageCreateParamsStreaming,
  MessageParam,
  RawMessageStreamEvent,
  Tool,
} from '@anthropic-ai/sdk/resources/messages';
import type { ContentBlock, Message, TextBlock, ToolCallBlock } from '../agent/messages.ts';
import type {
  ModelClient,
  ModelRequest,
  ModelTurn,
  RetryPolicy,
  StopReason,
  StreamEvent,
  ToolSpec,
  Usage,
} from '../agent/model-client.ts';
import { networkFailure, sdkFailure, type SdkErrors } from './errors.ts';
import { DEFAULT_RETRY_POLICY, systemClock, withRetries, type Attempt, type Clock } from './retry.ts';
import { guarded, inBrowser, toolArgumentsObject } from './shared.ts';

const SDK_ERRORS: SdkErrors = {
  isAbort: (error) => error instanceof APIUserAbortError,
  isConnection: (error) => error instanceof APIConnectionError,
  apiFailure: (error) =>
    error instanceof APIError
      ? {
          status: error.status,
          type: error.type,
          code: error.errorCode,
          message: error.message,
          headers: error.headers,
        }
      : undefined,
};

export interface AnthropicClientConfig {
  model: string;
  apiKey: string;
  /** Default https://api.anthropic.com (the SDK's). */
  baseUrl?: string;
  /**
   * Calling from a page: the SDK then sends `anthropic-dangerous-direct-browser-access: true`, without which the API
   * refuses a browser's CORS request. Detected when absent.
   */
  browser?: boolean;
  /** Automatic prompt caching (top-level cache_control): an agent resends its whole history every turn. Default on. */
  promptCaching?: boolean;
  retry?: RetryPolicy;
  clock?: Clock;
  /** Per attempt (the SDK's timeout; default 10 minutes). */
  timeoutMs?: number;
}

/** The Anthropic Messages API, streamed, through @anthropic-ai/sdk; retries are ours (the SDK's are off). */
export class AnthropicClient implements ModelClient {
  readonly provider = 'anthropic';
  readonly model: string;
  readonly #sdk: Anthropic;
  readonly #secret: string;
  readonly #config: AnthropicClientConfig;

  constructor(config: AnthropicClientConfig) {
    this.model = config.model;
    this.#secret = config.apiKey;
    this.#config = config;
    this.#sdk = new Anthropic({
      apiKey: config.apiKey,
      // Explicit values, so that nothing in the environment (ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN, profiles on
      // disk, OpenTelemetry settings) changes where the request goes or what it carries.
      authToken: null,
      baseURL: config.baseUrl ?? 'https://api.anthropic.com',
      maxRetries: 0,
      openTelemetry: false,
      logLevel: 'off',
      dangerouslyAllowBrowser: config.browser ?? inBrowser(),
      ...(config.timeoutMs !== undefined && { timeout: config.timeoutMs }),
    });
  }

  turn(
    request: ModelRequest,
    options: { signal: AbortSignal; onEvent?: (e: StreamEvent) => void },
  ): Promise<ModelTurn> {
    const clock = this.#config.clock ?? systemClock;
    const onEvent = guarded(options.onEvent);
    return withRetries((signal) => this.#attempt(request, signal, clock, onEvent), {
      policy: this.#config.retry ?? DEFAULT_RETRY_POLICY,
      clock,
      signal: options.signal,
      ...(onEvent && { onEvent }),
    });
  }

  async #attempt(
    request: ModelRequest,
    signal: AbortSignal,
    clock: Clock,
    onEvent: ((e: StreamEvent) => void) | undefined,
  ): Promise<Attempt> {
    const body: MessageCreateParamsStreaming = {
      model: this.model,
      max_tokens: request.maxOutputTokens,
      system: request.system,
      messages: toAnthropicMessages(request.messages),
      stream: true,
      ...(request.tools.length > 0 && { tools: request.tools.map(toAnthropicTool) }),
      ...(this.#config.promptCaching !== false && { cache_control: { type: 'ephemeral' } }),
    };
    const assembly = new Assembly(onEvent);
    try {
      const stream = await this.#sdk.messages.create(body, { signal });
      for await (const event of stream) assembly.add(event);
    } catch (error) {
      return sdkFailure(error, SDK_ERRORS, {
        aborted: signal.aborted,
        nowMs: clock.now(),
        usage: assembly.usage,
        secret: this.#secret,
      });
    }
    return assembly.finish();
  }
}

/** Reassembles one streamed message: content blocks by index, tool input from input_json_delta fragments, usage. */
class Assembly {
  readonly #blocks: { block: TextBlock | ToolCallBlock; json: string[]; startInput: unknown }[] = [];
  readonly #onEvent: ((e: StreamEvent) => void) | undefined;
  usage: Usage | undefined;
  #stopReason: string | null = null;
  #stopped = false;

  constructor(onEvent: ((e: StreamEvent) => void) | undefined) {
    this.#onEvent = onEvent;
  }

  add(event: RawMessageStreamEvent): void {
    switch (event.type) {
      case 'message_start': {
        const u = event.message.usage;
        this.usage = {
          inputTokens: u.input_tokens,
          outputTokens: u.output_tokens,
          cacheReadTokens: u.cache_read_input_tokens ?? 0,
          cacheWriteTokens: u.cache_creation_input_tokens ?? 0,
        };
        break;
      }
      case 'content_block_start': {
        const cb = event.content_block;
        if (cb.type === 'text') {
          this.#blocks[event.index] = { block: { kind: 'text', text: cb.text }, json: [], startInput: undefined };
          if (cb.text) this.#onEvent?.({ kind: 'text', delta: cb.text });
        } else if (cb.type === 'tool_use') {
          const block: ToolCallBlock = { kind: 'tool-call', id: cb.id, name: cb.name, argumentsJson: '' };
          this.#blocks[event.index] = { block, json: [], startInput: cb.input };
          this.#onEvent?.({ kind: 'tool-call-start', id: cb.id, name: cb.name });
        }
        // Thinking and server-tool blocks are not requested, so any other kind is left out of the conversation.
        break;
      }
      case 'content_block_delta': {
        const entry = this.#blocks[event.index];
        if (!entry) break;
        const delta = event.delta;
        if (delta.type === 'text_delta' && entry.block.kind === 'text') {
          entry.block.text += delta.text;
          this.#onEvent?.({ kind: 'text', delta: delta.text });
        } else if (delta.type === 'input_json_delta' && entry.block.kind === 'tool-call') {
          entry.json.push(delta.partial_json);
          this.#onEvent?.({ kind: 'tool-call-delta', id: entry.block.id, argumentsDelta: delta.partial_json });
        }
        break;
      }
      case 'content_block_stop': {
        const entry = this.#blocks[event.index];
        if (entry?.block.kind === 'tool-call') {
          const streamed = entry.json.join('');
          // A tool without arguments streams no fragment; its input is then the start block's (an empty object).
          entry.block.argumentsJson = streamed !== '' ? streamed : JSON.stringify(entry.startInput ?? {});
        }
        break;
      }
      case 'message_delta': {
        // message_delta's counts are cumulative for the message: they replace, not add to, message_start's.
        const u = event.usage;
        const before = this.usage ?? { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
        this.usage = {
          inputTokens: u.input_tokens ?? before.inputTokens,
          outputTokens: u.output_tokens,
          cacheReadTokens: u.cache_read_input_tokens ?? before.cacheReadTokens,
          cacheWriteTokens: u.cache_creation_input_tokens ?? before.cacheWriteTokens,
        };
        if (event.delta.stop_reason) this.#stopReason = event.delta.stop_reason;
        break;
      }
      case 'message_stop':
        this.#stopped = true;
        break;
    }
  }

  finish(): Attempt {
    const usage = this.usage ?? { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
    if (!this.#stopped) {
      return networkFailure('stream: the response ended before message_stop', usage);
    }
    if (this.#stopReason === 'model_context_window_exceeded') {
      const error = { kind: 'context-overflow' as const, message: 'the model stopped: context window exceeded' };
      return { kind: 'final', turn: { kind: 'error', error, usage } };
    }
    const content: ContentBlock[] = this.#blocks.flatMap((entry) =>
      entry && !(entry.block.kind === 'text' && entry.block.text === '') ? [entry.block] : [],
    );
    const toolCalls = content.filter((b): b is ToolCallBlock => b.kind === 'tool-call');
    const message: Message = { role: 'assistant', content };
    return { kind: 'final', turn: { kind: 'ok', message, toolCalls, usage, stop: stopReason(this.#stopReason) } };
  }
}

function stopReason(reason: string | null): StopReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'end';
    case 'tool_use':
      return 'tool-calls';
    case 'max_tokens':
      return 'max-tokens';
    default:
      return 'other';
  }
}

function toAnthropicTool(tool: ToolSpec): Tool {
  return { name: tool.name, description: tool.description, input_schema: tool.parameters as Tool['input_schema'] };
}

/**
 * The provider-neutral conversation as Messages API turns. Tool results lead their user message (the API refuses
 * text before them); empty text blocks and messages left empty are dropped (the API refuses those too, and merges
 * the consecutive same-role turns that dropping may leave).
 */
export function toAnthropicMessages(messages: readonly Message[]): MessageParam[] {
  const out: MessageParam[] = [];
  for (const message of messages) {
    const blocks: ContentBlockParam[] = [];
    const results = message.content.filter((b) => b.kind === 'tool-result');
    const rest = message.content.filter((b) => b.kind !== 'tool-result');
    for (const block of message.role === 'user' ? [...results, ...rest] : message.content) {
      if (block.kind === 'text') {
        if (block.text !== '') blocks.push({ type: 'text', text: block.text });
      } else if (block.kind === 'tool-call') {
        blocks.push({
          type: 'tool_use',
          id: block.id,
          name: block.name,
          input: toolArgumentsObject(block.argumentsJson),
        });
      } else {
        blocks.push({
          type: 'tool_result',
          tool_use_id: block.callId,
          // An empty result is sent without content rather than as an empty text, which the API may refuse.
          ...(block.text !== '' && { content: block.text }),
          ...(block.isError && { is_error: true }),
        });
      }
    }
    if (blocks.length > 0) out.push({ role: message.role, content: blocks });
  }
  return out;
}
