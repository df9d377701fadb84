import type { Message, ToolCallBlock } from './messages.ts';

/** A tool as the model is told of it. */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema (draft 2020-12 subset: object/properties/required/type/items/description/enum). */
  parameters: Record<string, unknown>;
}

export interface ModelRequest {
  system: string;
  messages: readonly Message[];
  tools: readonly ToolSpec[];
  /** Output tokens for this turn. */
  maxOutputTokens: number;
}

/**
 * Tokens of one turn, as the provider reported them (0 where it reports nothing). The four counts do not overlap:
 * `inputTokens` are the uncached input tokens (Anthropic's input_tokens; OpenAI's prompt_tokens minus its
 * cached_tokens), so a price table can price each once.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** What a client streams while a turn is under way (for the live transcript); the turn's result is authoritative. */
export type StreamEvent =
  | { kind: 'text'; delta: string }
  | { kind: 'tool-call-start'; id: string; name: string }
  | { kind: 'tool-call-delta'; id: string; argumentsDelta: string }
  | { kind: 'retry'; attempt: number; waitMs: number; reason: string };

export type StopReason = 'end' | 'tool-calls' | 'max-tokens' | 'other';

export type ModelError =
  /** Bad or missing key: the run pauses; retrying cannot help. */
  | { kind: 'auth'; status?: number; message: string }
  /** Out of credit / quota (not a rate limit): pauses likewise. */
  | { kind: 'quota'; status?: number; message: string }
  /** The request was larger than the model's window. */
  | { kind: 'context-overflow'; message: string }
  /** 429/5xx/network after the client's own retries ran out. */
  | { kind: 'unavailable'; status?: number; message: string }
  /** 4xx the harness caused (a bug or an unsupported option); ends the run as `error`. */
  | { kind: 'bad-request'; status?: number; message: string }
  | { kind: 'cancelled' };

export type ModelTurn =
  | {
      kind: 'ok';
      /** role 'assistant': text and tool-call blocks in the order the model gave them. */
      message: Message;
      toolCalls: ToolCallBlock[];
      usage: Usage;
      stop: StopReason;
    }
  | { kind: 'error'; error: ModelError; usage?: Usage };

export interface RetryPolicy {
  /** Attempts after the first, for 429, 5xx, network errors. */
  maxRetries: number;
  /** First back-off; doubles each attempt with jitter, never below a Retry-After the server sent. */
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * One model behind one small interface. Implementations (src/models/) use the providers' official SDKs; they never
 * throw for provider behaviour — every failure is a ModelError — and they honour `signal` at once.
 */
export interface ModelClient {
  readonly provider: string;
  readonly model: string;
  turn(request: ModelRequest, options: { signal: AbortSignal; onEvent?: (e: StreamEvent) => void }): Promise<ModelTurn>;
}
