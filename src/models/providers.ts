import type { ModelClient, RetryPolicy } from '../agent/model-client.ts';
import type { Clock } from './retry.ts';

export type ProviderId = 'anthropic' | 'openai' | 'openai-compatible';

/** What the user picks (app form or CLI flags). The key lives only here, in memory. */
export interface ProviderConfig {
  provider: ProviderId;
  model: string;
  apiKey?: string;
  /** Absent: the provider's default. Required for `openai-compatible`. */
  baseUrl?: string;
  /** OpenAI-compatible servers that cannot stream tool calls: ask for one JSON answer per turn. */
  stream?: boolean;
  /** See OpenAIChatClientConfig.maxTokensField; default per provider. */
  maxTokensField?: 'max_completion_tokens' | 'max_tokens';
  /** See OpenAIChatClientConfig.omitSdkHeaders; default on in a browser. */
  omitSdkHeaders?: boolean;
  retry?: RetryPolicy;
  clock?: Clock;
  timeoutMs?: number;
  /** Default: detected (a page or a worker). */
  browser?: boolean;
}

export interface ProviderInfo {
  id: ProviderId;
  label: string;
  /** Absent where the user must give one. */
  defaultBaseUrl?: string;
  keyRequired: boolean;
  /** Example model names for the form's placeholder; not a list of what exists. */
  exampleModel: string;
  /** What calling it from a browser tab takes, for the UI and docs/agent.md. */
  corsNotes: string[];
  /** Imports the SDK on first use, so the app's initial bundle carries neither SDK. */
  create(config: ProviderConfig): Promise<ModelClient>;
}

/** Why a configuration cannot make a client, in words for the form or the CLI; undefined when it can. */
export function configProblem(config: ProviderConfig): string | undefined {
  const info = PROVIDERS.find((p) => p.id === config.provider);
  if (!info)
    return `unknown provider ${JSON.stringify(config.provider)} (one of ${PROVIDERS.map((p) => p.id).join(', ')})`;
  if (!config.model.trim()) return 'a model name is required';
  if (info.keyRequired && !config.apiKey) return `${info.label} needs an API key`;
  const baseUrl = config.baseUrl ?? info.defaultBaseUrl;
  if (!baseUrl) return `${info.label} needs a base URL (e.g. http://127.0.0.1:11434/v1 for Ollama)`;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `the base URL ${JSON.stringify(baseUrl)} is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'the base URL must be http: or https:';
  // A key in the URL would end up in logs and trajectories; it belongs in the key field only.
  if (url.username || url.password || (config.apiKey && baseUrl.includes(config.apiKey))) {
    return 'the base URL must not carry credentials; give the key in the key field';
  }
  return undefined;
}

const ANTHROPIC_URL = 'https://api.anthropic.com';
const OPENAI_URL = 'https://api.openai.com/v1';

export const PROVIDERS: readonly ProviderInfo[] = [
  {
    id: 'anthropic',
    label: 'Anthropic',
    defaultBaseUrl: ANTHROPIC_URL,
    keyRequired: true,
    exampleModel: 'claude-sonnet-4-6',
    corsNotes: [
      'Callable from a tab: the client sends anthropic-dangerous-direct-browser-access: true, which the API requires of a cross-origin request.',
      'The key is then visible to this page (and its extensions): use a key with a spending limit.',
    ],
    async create(config) {
      const { AnthropicClient } = await import('./anthropic.ts');
      return new AnthropicClient({
        model: config.model,
        apiKey: config.apiKey ?? '',
        ...common(config, ANTHROPIC_URL),
      });
    },
  },
  {
    id: 'openai',
    label: 'OpenAI',
    defaultBaseUrl: OPENAI_URL,
    keyRequired: true,
    exampleModel: 'gpt-5',
    corsNotes: [
      'The API answers cross-origin requests, so a tab can call it with the key directly.',
      'The key is then visible to this page (and its extensions): use a project key with a budget.',
    ],
    async create(config) {
      const { OpenAIChatClient } = await import('./openai-chat.ts');
      return new OpenAIChatClient({
        provider: 'openai',
        model: config.model,
        ...(config.apiKey !== undefined && { apiKey: config.apiKey }),
        ...(config.stream !== undefined && { stream: config.stream }),
        ...(config.omitSdkHeaders !== undefined && { omitSdkHeaders: config.omitSdkHeaders }),
        maxTokensField: config.maxTokensField ?? 'max_completion_tokens',
        ...common(config, OPENAI_URL),
      });
    },
  },
  {
    id: 'openai-compatible',
    label: 'OpenAI-compatible server',
    keyRequired: false,
    exampleModel: 'qwen3-coder',
    corsNotes: [
      'Ollama (http://127.0.0.1:11434/v1) refuses other origins until started with OLLAMA_ORIGINS set to this page’s origin (or *); its default context is 4096 tokens, too small for an agent: raise num_ctx / OLLAMA_CONTEXT_LENGTH.',
      'llama.cpp server (http://127.0.0.1:8080/v1) allows any origin; tool calls need --jinja.',
      'vLLM (http://127.0.0.1:8000/v1) allows any origin by default (--allowed-origins narrows it); tools need --enable-auto-tool-choice --tool-call-parser NAME.',
      'LM Studio (http://127.0.0.1:1234/v1): turn on CORS in its server settings.',
      'OpenRouter (https://openrouter.ai/api/v1) answers cross-origin requests; give its key.',
      'Chromium asks permission before a public https page may call a server on this machine (Local Network Access).',
      'In a tab the client leaves out the SDK’s x-stainless-* headers, which some servers’ CORS preflight refuses.',
    ],
    async create(config) {
      const { OpenAIChatClient } = await import('./openai-chat.ts');
      return new OpenAIChatClient({
        provider: 'openai-compatible',
        model: config.model,
        ...(config.apiKey && { apiKey: config.apiKey }),
        ...(config.stream !== undefined && { stream: config.stream }),
        ...(config.omitSdkHeaders !== undefined && { omitSdkHeaders: config.omitSdkHeaders }),
        // The field every compatible server knows; OpenAI's newer one is not yet universal.
        maxTokensField: config.maxTokensField ?? 'max_tokens',
        ...common(config, undefined),
      });
    },
  },
];

function common(config: ProviderConfig, defaultBaseUrl: string | undefined) {
  const baseUrl = config.baseUrl ?? defaultBaseUrl;
  return {
    ...(baseUrl !== undefined && { baseUrl }),
    ...(config.retry && { retry: config.retry }),
    ...(config.clock && { clock: config.clock }),
    ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
    ...(config.browser !== undefined && { browser: config.browser }),
  };
}

export type CreateClientResult = { kind: 'ok'; client: ModelClient } | { kind: 'error'; message: string };

/** The one way app and CLI make a client: checks the configuration first, never throws. */
export async function createModelClient(config: ProviderConfig): Promise<CreateClientResult> {
  const problem = configProblem(config);
  if (problem) return { kind: 'error', message: problem };
  const info = PROVIDERS.find((p) => p.id === config.provider);
  if (!info) return { kind: 'error', message: `unknown provider ${config.provider}` };
  try {
    return { kind: 'ok', client: await info.create(config) };
  } catch (error) {
    // Loading the SDK's chunk failed (offline tab) or the SDK refused its options.
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'error', message: config.apiKey ? message.split(config.apiKey).join('[redacted]') : message };
  }
}
