/**
 * `mirrorbox agent` end to end against the scripted Anthropic server: the ways a run stops short of a solution
 * (spinning, each budget), provider trouble (a 429 with Retry-After, a refused key), malformed tool arguments, and
 * the walls around the agent (its files only; the oracle's outputs only). The runs write no candidate, so no test
 * suite is scored and each run is quick.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltTarget } from '../../src/node/target-store.ts';
import {
  allBytes,
  byModel,
  KEY,
  resultOf,
  runCli,
  spawnCli,
  trajectory,
  turnOf,
  turns,
  type CliRun,
} from './cli-harness.ts';
import { anthropicFailures, startAnthropicServer } from './servers/anthropic-server.ts';
import { startOpenAIServer } from './servers/openai-server.ts';
import type { ScriptedServer } from './servers/scripted-server.ts';

const WRONG_KEY = 'test-key-not-real-0009';
const root = mkdtempSync(join(tmpdir(), 'mirrorbox-agent-cli-'));
let server: ScriptedServer;
let retried = false;
let stalledOnce = false;
/** Resolves when the sigterm run's second request reaches the server (which then holds it open). */
let onSigtermStall: () => void = () => undefined;
const sigtermStall = new Promise<void>((resolve) => (onSigtermStall = resolve));

const scripts = {
  spin: turns([[['list_files', {}]]]),
  calls: turns([[['docs', {}]], [['list_files', {}]], [['oracle', { args: ['--help'] }]]]),
  tokens: turns([[['list_files', {}]], [['docs', {}]], [['oracle', { args: [] }]]]),
  cost: turns([[['list_files', {}]], [['docs', {}]], [['oracle', { args: [] }]]]),
  stall: (_r: unknown, n: number) => (n === 0 ? turnOf([['list_files', {}]], 0) : { stallAfter: 1 }),
  retry: (_r: unknown, n: number) => {
    if (n === 0 && !retried) {
      retried = true;
      return anthropicFailures.rateLimited(1);
    }
    return turnOf([['list_files', {}]], n);
  },
  sigterm: (_r: unknown, n: number) => {
    if (n === 1 && !stalledOnce) {
      stalledOnce = true;
      onSigtermStall();
      return { stallAfter: 1 };
    }
    return turnOf([['list_files', {}]], n);
  },
  reset: (request: { body: unknown }, n: number) => {
    const tools = (request.body as { tools?: { name: string }[] }).tools ?? [];
    // The reset's notes turn offers write_file alone.
    if (tools.length === 1)
      return turnOf([['write_file', { path: 'NOTES.md', content: 'decided: read the docs\n' }]], n);
    // The provider's count grows as a real conversation's does: the third turn reaches 80% of 3000.
    return turnOf([['docs', { offset: n }]], n, { input: 1000 * (n + 1), output: 20 });
  },
  badkey: turns([[['list_files', {}]]]),
  malformed: turns([[['write_file', '{"path": "main.py", "content": ']], [['list_files', {}]]]),
  walls: turns([
    [
      ['read_file', { path: '../checkpoint.json' }],
      ['read_file', { path: '../../build/targets/uuidparse/oracle.wasm' }],
      ['read_file', { path: '/etc/passwd' }],
      ['write_file', { path: '../result.json', content: '{}' }],
      ['oracle', { args: ['--help'] }],
    ],
    [['list_files', {}]],
  ]),
};

