import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { ContentBlock, Message, ToolCallBlock } from '../agent/messages.ts';
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
import { freshCallId, guarded, inBrowser, toolArgumentsText } from './shared.ts';

const SDK_ERRORS: SdkErrors = {
  isAbort: (error) => error instanceof APIUserAbortError,
  isConnection: (error) => error instanceof APIConnectionError,
  apiFailure: (error) =>
    error instanceof APIError
      ? {
          status: error.status,
          type: error.type ?? null,
          code: error.code ?? null,
          message: error.message,
          headers: error.headers,
        }
      : undefined,
};

export interface OpenAIChatClientConfig {
  model: string;
  /** Absent for a local server that takes none: no Authorization header is sent then. */
  apiKey?: string;
  /** Default https://api.openai.com/v1; an OpenAI-compatible server's …/v1 otherwise. */
  baseUrl?: string;
  /** Label of the provider (the providers table's id). */
  provider?: string;
  /**
   * Stream the turn (default) or ask for one JSON answer: some OpenAI-compatible servers cannot stream tool calls
   * (they drop them or send them as text), and answer them correctly only without streaming.
   */
  stream?: boolean;
  /**
   * OpenAI's reasoning models refuse `max_tokens` and want `max_completion_tokens`; older OpenAI-compatible servers
   * know only `max_tokens`. Default `max_completion_tokens`.
   */
  maxTokensField?: 'max_completion_tokens' | 'max_tokens';
  /** Ask for the usage chunk when streaming (`stream_options.include_usage`). Default on. */
  streamUsage?: boolean;
  /**
   * Leave out the SDK's `x-stainless-*` telemetry headers: each custom header must pass a cross-origin server's CORS
   * preflight, and some OpenAI-compatible servers allow only the standard ones. Default on in a browser.
   */
  omitSdkHeaders?: boolean;
  browser?: boolean;
  retry?: RetryPolicy;
  clock?: Clock;
  timeoutMs?: number;
}

const SDK_HEADERS = [
  'x-stainless-arch',
  'x-stainless-lang',
  'x-stainless-os',
  'x-stainless-package-version',
  'x-stainless-retry-count',
  'x-stainless-runtime',
  'x-stainless-runtime-version',
  'x-stainless-timeout',
];

/** Chat Completions through the `openai` SDK, for OpenAI and any server that speaks it; retries are ours. */
export class OpenAIChatClient implements ModelClient {
  readonly provider: string;
  readonly model: string;
  readonly #sdk: OpenAI;
  readonly #secret: string | undefined;
  readonly #config: OpenAIChatClientConfig;

  constructor(config: OpenAIChatClientConfig) {
    this.provider = config.provider ?? 'openai';
    this.model = config.model;
    this.#secret = config.apiKey;
    this.#config = config;
    const browser = config.browser ?? inBrowser();
    const headers: Record<string, null> = {};
    // The SDK insists on a key; a keyless server gets a placeholder whose header is then removed.
    if (!config.apiKey) headers['Authorization'] = null;
    if (config.omitSdkHeaders ?? browser) for (const name of SDK_HEADERS) headers[name] = null;
    this.#sdk = new OpenAI({
      apiKey: config.apiKey || 'no-key',
      // Explicit, so that OPENAI_ORG_ID / OPENAI_PROJECT_ID / OPENAI_BASE_URL in the environment change nothing.
      organization: null,
      project: null,
      baseURL: config.baseUrl ?? 'https://api.openai.com/v1',
      maxRetries: 0,
      logLevel: 'off',
      dangerouslyAllowBrowser: browser,
      defaultHeaders: headers,
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

  #body(request: ModelRequest): ChatCompletionCreateParamsNonStreaming {
    const field = this.#config.maxTokensField ?? 'max_completion_tokens';
    return {
      model: this.model,
      messages: toOpenAIMessages(request.system, request.messages),
      [field]: request.maxOutputTokens,
      // An empty tools array is refused by OpenAI ("[] is too short"): leave the field out instead.
      ...(request.tools.length > 0 && { tools: request.tools.map(toOpenAITool) }),
    };
  }

