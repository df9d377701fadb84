/**
 * Hostile Python candidates (tests/fixtures/adversarial/py/) in the Node worker pool, on Pyodide: network attempts
 * fail inside the program and never reach the probe server, host files are absent, loops, floods and allocations end
 * with their limit's verdict, and nothing one run changes — in the interpreter or in its file system — is seen by
 * the next run in the same worker.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type Limits } from '../../src/core/limits.ts';
import { createNodePool } from '../../src/node/node-pool.ts';
import { pythonToolchain } from '../../toolchains/python/adapter.ts';
import { forbiddenPaths, hostilePython, hostileRequest, summary } from './fixtures.ts';
import { probeFile, startProbeServer, type ProbeServer } from './probe-server.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
/** A smaller memory cap than the contract's 1 GiB where a test only needs to reach it: Pyodide zero-fills what it takes. */
const SMALL_MEMORY: Partial<Limits> = { memoryBytes: 64 * 2 ** 20, wallMs: 10_000 };
/** Requests a program starts on the JS event loop (pyfetch, fetch from run_js) leave after it ends: wait for them. */
const SETTLE_MS = 300;

describe('hostile Python candidates in the Node worker pool', { timeout: 60_000 }, () => {
  const pool = createNodePool(1);
  let probe: ProbeServer;
  const run = async (name: string, argv: string[] = [], files: Record<string, Uint8Array> = {}, limits = {}) =>
    summary(await pool.run(hostileRequest(await hostilePython(name), argv, files, limits)));
  /** Runs a network fixture and returns its result and the probe's log of that run alone. */
  const runNet = async (name: string) => {
    const before = probe.hits().length;
    const r = await run(name, [], { 'probe.txt': probeFile(probe) });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return { r, hits: probe.hits().slice(before) };
  };
  /** A normal program after a hostile one: the pool must still give the right bytes. */
  const expectAlive = async (wallMs = 2000) => {
    const hello = await pythonToolchain.build([
      { name: 'main.py', content: 'import sys\nprint("alive", sys.argv[1:])' },
    ]);
    if (hello.kind !== 'ok') throw new Error('does not build');
    const r = summary(await pool.run(hostileRequest(hello.program, ['x'], {}, { wallMs })));
    expect(r).toEqual({ kind: 'exited', code: 0, stdout: "alive ['x']\n", stderr: '' });
  };
  /** A failing exit whose last stderr line names the exception that stopped the program. */
  const failedWith = (r: { kind: string; code?: number; stderr: string }, error: RegExp) => {
    expect(r.kind).toBe('exited');
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n').pop()).toMatch(error);
  };

  beforeAll(async () => {
    probe = await startProbeServer();
    // Starts Pyodide in the pool's worker outside any test's time.
    await expectAlive();
  });
  afterAll(async () => {
    await pool.close();
    await probe?.close();
  });

  it('network: socket.create_connection fails with ENOTSUP and opens no connection', async () => {
    const { r, hits } = await runNet('net_socket');
    failedWith(r, /^OSError: \[Errno \d+\] Not supported$/);
    expect(hits).toEqual([]);
  });

  it('network: urllib.request.urlopen fails with URLError (ENOTSUP) and opens no connection', async () => {
    const { r, hits } = await runNet('net_urllib');
    failedWith(r, /^urllib\.error\.URLError: <urlopen error \[Errno \d+\] Not supported>$/);
    expect(hits).toEqual([]);
  });

  it('network: `import js` is refused, so js.fetch cannot be called', async () => {
    const { r, hits } = await runNet('net_js_fetch');
    failedWith(r, /^(ModuleNotFoundError|ImportError)\b/);
    expect(hits).toEqual([]);
  });

  it('network: pyodide.http (pyfetch, open_url) is refused', async () => {
    const { r, hits } = await runNet('net_pyodide_http');
    failedWith(r, /^(ModuleNotFoundError|ImportError)\b/);
    expect(hits).toEqual([]);
  });

  it('network: pyodide.code.run_js is refused, so no JavaScript import() or fetch() runs', async () => {
    const { r, hits } = await runNet('net_run_js');
    failedWith(r, /^(ModuleNotFoundError|ImportError)\b/);
    expect(hits).toEqual([]);
  });

  it('files: /proc, /etc, the oracle, the pack and files outside the test are FileNotFoundError', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'mirrorbox-adversarial-py-'));
    writeFileSync(join(outside, 'secret.txt'), 'secret\n');
    const paths = forbiddenPaths({ absolute: join(outside, 'secret.txt'), relative: '../secret.txt' });
    const r = await run('files', [...paths, 'in.txt'], { 'in.txt': enc('visible\n') });
    expect(r).toEqual({
      kind: 'exited',
      code: 1,
      stdout: `${paths.map((p) => `${p}: FileNotFoundError\n`).join('')}in.txt: read 8 bytes\ncwd holds ['in.txt']\n`,
      stderr: '',
    });
  });

  it('an endless loop is a timeout that keeps its output; the interpreter runs the next program', async () => {
    const r = await run('spin', [], {}, { wallMs: 1000 });
    expect(r).toMatchObject({ kind: 'timeout', stdout: 'before\n' });
    await expectAlive();
  });

  it('a timeout adds no broken report of its own to stderr', async () => {
    // The interrupt fires again while the KeyboardInterrupt is being reported, and CPython then prints this instead.
    expect((await run('spin', [], {}, { wallMs: 1000 })).stderr).not.toMatch(/Error in sys\.excepthook/);
  });

  it('an endless loop ignoring SIGINT and swallowing every exception is still a timeout', async () => {
    expect(await run('spin_catch_all', [], {}, { wallMs: 1000 })).toMatchObject({ kind: 'timeout', stdout: '' });
    await expectAlive();
  });

  it('unbounded recursion is a RecursionError with a traceback, exit 1', async () => {
    // 10 s: the first traceback a fresh interpreter prints takes seconds (measured 3–6 s after a worker restart).
    failedWith(await run('recurse', [], {}, { wallMs: 10_000 }), /^RecursionError: maximum recursion depth exceeded$/);
    await expectAlive();
  });

  it('one 4 GiB bytearray is an OverflowError the program handles (exit 3)', async () => {
    expect(await run('alloc_once')).toEqual({ kind: 'exited', code: 3, stdout: 'OverflowError\n', stderr: '' });
  });

  // The next two end at the memory cap, which makes the worker start a new interpreter before its next run.
  it('unbounded recursion with the recursion limit lifted is a memory-limit', async () => {
    expect((await run('recurse_unlimited', [], {}, SMALL_MEMORY)).kind).toBe('memory-limit');
  });

  it('allocating 4 GiB in 1 MiB steps is a memory-limit', async () => {
    expect((await run('alloc', [], {}, SMALL_MEMORY)).kind).toBe('memory-limit');
  });

  it('the run right after a memory-limit gets its right bytes within a 0.5 s limit', async () => {
    // Self-contained (runs alone with -t): the memory-limit run makes the worker start a new interpreter, and that
    // start (1.5–3 s here) must not count against the next program's time; printing one line takes ~5 ms.
    await expectAlive(500); // control: enough for this program in a worker with its interpreter up
    expect((await run('alloc', [], {}, SMALL_MEMORY)).kind).toBe('memory-limit');
    await expectAlive(500);
  });

  it('printing 1 GiB is an output-limit holding exactly the first 16 MiB, even when the program swallows errors', async () => {
    for (const name of ['flood', 'flood_swallow']) {
      const r = await pool.run(hostileRequest(await hostilePython(name), []));
      expect(r.kind, name).toBe('output-limit');
      if (r.kind === 'output-limit') expect(r.stdout.length, name).toBe(DEFAULT_LIMITS.outputBytes);
    }
    await expectAlive();
  });

  it('builtins, sys, modules, recursion limit, environment and files changed in one run are gone in the next', async () => {
    expect(await run('leak_set')).toEqual({ kind: 'exited', code: 0, stdout: 'dirty\n', stderr: '' });
    expect(await run('leak_check')).toEqual({
      kind: 'exited',
      code: 0,
      stdout: 'leaks: [] cwd: /mirrorbox/cwd\n',
      stderr: '',
    });
  });

  it('breaking the builtins traceback printing needs still ends as a failing exit, not an engine failure', async () => {
    const r = await run('broken_builtins_raise');
    expect(r).toMatchObject({ kind: 'exited', code: 1 });
    await expectAlive();
  });

  it('the probe server saw no connection from any of them', () => {
    expect(probe.hits()).toEqual([]);
  });
});
