/** A provider-neutral conversation: what the loop keeps, checkpoints and shows; clients translate it. */
export type ContentBlock = TextBlock | ToolCallBlock | ToolResultBlock;

export interface TextBlock {
  kind: 'text';
  text: string;
}

export interface ToolCallBlock {
  kind: 'tool-call';
  /** The provider's id for the call (Anthropic tool_use id, OpenAI tool_call id). */
  id: string;
  name: string;
  /** The arguments as the model wrote them (a JSON text that may be malformed: the loop validates). */
  argumentsJson: string;
}

export interface ToolResultBlock {
  kind: 'tool-result';
  callId: string;
  /** Bounded text (tools.ts). */
  text: string;
  isError: boolean;
}

export interface Message {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}
