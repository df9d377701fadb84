/**
 * Python (Pyodide) script programs through the Node worker pool: process-like behaviour and isolation between runs
 * (every run starts from the interpreter memory taken at start-up).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { utf8Bytes } from '../../src/core/bytes.ts';
import { CONTRACT_EPOCH, contractEnv, instantToNs } from '../../src/core/environment.ts';
import { DEFAULT_LIMITS, type Limits } from '../../src/core/limits.ts';
import type { RunRequest, ScriptProgram } from '../../src/core/run-request.ts';
import type { RunResult } from '../../src/core/run-result.ts';
import { createNodePool } from '../../src/node/node-pool.ts';
import { pythonToolchain } from '../../toolchains/python/adapter.ts';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

async function program(source: string): Promise<ScriptProgram> {
  const built = await pythonToolchain.build([{ name: 'main.py', content: source }]);
  if (built.kind !== 'ok' || built.program.kind !== 'script') throw new Error('does not build');
  return built.program;
}

function request(p: ScriptProgram, extra: Partial<RunRequest<ScriptProgram>> = {}, limits: Partial<Limits> = {}) {
  return {
    program: p,
    argv: ['probe'],
    env: contractEnv(),
    clockNs: instantToNs(CONTRACT_EPOCH) ?? 0n,
    seed: 1,
    limits: { ...DEFAULT_LIMITS, wallMs: 5000, ...limits },
    ...extra,
  };
}

function out(r: RunResult): { kind: string; code?: number; stdout: string; stderr: string } {
  if (!('stdout' in r)) return { kind: r.kind, stdout: '', stderr: 'message' in r ? r.message : '' };
  return { kind: r.kind, code: 'code' in r ? r.code : undefined, stdout: text(r.stdout), stderr: text(r.stderr) };
}

describe('Python script programs (Pyodide) in the Node worker pool', { timeout: 60_000 }, async () => {
  const pool = createNodePool(1);
  afterAll(() => pool.close());
  const run = async (source: string, extra?: Partial<RunRequest<ScriptProgram>>, limits?: Partial<Limits>) =>
    out(await pool.run(request(await program(source), extra, limits)));

  it('argv, stdin bytes, stdout bytes and exit code behave like a process', async () => {
    const r = await run(
      'import sys\nprint(sys.argv)\nsys.stdout.write(repr(sys.stdin.buffer.read()) + "\\n")\nsys.exit(7)',
      { argv: ['probe', 'a', 'é'], stdin: utf8Bytes('x\r\ny') },
    );
    expect(r).toEqual({ kind: 'exited', code: 7, stdout: "['probe', 'a', 'é']\nb'x\\r\\ny'\n", stderr: '' });
  });

  it('SystemExit with a message prints it and exits 1; an uncaught exception prints a traceback', async () => {
    expect(await run('import sys\nsys.exit("bye")')).toEqual({ kind: 'exited', code: 1, stdout: '', stderr: 'bye\n' });
    const r = await run('def f():\n    raise ValueError("boom")\nf()\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Traceback \(most recent call last\):\n {2}File "main\.py", line 3, in <module>\n/);
    expect(r.stderr).toMatch(/ValueError: boom\n$/);
  });

  it('files in the cwd are readable and changed files come back; TZ and the clock are the contract', async () => {
    const r = await pool.run(
      request(
        await program(
          'import os, time\nopen("out.txt", "w").write(open("in.txt").read().upper())\nprint(os.environ["TZ"], int(time.time()))',
        ),
        { files: { 'in.txt': utf8Bytes('abc') } },
      ),
    );
    expect(r.kind).toBe('exited');
    if (r.kind !== 'exited') return;
    expect(text(r.stdout)).toBe(`UTC ${Math.floor(Date.parse(CONTRACT_EPOCH) / 1000)}\n`);
    expect(Object.keys(r.files)).toEqual(['out.txt']);
    expect(text(r.files['out.txt'] as Uint8Array)).toBe('ABC');
  });

  it('random is seeded: two runs print the same numbers', async () => {
    const source = 'import random\nprint(random.random())';
    expect((await run(source)).stdout).toBe((await run(source)).stdout);
  });

  it('output beyond the cap ends the run with output-limit', async () => {
    const r = await run('import sys\nwhile True:\n    sys.stdout.write("x" * 1000)', {}, { outputBytes: 10_000 });
    expect(r.kind).toBe('output-limit');
    expect(r.stdout.length).toBe(10_000);
  });

  it('isolation: builtins, sys attributes, module attributes, globals and recursion limit do not leak', async () => {
    const dirty = await run(
      'import builtins, sys, json\nbuiltins.len = None\nbuiltins.leak = 1\nsys.leak = 1\njson.dumps = None\nsys.setrecursionlimit(77)\nglobal_leak = 1\nprint("dirty")',
    );
    expect(dirty).toEqual({ kind: 'exited', code: 0, stdout: 'dirty\n', stderr: '' });
    const clean = await run(
      'import builtins, sys, json\nprint(len([1]), hasattr(builtins, "leak"), hasattr(sys, "leak"), json.dumps([1]), sys.getrecursionlimit(), "global_leak" in globals())',
    );
    expect(clean).toEqual({ kind: 'exited', code: 0, stdout: '1 False False [1] 1000 False\n', stderr: '' });
  });

  it('a runaway loop is a timeout that keeps its output; the same interpreter runs the next program', async () => {
    const r = await run('print("before", flush=True)\nwhile True:\n    pass', {}, { wallMs: 300 });
    expect(r).toMatchObject({ kind: 'timeout', stdout: 'before\n' });
    const t = performance.now();
    expect(await run('print("after")')).toMatchObject({ kind: 'exited', code: 0, stdout: 'after\n' });
    // No worker replacement (that would reload Pyodide, seconds).
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('a loop that swallows KeyboardInterrupt is still a timeout', async () => {
    const r = await run(
      'while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass',
      {},
      { wallMs: 300 },
    );
    expect(r.kind).toBe('timeout');
    expect(await run('print("after")')).toMatchObject({ kind: 'exited', code: 0, stdout: 'after\n' });
  });

  it('growing memory past the limit is a memory-limit, and the next run is fine', async () => {
    const r = await run('x = []\nwhile True:\n    x.append(bytearray(2**20))', {}, { memoryBytes: 64 * 2 ** 20 });
    expect(r.kind).toBe('memory-limit');
    expect(await run('print("after")')).toMatchObject({ kind: 'exited', code: 0, stdout: 'after\n' });
  });

  it('unbounded recursion is a RecursionError with a traceback, exit 1', async () => {
    const r = await run('def f(n):\n    return f(n + 1)\nf(0)');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/RecursionError: maximum recursion depth exceeded\n$/);
  });

  it('replacing builtins used by the runner itself does not break output', async () => {
    const r = await run('import builtins\nbuiltins.len = builtins.bytes = builtins.max = None\nprint("still")');
    expect(r).toEqual({ kind: 'exited', code: 0, stdout: 'still\n', stderr: '' });
  });

  it('a program of several files imports its own modules and packages', async () => {
    const built = await pythonToolchain.build([
      { name: 'main.py', content: 'import util\nfrom pkg.inner import twice\nprint(util.greet(), twice(21))' },
      { name: 'util.py', content: 'def greet():\n    return "hi"' },
      { name: 'pkg/__init__.py', content: '' },
      { name: 'pkg/inner.py', content: 'def twice(x):\n    return 2 * x' },
    ]);
    if (built.kind !== 'ok' || built.program.kind !== 'script') throw new Error('does not build');
    expect(out(await pool.run(request(built.program)))).toEqual({
      kind: 'exited',
      code: 0,
      stdout: 'hi 42\n',
      stderr: '',
    });
  });

  it('a syntax error is a build diagnostic at file:line:col', async () => {
    const built = await pythonToolchain.build([{ name: 'main.py', content: 'x = 1\ndef f(:\n    pass\n' }]);
    expect(built).toEqual({
      kind: 'error',
      diagnostics: [{ file: 'main.py', line: 2, column: 7, message: 'SyntaxError: invalid syntax', severity: 'error' }],
    });
  });

  it('per-run overhead with isolation', async () => {
    const p = await program('print(1)');
    await pool.run(request(p));
    const n = 20;
    const t = performance.now();
    for (let i = 0; i < n; i++) await pool.run(request(p));
    const per = (performance.now() - t) / n;
    console.log(`python per-run overhead (pool round trip, memory restore): ${per.toFixed(1)} ms`);
    expect(per).toBeLessThan(100);
  });
});
