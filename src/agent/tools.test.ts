import { describe, expect, it } from 'vitest';
import { budgetFooter, costOf, emptyTotals, exceeded, TOOL_BUDGETS } from './budgets.ts';
import { estimateTokens, shouldReset } from './context.ts';
import { FakeEnvironment } from './testing/scripted.ts';
import {
  bound,
  executeTool,
  parseArguments,
  renderRun,
  TOOL_NAMES,
  TOOL_SPECS,
  toolSpec,
  type ToolContext,
} from './tools.ts';
import { containsSecret, redact, scrubSecret, SECRET_MARK, toJsonLines, type TrajectoryEvent } from './trajectory.ts';
import { DEFAULT_WORKSPACE_LIMITS, deleteFile, writeFile } from './workspace.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

const ctx = (over: Partial<ToolContext> = {}): ToolContext => ({
  environment: new FakeEnvironment(),
  workspace: {},
  workspaceLimits: DEFAULT_WORKSPACE_LIMITS,
  resultBytes: 16 * 1024,
  submissionsLeft: 1,
  signal: new AbortController().signal,
  ...over,
});

describe('the tool table', () => {
  it('has exactly the public names, each with an object schema', () => {
    expect(TOOL_SPECS.map((t) => t.name)).toEqual([...TOOL_NAMES]);
    expect(TOOL_NAMES).toEqual([
      'docs',
      'oracle',
      'list_files',
      'read_file',
      'write_file',
      'delete_file',
      'build',
      'run',
      'run_tests',
      'submit',
    ]);
    for (const t of TOOL_SPECS) expect(t.parameters.type).toBe('object');
  });

  it('validates arguments against the schema: types, required, unknown keys, nested items, empty text as {}', () => {
    const oracle = toolSpec('oracle');
    if (!oracle) throw new Error('no oracle tool');
    expect(parseArguments(oracle, '{"args": ["-J", "x"], "files": {"a.txt": "hi"}}')).toEqual({
      kind: 'ok',
      args: { args: ['-J', 'x'], files: { 'a.txt': 'hi' } },
    });
    expect(parseArguments(oracle, '{"args": ["a", 1]}')).toEqual({
      kind: 'error',
      message: 'arguments.args[1] must be a string, not integer',
    });
    expect(parseArguments(oracle, '{"args": [], "files": {"a": 3}}')).toEqual({
      kind: 'error',
      message: 'arguments.files["a"] must be a string, not integer',
    });
    expect(parseArguments(oracle, '{}')).toEqual({ kind: 'error', message: 'arguments.args is required' });
    expect(parseArguments(oracle, '[1]')).toEqual({ kind: 'error', message: 'arguments must be an object, not array' });
    expect(parseArguments(oracle, '{"args": [], "argv": []}')).toMatchObject({
      kind: 'error',
      message: 'arguments.argv is not an argument of this tool (it takes args, stdin, files)',
    });
    const docs = toolSpec('docs');
    if (!docs) throw new Error('no docs tool');
    expect(parseArguments(docs, '')).toEqual({ kind: 'ok', args: {} });
    expect(parseArguments(docs, '{"offset": -1}')).toEqual({
      kind: 'error',
      message: 'arguments.offset must be at least 0',
    });
    expect(parseArguments(docs, '{"offset": 1.5}')).toEqual({
      kind: 'error',
      message: 'arguments.offset must be an integer, not number',
    });
  });

  it('bounds a result with a marker saying how many bytes were left out', () => {
    expect(bound('short', 100)).toBe('short');
    const text = 'é'.repeat(100); // 200 bytes
    const cut = bound(text, 51);
    expect(cut).toBe(`${'é'.repeat(25)}\n… truncated 150 bytes`);
  });

  it('pages long docs and files with an offset', async () => {
    const long = `${'line of the manual\n'.repeat(2000)}END`;
    const env = new FakeEnvironment();
    env.docs = async () => long;
    const first = await executeTool(ctx({ environment: env, resultBytes: 1000 }), 'docs', '{}');
    const marker = /… truncated (\d+) bytes; call again with offset (\d+) to read on$/.exec(first.text);
    expect(marker).not.toBeNull();
    const offset = Number(marker?.[2]);
    expect(offset).toBe(1000);
    expect(Number(marker?.[1])).toBe(long.length - 1000);
    const last = await executeTool(ctx({ environment: env, resultBytes: 100_000 }), 'docs', `{"offset": ${offset}}`);
    expect(first.text.slice(0, offset) + last.text).toBe(long);
  });

  it('shows a run with exit code, byte counts and a missing final newline', () => {
    const text = renderRun(
      { kind: 'exited', code: 2, stdout: enc('out\n'), stderr: enc('bad'), files: { 'o.txt': enc('x') }, ms: 1 },
      4096,
    );
    expect(text).toBe(
      'exit code 2\nstdout: 4 bytes\nout\n\nstderr: 3 bytes, no newline at end\nbad\nfiles written: o.txt (1 bytes)',
    );
    const huge = renderRun(
      { kind: 'timeout', limitMs: 10_000, stdout: enc('y\n'.repeat(50_000)), stderr: enc(''), files: {}, ms: 1 },
      2048,
    );
    expect(huge).toMatch(/^timeout after 10000 ms\nstdout: 100000 bytes\n/);
    expect(huge).toMatch(/… truncated \d+ bytes\nstderr: 0 bytes$/);
    expect(new TextEncoder().encode(huge).length).toBeLessThan(2048);
  });

  it('write_file, read_file, list_files and delete_file work on the agent workspace only', async () => {
    const w = await executeTool(ctx(), 'write_file', '{"path": "lib/a.py", "content": "x = 1\\n"}');
    expect(w).toMatchObject({ isError: false, text: 'wrote lib/a.py (6 bytes)', workspace: { 'lib/a.py': 'x = 1\n' } });
    const workspace = w.workspace ?? {};
    expect((await executeTool(ctx({ workspace }), 'read_file', '{"path": "lib/a.py"}')).text).toBe('x = 1\n');
    expect((await executeTool(ctx({ workspace }), 'list_files', '')).text).toBe('lib/a.py (6 bytes)');
    expect(await executeTool(ctx({ workspace }), 'delete_file', '{"path": "lib/a.py"}')).toMatchObject({
      isError: false,
      workspace: {},
    });
    expect(await executeTool(ctx({ workspace }), 'delete_file', '{"path": "b.py"}')).toEqual({
      isError: true,
      text: 'error: b.py: no such file in the workspace',
    });
    expect((await executeTool(ctx(), 'submit', '{}')).isError).toBe(false);
    expect(await executeTool(ctx({ submissionsLeft: 0 }), 'submit', '{}')).toEqual({
      isError: true,
      text: 'error: no submissions are left',
    });
  });
});

