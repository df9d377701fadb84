/** True in a page or a worker: the SDKs refuse to run there unless told the caller means it. */
export function inBrowser(): boolean {
  const g = globalThis as { document?: unknown; importScripts?: unknown; process?: { versions?: { node?: string } } };
  if (g.process?.versions?.node) return false;
  return g.document !== undefined || typeof g.importScripts === 'function';
}

/**
 * Tool arguments as an object for a provider that wants one back in the history (Anthropic's tool_use.input; some
 * OpenAI-compatible servers parse the arguments text). What the model wrote stays in the neutral conversation; a text
 * that is not a JSON object is replaced by {} here, since the API would refuse the whole request for it and the
 * tool's error result already told the model what was wrong.
 */
export function toolArgumentsObject(argumentsJson: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(argumentsJson);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The arguments text as written when it is a JSON object, else "{}" (see toolArgumentsObject). */
export function toolArgumentsText(argumentsJson: string): string {
  try {
    const value: unknown = JSON.parse(argumentsJson);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? argumentsJson : '{}';
  } catch {
    return '{}';
  }
}

/** An id for a tool call a server sent without one (some OpenAI-compatible servers do). */
export function freshCallId(): string {
  return `call_${globalThis.crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

/**
 * The listener as the clients call it: one that throws (a bug in a transcript view) must not fail the turn, which
 * would be retried and billed again; the turn's result, not the stream of events, is authoritative.
 */
export function guarded<E>(listener: ((e: E) => void) | undefined): ((e: E) => void) | undefined {
  if (!listener) return undefined;
  return (e) => {
    try {
      listener(e);
    } catch {
      // Ignored on purpose: see above.
    }
  };
}
