import { describe, expect, it } from 'vitest';
import { configProblem, createModelClient, PROVIDERS } from './providers.ts';

const KEY = 'test-key-not-real-0001';

describe('the providers table', () => {
  it('has the three providers with CORS notes for the UI', () => {
    expect(PROVIDERS.map((p) => p.id)).toEqual(['anthropic', 'openai', 'openai-compatible']);
    for (const p of PROVIDERS) expect(p.corsNotes.length).toBeGreaterThan(0);
    expect(PROVIDERS.find((p) => p.id === 'openai-compatible')?.corsNotes.join(' ')).toContain('OLLAMA_ORIGINS');
  });

  it('refuses configurations that cannot work, in words', () => {
    expect(configProblem({ provider: 'anthropic', model: 'm' })).toMatch(/needs an API key/);
    expect(configProblem({ provider: 'openai-compatible', model: 'm' })).toMatch(/needs a base URL/);
    expect(configProblem({ provider: 'openai-compatible', model: ' ', baseUrl: 'http://127.0.0.1:1/v1' })).toMatch(
      /model/,
    );
    expect(configProblem({ provider: 'openai-compatible', model: 'm', baseUrl: 'ftp://x' })).toMatch(/http/);
    expect(configProblem({ provider: 'openai-compatible', model: 'm', baseUrl: 'http://u:p@127.0.0.1/v1' })).toMatch(
      /credentials/,
    );
    expect(
      configProblem({ provider: 'openai', model: 'm', apiKey: KEY, baseUrl: `https://example.test/v1?key=${KEY}` }),
    ).toMatch(/credentials/);
    expect(
      configProblem({ provider: 'openai-compatible', model: 'm', baseUrl: 'http://127.0.0.1:11434/v1' }),
    ).toBeUndefined();
    expect(configProblem({ provider: 'nope' as 'openai', model: 'm' })).toMatch(/unknown provider/);
  });

  it('creates each client lazily, with the provider id it was picked by', async () => {
    for (const provider of ['anthropic', 'openai', 'openai-compatible'] as const) {
      const made = await createModelClient({ provider, model: 'm', apiKey: KEY, baseUrl: 'http://127.0.0.1:9/v1' });
      expect(made.kind === 'ok' && [made.client.provider, made.client.model]).toEqual([provider, 'm']);
    }
    const refused = await createModelClient({ provider: 'openai', model: 'm' });
    expect(refused).toEqual({ kind: 'error', message: 'OpenAI needs an API key' });
  });
});
