// Runs in Chromium: the providers table and the SDKs as the app will load them (lazily), against loopback servers.
import type { ModelRequest, ModelTurn, StreamEvent } from '../../../src/agent/model-client.ts';
import { createModelClient, type ProviderConfig } from '../../../src/models/providers.ts';
import type { Clock } from '../../../src/models/retry.ts';

export interface PageTurn {
  turn: ModelTurn | { kind: 'config-error'; message: string };
  events: StreamEvent[];
  sleeps: number[];
}

async function turn(config: Omit<ProviderConfig, 'clock'>, request: ModelRequest): Promise<PageTurn> {
  let now = Date.parse('2026-12-04T12:00:00Z');
  const sleeps: number[] = [];
  // Back-offs cost no wall time here either: the page's clock only records what was asked.
  const clock: Clock = {
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  const made = await createModelClient({ ...config, clock });
  if (made.kind === 'error') return { turn: { kind: 'config-error', message: made.message }, events: [], sleeps };
  const events: StreamEvent[] = [];
  const result = await made.client.turn(request, {
    signal: new AbortController().signal,
    onEvent: (e) => events.push(e),
  });
  return { turn: result, events, sleeps };
}

(window as unknown as { models: { turn: typeof turn } }).models = { turn };
document.body.dataset.state = 'ready';