  async #attempt(
    request: ModelRequest,
    signal: AbortSignal,
    clock: Clock,
    onEvent: ((e: StreamEvent) => void) | undefined,
  ): Promise<Attempt> {
    if (this.#config.stream === false) {
      let completion: ChatCompletion;
      try {
        completion = await this.#sdk.chat.completions.create(this.#body(request), { signal });
      } catch (error) {
        return sdkFailure(error, SDK_ERRORS, {
          aborted: signal.aborted,
          nowMs: clock.now(),
          usage: undefined,
          secret: this.#secret,
        });
      }
      return fromCompletion(completion, onEvent);
    }
    const body: ChatCompletionCreateParamsStreaming = {
      ...this.#body(request),
      stream: true,
      ...(this.#config.streamUsage !== false && { stream_options: { include_usage: true } }),
    };
    const assembly = new ChunkAssembly(onEvent);
    try {
      const stream = await this.#sdk.chat.completions.create(body, { signal });
      for await (const chunk of stream) assembly.add(chunk);
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

function toUsage(u: CompletionUsage | null | undefined): Usage | undefined {
  if (!u) return undefined;
  // prompt_tokens includes the cached (and cache-written) tokens; Usage keeps the four counts disjoint.
  const cacheRead = u.prompt_tokens_details?.cached_tokens ?? 0;
  const cacheWrite = u.prompt_tokens_details?.cache_write_tokens ?? 0;
  return {
    inputTokens: Math.max(0, (u.prompt_tokens ?? 0) - cacheRead - cacheWrite),
    outputTokens: u.completion_tokens ?? 0,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
  };
}

function stopReason(finish: string | null | undefined, toolCalls: number): StopReason {
  if (finish === 'length') return 'max-tokens';
  // Some servers (Ollama among them) say `stop` for a turn that ends in tool calls.
  if (toolCalls > 0 || finish === 'tool_calls' || finish === 'function_call') return 'tool-calls';
  if (finish === 'stop') return 'end';
  return 'other';
}

const EMPTY_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

/** Reassembles a streamed turn: text from delta.content, each tool call from its delta.tool_calls fragments. */
class ChunkAssembly {
  readonly #onEvent: ((e: StreamEvent) => void) | undefined;
  #text = '';
  readonly #calls: ToolCallBlock[] = [];
  /** The call each stream index is building now. */
  readonly #byIndex = new Map<number, ToolCallBlock>();
  #finish: string | null | undefined;
  usage: Usage | undefined;

  constructor(onEvent: ((e: StreamEvent) => void) | undefined) {
    this.#onEvent = onEvent;
  }

  add(chunk: ChatCompletionChunk): void {
    const usage = toUsage(chunk.usage);
    if (usage) this.usage = usage;
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const delta = choice.delta;
    if (delta?.content) {
      this.#text += delta.content;
      this.#onEvent?.({ kind: 'text', delta: delta.content });
    }
    for (const fragment of delta?.tool_calls ?? []) {
      let call = this.#byIndex.get(fragment.index);
      // A fragment with a new id at a known index starts another call (servers that number every call 0).
      if (!call || (fragment.id && fragment.id !== call.id)) {
        call = {
          kind: 'tool-call',
          id: fragment.id || freshCallId(),
          name: fragment.function?.name ?? '',
          argumentsJson: '',
        };
        this.#byIndex.set(fragment.index, call);
        this.#calls.push(call);
        this.#onEvent?.({ kind: 'tool-call-start', id: call.id, name: call.name });
      } else if (fragment.function?.name && !call.name) {
        call.name = fragment.function.name;
      }
      const args = fragment.function?.arguments;
      if (args) {
        call.argumentsJson += args;
        this.#onEvent?.({ kind: 'tool-call-delta', id: call.id, argumentsDelta: args });
      }
    }
    if (choice.finish_reason) this.#finish = choice.finish_reason;
  }

  finish(): Attempt {
    const usage = this.usage ?? EMPTY_USAGE;
    // Without a finish_reason the stream was cut off (the SDK ends quietly when the body just closes).
    if (!this.#finish) return networkFailure('stream: the response ended without a finish_reason', usage);
    const calls = this.#calls.map((c) => (c.argumentsJson === '' ? { ...c, argumentsJson: '{}' } : c));
    return assemble(this.#text, calls, this.#finish, usage);
  }
}

function fromCompletion(completion: ChatCompletion, onEvent: ((e: StreamEvent) => void) | undefined): Attempt {
  const usage = toUsage(completion.usage) ?? EMPTY_USAGE;
  const choice = completion.choices?.[0];
  if (!choice) return networkFailure('the answer had no choices', usage);
  const text = choice.message.content ?? '';
  if (text) onEvent?.({ kind: 'text', delta: text });
  const calls: ToolCallBlock[] = [];
  for (const call of choice.message.tool_calls ?? []) {
    if (call.type !== 'function') continue;
    const block: ToolCallBlock = {
      kind: 'tool-call',
      id: call.id || freshCallId(),
      name: call.function.name,
      argumentsJson: call.function.arguments || '{}',
    };
    calls.push(block);
    onEvent?.({ kind: 'tool-call-start', id: block.id, name: block.name });
    onEvent?.({ kind: 'tool-call-delta', id: block.id, argumentsDelta: block.argumentsJson });
  }
  return assemble(text, calls, choice.finish_reason, usage);
}

function assemble(text: string, calls: ToolCallBlock[], finish: string | null | undefined, usage: Usage): Attempt {
  if (finish === 'context_length_exceeded') {
    const error = { kind: 'context-overflow' as const, message: 'the model stopped: context length exceeded' };
    return { kind: 'final', turn: { kind: 'error', error, usage } };
  }
  const content: ContentBlock[] = [...(text ? [{ kind: 'text' as const, text }] : []), ...calls];
  const message: Message = { role: 'assistant', content };
  return {
    kind: 'final',
    turn: { kind: 'ok', message, toolCalls: calls, usage, stop: stopReason(finish, calls.length) },
  };
}

function toOpenAITool(tool: ToolSpec): ChatCompletionFunctionTool {
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  };
}

/**
 * The neutral conversation as Chat Completions messages. A user message's tool results become `tool` messages that
 * directly follow the assistant's tool calls (as the API requires), then its text. The API has no error flag on a
 * tool result, so an error result's text is marked with a leading "Error: ".
 */
export function toOpenAIMessages(system: string, messages: readonly Message[]): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [{ role: 'system', content: system }];
  for (const message of messages) {
    const text = message.content
      .filter((b) => b.kind === 'text')
      .map((b) => b.text)
      .join('\n\n');
    if (message.role === 'assistant') {
      const calls = message.content.filter((b) => b.kind === 'tool-call');
      if (!text && calls.length === 0) continue;
      out.push({
        role: 'assistant',
        content: text || null,
        ...(calls.length > 0 && {
          tool_calls: calls.map((c) => ({
            id: c.id,
            type: 'function' as const,
            // Servers that render a chat template parse this text; a malformed one would fail the whole request.
            function: { name: c.name, arguments: toolArgumentsText(c.argumentsJson) },
          })),
        }),
      });
      continue;
    }
    for (const block of message.content) {
      if (block.kind !== 'tool-result') continue;
      out.push({
        role: 'tool',
        tool_call_id: block.callId,
        content: block.isError ? `Error: ${block.text}` : block.text,
      });
    }
    if (text) out.push({ role: 'user', content: text });
  }
  return out;
}
