import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ModelRequest } from '../../src/agent/model-client.ts';
import type { ProviderConfig } from '../../src/models/providers.ts';
import { launchChromium } from '../browser/chromium.ts';
import type { PageTurn } from './browser/models-page.ts';
import { anthropicFailures, startAnthropicServer } from './servers/anthropic-server.ts';
import { startOpenAIServer } from './servers/openai-server.ts';
import { split, type ScriptedServer } from './servers/scripted-server.ts';

const KEY = 'test-key-not-real-0001';
const ARGS = JSON.stringify({ path: 'main.py', content: 'print("hi")\n' });
const REQUEST: ModelRequest = {
  system: 'You reimplement a program.',
  messages: [{ role: 'user', content: [{ kind: 'text', text: 'Reimplement cat.' }] }],
  tools: [{ name: 'write_file', description: 'Write a file.', parameters: { type: 'object', properties: {} } }],
  maxOutputTokens: 256,
};
const NO_RETRY = { maxRetries: 0, initialDelayMs: 1, maxDelayMs: 1 };

/**
 * The page is served from one loopback origin and the scripted APIs from others, so every call is cross-origin:
 * the CORS preflight, the exposed Retry-After and the SDKs' browser modes are exercised as a real tab would.
 */
describe('in Debian Chromium: the model clients call the scripted providers cross-origin', () => {
  let browser: Browser;
  let page: Page;
  let pageServer: Server;
  let apis: ScriptedServer[] = [];

  beforeAll(async () => {
    const bundled = await build({
      entryPoints: [fileURLToPath(new URL('./browser/models-page.ts', import.meta.url))],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      outdir: '/models',
      write: false,
      logLevel: 'error',
    });
    const files = new Map(bundled.outputFiles.map((f) => [f.path, f.text]));
    pageServer = createServer((req, res) => {
      const js = files.get(req.url ?? '');
      if (js !== undefined) {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(js);
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><body><script type="module" src="/models/models-page.js"></script></body>');
      }
    });
    await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
  });
  afterEach(async () => {
    await Promise.all(apis.map((s) => s.close()));
    apis = [];
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => pageServer?.close(resolve));
  });

  const turn = (config: Omit<ProviderConfig, 'clock'>): Promise<PageTurn> =>
    page.evaluate(
      ([c, r]) =>
        (window as unknown as { models: { turn(c: unknown, r: unknown): Promise<PageTurn> } }).models.turn(c, r),
      [config, REQUEST] as const,
    );

  it('Anthropic: streams a tool call through the preflight, with the direct-browser-access header', async () => {
    const api = await startAnthropicServer(
      [{ text: ['Writing', ' it.'], toolCalls: [{ name: 'write_file', arguments: split(ARGS, 4) }] }],
      {
        apiKey: KEY,
      },
    );
    apis.push(api);
    const { turn: result } = await turn({
      provider: 'anthropic',
      model: 'claude-test',
      apiKey: KEY,
      baseUrl: api.url,
      retry: NO_RETRY,
    });
    expect(result).toMatchObject({
      kind: 'ok',
      stop: 'tool-calls',
      message: {
        content: [
          { kind: 'text', text: 'Writing it.' },
          { kind: 'tool-call', name: 'write_file', argumentsJson: ARGS },
        ],
      },
    });
    expect(api.preflights.length).toBeGreaterThanOrEqual(1);
    const sent = api.requests[0];
    expect(sent?.headers['origin']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sent?.headers['anthropic-dangerous-direct-browser-access']).toBe('true');
    expect(sent?.rawBody).not.toContain(KEY);
  });

  it('Anthropic: a 429’s Retry-After is readable across origins and honoured', async () => {
    const api = await startAnthropicServer([anthropicFailures.rateLimited(3), { text: 'ok' }], { apiKey: KEY });
    apis.push(api);
    const result = await turn({
      provider: 'anthropic',
      model: 'claude-test',
      apiKey: KEY,
      baseUrl: api.url,
      retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 10 },
    });
    expect(result.turn.kind).toBe('ok');
    expect(result.sleeps).toHaveLength(1);
    expect(result.sleeps[0]).toBeGreaterThanOrEqual(3000);
  });

  it('OpenAI: streams a tool call with usage through the preflight', async () => {
    const api = await startOpenAIServer(
      [
        {
          toolCalls: [{ name: 'write_file', arguments: split(ARGS, 3) }],
          usage: { input: 9, output: 4, cacheRead: 1 },
        },
      ],
      {
        apiKey: KEY,
      },
    );
    apis.push(api);
    const { turn: result } = await turn({
      provider: 'openai',
      model: 'gpt-test',
      apiKey: KEY,
      baseUrl: `${api.url}/v1`,
      retry: NO_RETRY,
    });
    expect(result).toMatchObject({
      kind: 'ok',
      stop: 'tool-calls',
      usage: { inputTokens: 9, outputTokens: 4, cacheReadTokens: 1, cacheWriteTokens: 0 },
      message: { content: [{ kind: 'tool-call', name: 'write_file', argumentsJson: ARGS }] },
    });
    expect(api.preflights.length).toBeGreaterThanOrEqual(1);
    expect(api.requests[0]?.headers['authorization']).toBe(`Bearer ${KEY}`);
  });

  it('OpenAI-compatible: a server whose preflight allows only standard headers works, since the SDK’s own are left out', async () => {
    const api = await startOpenAIServer([{ text: 'local answer' }], { corsAllowHeaders: ['content-type', 'accept'] });
    apis.push(api);
    const { turn: result } = await turn({
      provider: 'openai-compatible',
      model: 'local',
      baseUrl: `${api.url}/v1`,
      retry: NO_RETRY,
    });
    expect(result).toMatchObject({ kind: 'ok', message: { content: [{ kind: 'text', text: 'local answer' }] } });
    const asked = api.preflights[0]?.headers['access-control-request-headers'] ?? '';
    expect(asked).not.toContain('x-stainless');
    expect(asked).not.toContain('authorization');
  });

  it('a strict preflight refuses the SDK’s own headers when they are sent: the turn ends unavailable, not thrown', async () => {
    const api = await startOpenAIServer([{ text: 'never' }], {
      apiKey: KEY,
      corsAllowHeaders: ['content-type', 'accept', 'authorization'],
    });
    apis.push(api);
    // Proof that the server's strict preflight bites: with the SDK's headers kept, the browser never sends the call.
    const { turn: result } = await turn({
      provider: 'openai',
      model: 'gpt-test',
      apiKey: KEY,
      baseUrl: `${api.url}/v1`,
      omitSdkHeaders: false,
      retry: NO_RETRY,
    });
    expect(result).toMatchObject({ kind: 'error', error: { kind: 'unavailable' } });
    expect(api.requests).toHaveLength(0);
  });
});
