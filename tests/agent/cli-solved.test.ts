/**
 * `mirrorbox agent` solves uuidparse end to end: a scripted agent reads the docs, asks the oracle, writes the team's
 * Python reference solution, runs it and submits — over Anthropic Messages SSE, OpenAI Chat Completions SSE and
 * OpenAI non-streamed, through the real CLI, the real oracle, the sandboxed candidate runner and the hidden scoring.
 * Then a run killed (SIGKILL) mid-way and resumed from its folder ends with the same result.json.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/node/paths.ts';
import { loadBuiltTarget } from '../../src/node/target-store.ts';
import {
  allBytes,
  byModel,
  KEY,
  resultOf,
  runCli,
  spawnCli,
  trajectory,
  turns,
  type Call,
  type CliRun,
} from './cli-harness.ts';
import { startAnthropicServer } from './servers/anthropic-server.ts';
import { startOpenAIServer } from './servers/openai-server.ts';
import type { ScriptedServer } from './servers/scripted-server.ts';

const solution = readFileSync(join(repoRoot, 'tests/fixtures/solutions/uuidparse-py/main.py'), 'utf8');
const UUID = '8a6d2f8e-5b5e-11ee-8c99-0242ac120002';
const SOLVE: Call[][] = [
  [['docs', {}]],
  [['oracle', { args: ['-J', UUID] }]],
  [['write_file', { path: 'main.py', content: solution }]],
  [['run', { args: ['-J', UUID] }]],
  [['submit', {}]],
];
const built = loadBuiltTarget('uuidparse');
if (built.kind === 'error') throw new Error(built.message);
const { pack } = built.value;

const root = mkdtempSync(join(tmpdir(), 'mirrorbox-agent-solved-'));
let anthropic: ScriptedServer;
let openai: ScriptedServer;

beforeAll(async () => {
  anthropic = await startAnthropicServer(byModel({ solver: turns(SOLVE) }), { apiKey: KEY });
  openai = await startOpenAIServer(byModel({ solver: turns(SOLVE) }), { apiKey: KEY });
});
afterAll(async () => {
  await Promise.all([anthropic.close(), openai.close()]);
  rmSync(root, { recursive: true, force: true });
});

function args(provider: 'anthropic' | 'openai', dir: string, extra: string[] = []): string[] {
  const server = provider === 'anthropic' ? anthropic : openai;
  const baseUrl = provider === 'anthropic' ? server.url : `${server.url}/v1`;
  return ['agent', 'uuidparse', '--lang', 'python', '--provider', provider, '--model', 'solver'].concat([
    '--base-url',
    baseUrl,
    '--out',
    dir,
    '--max-tool-calls',
    '20',
    '--json',
    ...extra,
  ]);
}

const env = (provider: 'anthropic' | 'openai'): Record<string, string> =>
  provider === 'anthropic' ? { ANTHROPIC_API_KEY: KEY } : { OPENAI_API_KEY: KEY };

function expectSolved(run: CliRun, dir: string): Record<string, unknown> {
  expect(run.code, run.err).toBe(0);
  const result = resultOf(dir);
  expect(result).toEqual({
    target: 'uuidparse',
    lang: 'python',
    model: 'solver',
    solved: true,
    visible: { passed: pack.visible.length, total: pack.visible.length },
    hidden: { passed: pack.hidden.length, total: pack.hidden.length },
    stop: 'submitted',
    usage: { inputTokens: 500, outputTokens: 100 },
    toolCalls: 5,
    turns: 5,
    ms: expect.any(Number),
  });
  expect(JSON.parse(run.out)).toEqual(result);
  expect(readFileSync(join(dir, 'workspace/main.py'), 'utf8')).toBe(solution);
  const events = trajectory(dir);
  // Every seq from 0 on (a run killed between appending events and its checkpoint may repeat some: the reader keeps
  // the last line of each seq).
  const seqs = [...new Set(events.map((e) => e.seq as number))].sort((a, b) => a - b);
  expect(seqs).toEqual(seqs.map((_, i) => i));
  expect(events[0]).toMatchObject({ kind: 'start', target: 'uuidparse', language: 'python', model: 'solver' });
  expect(events.at(-1)).toMatchObject({ kind: 'stop', stop: 'submitted' });
  // The oracle and the candidate agree byte for byte on the same input.
  const results = events
    .filter((e) => e.kind === 'tool-result')
    .map((e) => String(e.text).split('\n\nbudget left:')[0]);
  expect(results[3]).toBe(results[1]);
  expect(allBytes(dir)).not.toContain(KEY);
  expect(run.out + run.err).not.toContain(KEY);
  return result;
}

describe('mirrorbox agent solves uuidparse with a scripted agent', { timeout: 600_000 }, () => {
  let anthropicResult: Record<string, unknown>;

  it('over Anthropic Messages SSE', async () => {
    const dir = join(root, 'anthropic');
    anthropicResult = expectSolved(await runCli(args('anthropic', dir), env('anthropic')), dir);
    expect(anthropic.answered.every((r) => (r.body as { stream?: boolean }).stream === true)).toBe(true);
  });

  it('over OpenAI Chat Completions SSE and non-streamed', async () => {
    const [streamed, whole] = [join(root, 'openai-sse'), join(root, 'openai-json')];
    const runs = await Promise.all([
      runCli(args('openai', streamed), env('openai')),
      runCli(args('openai', whole, ['--no-stream']), env('openai')),
    ]);
    expectSolved(runs[0], streamed);
    expectSolved(runs[1], whole);
    const modes = openai.answered.map((r) => (r.body as { stream?: boolean }).stream === true);
    expect(modes.filter((m) => m)).toHaveLength(5);
    expect(modes.filter((m) => !m)).toHaveLength(5);
  });

  it('killed mid-run (SIGKILL) and resumed from its folder, it ends with the same result.json', async () => {
    const dir = join(root, 'killed');
    const first = spawnCli(args('anthropic', dir), env('anthropic'));
    await first.waitForLine(/^#3 write_file: /);
    first.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const resumed = await runCli(['agent', '--resume', dir, '--json'], env('anthropic'));
    const { ms: _a, ...again } = expectSolved(resumed, dir);
    const { ms: _b, ...uninterrupted } = anthropicResult;
    expect(again).toEqual(uninterrupted);
    expect(trajectory(dir).some((e) => e.kind === 'resume')).toBe(true);
  });
});