describe('workspace rules', () => {
  it('refuses paths outside the workspace and sizes over the caps', () => {
    const limits = { maxFileBytes: 10, maxTotalBytes: 15, maxFiles: 2 };
    for (const bad of ['../x', '/etc/passwd', 'a/../b', './a', 'a//b', '', 'a\\b'])
      expect(writeFile({}, bad, 'x', limits).kind, bad).toBe('error');
    expect(writeFile({}, 'a', 'x'.repeat(11), limits)).toEqual({
      kind: 'error',
      message: 'a: 11 bytes is over the limit of 10 per file',
    });
    expect(writeFile({ a: 'x'.repeat(10) }, 'b', 'x'.repeat(6), limits)).toEqual({
      kind: 'error',
      message: 'the workspace would hold 16 bytes, over its limit of 15',
    });
    // Replacing a file counts its new size, not both.
    expect(writeFile({ a: 'x'.repeat(10) }, 'a', 'y'.repeat(10), limits).kind).toBe('ok');
    expect(writeFile({ a: '', b: '' }, 'c', '', limits)).toEqual({
      kind: 'error',
      message: 'the workspace already holds 2 files, its limit',
    });
    expect(writeFile({ 'lib/x': '' }, 'lib', '', limits).kind).toBe('error');
    expect(deleteFile({}, '../a').kind).toBe('error');
  });
});