beforeAll(async () => {
  server = await startAnthropicServer(byModel(scripts), { apiKey: KEY });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

/** One run in its own folder, with the fake key in the environment. */
async function agent(model: keyof typeof scripts, flags: string[] = [], key = KEY): Promise<CliRun & { dir: string }> {
  const dir = join(root, model);
  const run = await runCli(
    [
      'agent',
      'uuidparse',
      '--lang',
      'python',
      '--provider',
      'anthropic',
      '--model',
      model,
      '--base-url',
      server.url,
      '--out',
      dir,
      '--json',
      ...flags,
    ],
    { ANTHROPIC_API_KEY: key },
  );
  // The key is in no byte the run wrote, nor in anything it printed.
  expect(allBytes(dir)).not.toContain(key);
  expect(run.out + run.err).not.toContain(key);
  return { ...run, dir };
}

describe('mirrorbox agent: stops, provider trouble and walls', { timeout: 120_000 }, () => {
  it('the same call with the same result, again and again, is spinning: a nudge, then the stop', async () => {
    const run = await agent('spin', ['--max-tool-calls', '100']);
    expect(run.code).toBe(1);
    const result = resultOf(run.dir);
    expect(result).toMatchObject({
      stop: 'spinning',
      solved: false,
      target: 'uuidparse',
      lang: 'python',
      model: 'spin',
    });
    expect(result.budget).toBeUndefined();
    expect(JSON.parse(run.out)).toEqual(result);
    const events = trajectory(run.dir);
    const nudge = events.findIndex((e) => e.kind === 'nudge');
    expect(nudge).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ kind: 'stop', stop: 'spinning' });
    expect(run.err).toMatch(/^nudge: /m);
    // One progress line per tool call.
    expect(run.err.match(/^#\d+ list_files: /gm)?.length).toBe(result.toolCalls);
  });

  it('--max-tool-calls stops the run with budget tool-calls', async () => {
    const run = await agent('calls', ['--max-tool-calls', '2']);
    expect(run.code).toBe(1);
    expect(resultOf(run.dir)).toMatchObject({ stop: 'budget', budget: 'tool-calls', toolCalls: 2 });
  });

  it('--max-tokens stops the run with budget tokens', async () => {
    const run = await agent('tokens', ['--max-tokens', '250']);
    expect(run.code).toBe(1);
    const result = resultOf(run.dir);
    // 120 tokens a turn (100 in, 20 out): the third turn crosses 250.
    expect(result).toMatchObject({
      stop: 'budget',
      budget: 'tokens',
      turns: 3,
      usage: { inputTokens: 300, outputTokens: 60 },
    });
  });

  it('--max-cost with --price stops the run with budget cost, and the cost is in result.json', async () => {
    const run = await agent('cost', ['--max-cost', '0.0025', '--price', '10,50,1,12.5']);
    expect(run.code).toBe(1);
    // A turn costs 100 × 10 / 1e6 + 20 × 50 / 1e6 = 0.002 USD: the second turn crosses 0.0025.
    expect(resultOf(run.dir)).toMatchObject({ stop: 'budget', budget: 'cost', turns: 2, usage: { costUsd: 0.004 } });
  });

  it('--max-minutes stops a run whose model stalls, with budget time', async () => {
    const run = await agent('stall', ['--max-minutes', '0.03']);
    expect(run.code).toBe(1);
    const result = resultOf(run.dir);
    expect(result).toMatchObject({ stop: 'budget', budget: 'time', toolCalls: 1 });
    expect(result.ms).toBeGreaterThanOrEqual(1800);
  });

  it('a 429 with Retry-After is waited out and retried', async () => {
    const run = await agent('retry', ['--max-tool-calls', '1']);
    expect(run.code).toBe(1);
    expect(resultOf(run.dir)).toMatchObject({ stop: 'budget', budget: 'tool-calls', toolCalls: 1, turns: 1 });
    const asked = server.requests.filter((r) => (r.body as { model?: string }).model === 'retry');
    expect(asked.map((r) => r.status)).toEqual([429, 200]);
    expect(run.err).toMatch(/^retrying in \d+ ms: /m);
  });

  it('a refused key pauses the run: exit 2, a clear message and how to resume', async () => {
    const run = await agent('badkey', ['--max-tool-calls', '1'], WRONG_KEY);
    expect(run.code).toBe(2);
    expect(run.err).toContain('the API key was refused');
    expect(run.err).toContain(`mirrorbox agent --resume ${run.dir}`);
    expect(resultOf(run.dir)).toMatchObject({ stop: 'error', toolCalls: 0, turns: 0 });
    expect(trajectory(run.dir).some((e) => e.kind === 'pause')).toBe(true);
    // With the key fixed, the same folder resumes (provider, model and base URL come from it) and goes on.
    const resumed = await runCli(['agent', '--resume', run.dir, '--json'], { ANTHROPIC_API_KEY: KEY });
    expect(resumed.code).toBe(1);
    expect(resultOf(run.dir)).toMatchObject({ stop: 'budget', budget: 'tool-calls', toolCalls: 1, turns: 1 });
    expect(trajectory(run.dir).some((e) => e.kind === 'resume')).toBe(true);
    expect(allBytes(run.dir)).not.toContain(WRONG_KEY);
    expect(allBytes(run.dir)).not.toContain(KEY);
  });

  it('SIGTERM stops at once with a consistent checkpoint; --resume goes on with the same budgets', async () => {
    const dir = join(root, 'sigterm');
    const cli = spawnCli(
      ['agent', 'uuidparse', '--lang', 'python', '--provider', 'anthropic', '--model', 'sigterm'].concat([
        '--base-url',
        server.url,
        '--out',
        dir,
        '--max-tool-calls',
        '2',
        '--json',
      ]),
      { ANTHROPIC_API_KEY: KEY },
    );
    await cli.waitForLine(/^#1 list_files: /);
    await sigtermStall;
    cli.kill('SIGTERM');
    const stopped = await cli.done;
    expect(stopped.code).toBe(1);
    expect(stopped.err).toContain(`mirrorbox agent --resume ${dir}`);
    expect(resultOf(dir)).toMatchObject({ stop: 'cancelled', toolCalls: 1, turns: 1 });
    expect(trajectory(dir).at(-1)).toMatchObject({ kind: 'stop', stop: 'cancelled' });
    const resumed = await runCli(['agent', '--resume', dir, '--json'], { ANTHROPIC_API_KEY: KEY });
    expect(resumed.code).toBe(1);
    // The budget of the first start still holds: two tool calls in all.
    expect(resultOf(dir)).toMatchObject({ stop: 'budget', budget: 'tool-calls', toolCalls: 2, turns: 2 });
  });

  it('every flag is checked: a usage error exits 2 with one line, before anything runs', async () => {
    const base = ['agent', 'uuidparse', '--provider', 'anthropic', '--model', 'm', '--base-url', server.url];
    const cases: [string[], Record<string, string>, RegExp][] = [
      [[...base, '--lang', 'rust'], { ANTHROPIC_API_KEY: KEY }, /--lang wants one of python, c, js, ts, got 'rust'/],
      [[...base, '--lang', 'python', '--max-tool-calls', '0'], { ANTHROPIC_API_KEY: KEY }, /--max-tool-calls wants/],
      [
        [...base, '--lang', 'python', '--max-cost', '1'],
        { ANTHROPIC_API_KEY: KEY },
        /--max-cost needs the model’s price/,
      ],
      [[...base, '--lang', 'python', '--price', '1,2,3'], { ANTHROPIC_API_KEY: KEY }, /--price wants four numbers/],
      [[...base, '--lang', 'python'], {}, /needs an API key: set ANTHROPIC_API_KEY/],
      [[...base, '--lang', 'python', '--api-key', KEY], {}, /Unknown option '--api-key'/],
      [['agent', '--resume', join(root, 'nothing-here')], {}, /holds no agent run to resume/],
      // Where bubblewrap cannot start, Python candidates are refused exactly as `mirrorbox score` refuses them.
      [
        [...base, '--lang', 'python', '--out', join(root, 'no-bwrap')],
        { ANTHROPIC_API_KEY: KEY, MIRRORBOX_BWRAP: '/nonexistent/bwrap' },
        /Python candidates run only inside an OS sandbox[\s\S]*--unsandboxed/,
      ],
    ];
    const runs = await Promise.all(cases.map(([argv, env]) => runCli(argv, env)));
    runs.forEach((run, i) => {
      expect(run.code).toBe(2);
      expect(run.err).toMatch(cases[i]?.[2] as RegExp);
      expect(run.err).not.toContain(KEY);
    });
    expect(existsSync(join(root, 'no-bwrap'))).toBe(false);
  });

  it('an OpenAI-compatible server needs no key and gets none', async () => {
    const local = await startOpenAIServer(byModel({ local: turns([[['list_files', {}]]]) }));
    try {
      const dir = join(root, 'local');
      const run = await runCli(
        ['agent', 'uuidparse', '--lang', 'python', '--provider', 'openai-compatible', '--model', 'local'].concat([
          '--base-url',
          `${local.url}/v1`,
          '--out',
          dir,
          '--max-tool-calls',
          '1',
          '--json',
        ]),
        { OPENAI_API_KEY: KEY },
      );
      expect(run.code).toBe(1);
      expect(resultOf(dir)).toMatchObject({ stop: 'budget', budget: 'tool-calls', toolCalls: 1 });
      for (const r of local.requests) expect(JSON.stringify(r.headers)).not.toContain(KEY);
    } finally {
      await local.close();
    }
  });

  it('near the context window the conversation is reset from notes the agent writes', async () => {
    const run = await agent('reset', ['--context-tokens', '3000', '--max-tool-calls', '8']);
    expect(run.code).toBe(1);
    const events = trajectory(run.dir);
    const reset = events.find((e) => e.kind === 'context-reset');
    expect(reset).toMatchObject({ notesBytes: 'decided: read the docs\n'.length });
    expect(readFileSync(join(run.dir, 'workspace/NOTES.md'), 'utf8')).toBe('decided: read the docs\n');
    expect(run.err).toMatch(/^context reset \(about \d+ tokens\)$/m);
    // The request after the reset starts afresh: one user message, carrying the notes.
    const asked = server.requests.filter((r) => (r.body as { model?: string }).model === 'reset');
    const notesAt = asked.findIndex((r) => ((r.body as { tools?: unknown[] }).tools ?? []).length === 1);
    const fresh = asked[notesAt + 1]?.body as { messages: unknown[] } | undefined;
    expect(fresh?.messages).toHaveLength(1);
    expect(JSON.stringify(fresh?.messages)).toContain('decided: read the docs');
  });

  it('malformed tool arguments reach the agent as an error result', async () => {
    const run = await agent('malformed', ['--max-tool-calls', '2']);
    expect(run.code).toBe(1);
    const results = trajectory(run.dir).filter((e) => e.kind === 'tool-result');
    expect(results[0]).toMatchObject({ name: 'write_file', isError: true });
    expect(String(results[0]?.text)).toMatch(/^error: /);
    // The next request carried that error back to the model as the call's result.
    const next = server.requests.filter((r) => (r.body as { model?: string }).model === 'malformed')[1];
    expect(next?.rawBody).toContain('"is_error":true');
    expect(next?.rawBody).toContain('call_0_0');
  });

  it('no tool reaches outside the workspace or gives the oracle’s bytes', async () => {
    const run = await agent('walls', ['--max-tool-calls', '5']);
    const results = trajectory(run.dir).filter((e) => e.kind === 'tool-result');
    expect(results.slice(0, 4).map((r) => r.isError)).toEqual([true, true, true, true]);
    expect(String(results[4]?.text)).toMatch(/^exit code 0\nstdout: \d+ bytes\n/);
    const built = loadBuiltTarget('uuidparse');
    if (built.kind === 'error') throw new Error(built.message);
    const head = Buffer.from(built.value.oracle.bytes.subarray(0, 64)).toString('latin1');
    const bytes = allBytes(run.dir);
    expect(bytes).not.toContain(head);
    expect(bytes).not.toContain(built.value.pack.oracle.sha256);
    for (const h of built.value.pack.hidden.slice(0, 50)) expect(bytes).not.toContain(`"${h.case.id}"`);
    // The write outside was refused: result.json is the run's own.
    expect(resultOf(run.dir)).toMatchObject({ model: 'walls', stop: 'budget' });
  });
});
