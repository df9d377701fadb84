import type { Message } from './messages.ts';
import type { ToolSpec, Usage } from './model-client.ts';

/**
 * Context management. Before every model request the loop estimates the size of what it is about to send; at
 * `resetAt × contextTokens` it resets the conversation instead of sending it: one extra turn asks the agent to write
 * its decisions and state to NOTES.md (only write_file offered), then a fresh conversation starts from the task, the
 * notes, the file list and the current visible test status. Nothing is truncated: the full history stays in the
 * trajectory, and the reset is an event there.
 */

/** What the provider last said the conversation cost, and how many messages that covered. */
export interface ReportedSize {
  tokens: number;
  /** messages.length right after the reported turn's answer was appended. */
  atMessage: number;
}

const encoder = new TextEncoder();

/** About four bytes of UTF-8 per token for English and code: coarse, and used only for what no provider counted. */
export const BYTES_PER_TOKEN = 4;

function messageBytes(m: Message): number {
  let n = 8;
  for (const block of m.content) {
    if (block.kind === 'text') n += encoder.encode(block.text).length;
    else if (block.kind === 'tool-call') n += encoder.encode(block.name + block.argumentsJson).length + 16;
    else n += encoder.encode(block.text).length + 16;
  }
  return n;
}

/** The size a turn's answer left the conversation at: all it read plus what it wrote. */
export function reportedTokens(usage: Usage): number {
  return usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens + usage.outputTokens;
}

/**
 * Tokens the next request will take: the provider's last count plus bytes/4 for messages added since, or bytes/4 of
 * everything (system prompt and tool specs included) before any count exists or when the count covers messages that
 * are no longer there (after a reset).
 */
export function estimateTokens(
  system: string,
  tools: readonly ToolSpec[],
  messages: readonly Message[],
  reported: ReportedSize | undefined,
): number {
  if (reported && reported.tokens > 0 && reported.atMessage <= messages.length) {
    let bytes = 0;
    for (const m of messages.slice(reported.atMessage)) bytes += messageBytes(m);
    return reported.tokens + Math.ceil(bytes / BYTES_PER_TOKEN);
  }
  let bytes = encoder.encode(system).length + encoder.encode(JSON.stringify(tools)).length;
  for (const m of messages) bytes += messageBytes(m);
  return Math.ceil(bytes / BYTES_PER_TOKEN);
}

export const DEFAULT_RESET_AT = 0.8;

export function shouldReset(estimated: number, contextTokens: number, resetAt = DEFAULT_RESET_AT): boolean {
  return contextTokens > 0 && estimated >= resetAt * contextTokens;
}