describe('budgets', () => {
  const totals = {
    ...emptyTotals(undefined),
    inputTokens: 900,
    outputTokens: 50,
    cacheReadTokens: 40,
    cacheWriteTokens: 10,
  };
  it('reaching a limit counts as crossing it; tool budgets are time and tool calls', () => {
    expect(exceeded({ maxTokens: 1000 }, totals)).toBe('tokens');
    expect(exceeded({ maxTokens: 1001 }, totals)).toBeUndefined();
    expect(exceeded({ maxTurns: 0 }, totals)).toBe('turns');
    expect(exceeded({ maxTokens: 10, maxToolCalls: 0 }, totals, TOOL_BUDGETS)).toBe('tool-calls');
    expect(exceeded({ maxWallMs: 5 }, { ...totals, wallMs: 5 })).toBe('time');
    expect(exceeded({ maxCostUsd: 1 }, { ...totals, costUsd: 1 })).toBe('cost');
    expect(exceeded({ maxCostUsd: 1 }, totals)).toBeUndefined();
  });
  it('prices each of the four token counts once', () => {
    expect(costOf(totals, { input: 1, output: 10, cacheRead: 0.1, cacheWrite: 2 })).toBeCloseTo(
      (900 + 500 + 4 + 20) / 1e6,
      15,
    );
  });
  it('the footer names only the budgets that are set', () => {
    expect(budgetFooter({}, totals)).toBe('budget left: no limits set');
    expect(
      budgetFooter(
        { maxTokens: 13_345, maxCostUsd: 0.5, maxWallMs: 40 * 60_000, maxToolCalls: 80 },
        { ...totals, costUsd: 0.08, wallMs: 90_000, toolCalls: 3 },
      ),
    ).toBe('budget left: 12,345 tokens, $0.42, 38 min, 77 tool calls');
  });
});

describe('context estimate', () => {
  it('uses the last reported count plus bytes/4 of what came after, or bytes/4 of everything', () => {
    const messages = [
      { role: 'user' as const, content: [{ kind: 'text' as const, text: 'x'.repeat(400) }] },
      { role: 'assistant' as const, content: [{ kind: 'text' as const, text: 'y'.repeat(400) }] },
    ];
    expect(estimateTokens('', [], messages, { tokens: 5000, atMessage: 2 })).toBe(5000);
    expect(estimateTokens('', [], messages, { tokens: 5000, atMessage: 1 })).toBe(5000 + 102);
    // A report that covers messages no longer there (after a reset) is not used.
    expect(estimateTokens('', [], messages, { tokens: 5000, atMessage: 3 })).toBe(Math.ceil((2 * (8 + 400) + 2) / 4));
    expect(shouldReset(7999, 10_000)).toBe(false);
    expect(shouldReset(8000, 10_000)).toBe(true);
    expect(shouldReset(5000, 10_000, 0.5)).toBe(true);
  });
});

describe('trajectory redaction', () => {
  const KEY = 'test-key-not-real-0003';
  const event: TrajectoryEvent = { seq: 1, t: '2026-01-01T00:00:00.000Z', kind: 'pause', reason: `bad key ${KEY}` };
  it('refuses an event that holds the key, in plain or JSON-escaped form', () => {
    expect(redact(event, KEY)).toEqual({ kind: 'error', message: 'trajectory event 1 (pause) contains the API key' });
    expect(redact(event, undefined).kind).toBe('ok');
    const quoted = 'k"ey\\1';
    expect(containsSecret(JSON.stringify({ a: quoted }), quoted)).toBe(true);
    expect(scrubSecret(JSON.stringify({ a: `x${quoted}y` }), quoted)).toBe(JSON.stringify({ a: `x${SECRET_MARK}y` }));
    expect(toJsonLines([event], KEY).kind).toBe('error');
    expect(toJsonLines([{ ...event, reason: 'fine' }], KEY)).toEqual({
      kind: 'ok',
      line: `${JSON.stringify({ ...event, reason: 'fine' })}\n`,
    });
  });
});
