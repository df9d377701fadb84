/**
 * Python (Pyodide) script programs through the Node worker pool: process-like behaviour, isolation between runs
 * (every run starts from the interpreter memory taken at start-up) and the run contract of docs/environment.md
 * (clocks, randomness, no way out to JavaScript). The host's time zone is set far from UTC on purpose, before the
 * workers start: nothing a program sees may depend on it.
 */
process.env.TZ = 'America/New_York';
import { afterAll, describe, expect, it } from 'vitest';
import { utf8Bytes } from '../../src/core/bytes.ts';
import { CONTRACT_EPOCH, contractEnv, instantToNs } from '../../src/core/environment.ts';
import { DEFAULT_LIMITS, type Limits } from '../../src/core/limits.ts';
import { Prng } from '../../src/core/prng.ts';
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
    // No KeyboardInterrupt traceback (or "Error in sys.excepthook") after the deadline: a killed process prints none.
    expect(r).toMatchObject({ kind: 'timeout', stdout: 'before\n', stderr: '' });
    expect(await run('print("after")')).toMatchObject({ kind: 'exited', code: 0, stdout: 'after\n' });
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

  it("every clock reads the run's virtual clock: realtime from the test's instant, monotonic from 1 s, +1 µs per read", async () => {
    const source = [
      'import time, datetime, warnings',
      'warnings.simplefilter("ignore")',
      'print(time.time_ns(), time.monotonic_ns(), time.perf_counter_ns(), time.process_time_ns(), time.thread_time_ns())',
      'print(time.time(), time.monotonic(), time.perf_counter(), time.process_time(), time.thread_time())',
      'print(time.clock_gettime_ns(time.CLOCK_REALTIME), time.clock_gettime_ns(time.CLOCK_MONOTONIC))',
      'print(datetime.datetime.now(), datetime.datetime.utcnow(), datetime.datetime.today(), datetime.date.today())',
      'print(time.ctime(), time.strftime("%Y-%m-%d %H:%M:%S %Z %z"), time.asctime())',
      'print(tuple(time.localtime())[:6], time.localtime(0).tm_hour, time.mktime(time.localtime(0)), time.timezone, time.tzname)',
      'now = datetime.datetime.now()',
      'print(isinstance(now, datetime.datetime), type(now) is datetime.datetime, repr(now), now.astimezone().tzname())',
      't = time.monotonic_ns(); time.sleep(2.5); print(time.monotonic_ns() - t, datetime.datetime.now())',
    ].join('\n');
    const first = await run(source, { clockNs: instantToNs('2030-06-15T12:34:56Z') });
    expect(first).toEqual({
      kind: 'exited',
      code: 0,
      stdout: [
        '1907757296000001000 1000002000 1000003000 1000004000 1000005000',
        '1907757296.000006 1.000007 1.000008 1.000009 1.00001',
        '1907757296000011000 1000012000',
        '2030-06-15 12:34:56.000013 2030-06-15 12:34:56.000014 2030-06-15 12:34:56.000015 2030-06-15',
        'Sat Jun 15 12:34:56 2030 2030-06-15 12:34:56 UTC +0000 Sat Jun 15 12:34:56 2030',
        "(2030, 6, 15, 12, 34, 56) 0 0.0 0 ('UTC', 'UTC')",
        'True True datetime.datetime(2030, 6, 15, 12, 34, 56, 21) UTC',
        '2500001000 2030-06-15 12:34:58.500024',
        '',
      ].join('\n'),
      stderr: '',
    });
    expect(await run(source, { clockNs: instantToNs('2030-06-15T12:34:56Z') })).toEqual(first);
  });

  it('timed waits (Queue.get, Event.wait, Lock.acquire) run out at once, moving the virtual clock', async () => {
    const r = await run(
      [
        'import queue, threading, time',
        't0 = time.monotonic_ns()',
        'try:',
        '    queue.Queue().get(timeout=0.5)',
        'except queue.Empty:',
        '    print("empty")',
        'lock = threading.Lock()',
        'print(threading.Event().wait(2), lock.acquire(), lock.acquire(timeout=1), lock.acquire(False))',
        'print(time.monotonic_ns() - t0)',
      ].join('\n'),
      {},
      { wallMs: 2000 },
    );
    // 3.5 s of waits plus the clock reads in between (1 µs each), in a few milliseconds of real time.
    expect(r).toMatchObject({ kind: 'exited', code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^empty\nFalse True False False\n35000\d{5}\n$/);
  });

  it("randomness comes from the run's seed: the contract's stream, the same in every run and every worker", async () => {
    const source = [
      'import os, random, secrets, uuid',
      'print(os.urandom(12).hex())',
      'print(random.SystemRandom().random(), secrets.token_hex(4), secrets.randbelow(1000), uuid.uuid4())',
      'print(random.Random().random(), random.random())',
      'random.seed(); print(random.random())',
      'print(hash("mirrorbox"), hash(b"box"), list({"alpha", "beta", "gamma", "delta", "epsilon"}))',
    ].join('\n');
    const p = await program(source);
    const pool2 = createNodePool(2);
    try {
      // Run side by side, so that both workers (two interpreters started separately) answer.
      const [a, b] = (await Promise.all([pool2.run(request(p, { seed: 7 })), pool2.run(request(p, { seed: 7 }))])).map(
        out,
      );
      expect(a?.kind).toBe('exited');
      expect(a?.stderr).toBe('');
      expect(b).toEqual(a);
      const lines = a?.stdout.split('\n') ?? [];
      // os.urandom is exactly the WASI runner's random_get stream for the seed (src/core/prng.ts).
      expect(lines[0]).toBe(new Prng(7).hex(12));
      const other = out(await pool2.run(request(p, { seed: 8 })));
      expect(other.stdout.split('\n')[0]).toBe(new Prng(8).hex(12));
      expect(other.stdout.split('\n').slice(1, 4)).not.toEqual(lines.slice(1, 4));
    } finally {
      await pool2.close();
    }
  });

  it("no way out to JavaScript: Pyodide's bridges and ctypes are not importable, by any route", async () => {
    const blocked: [string, string][] = [
      ['import js\njs.fetch("http://127.0.0.1/")', 'js'],
      ['import pyodide', 'pyodide'],
      ['import pyodide.http', 'pyodide'],
      ['from pyodide.ffi import to_js', 'pyodide'],
      ['import pyodide_js', 'pyodide_js'],
      ['import _pyodide', '_pyodide'],
      ['import _pyodide_core', '_pyodide_core'],
      ['import micropip', 'micropip'],
      ['import ctypes', 'ctypes'],
      ['import importlib\nimportlib.import_module("js")', 'js'],
      // Taking the finder off sys.meta_path still leaves the audit hook, which a program cannot remove.
      ['import sys\nsys.meta_path.clear()\nimport js', 'js'],
      ['import sys\nsys.meta_path.pop(0)\nimport _pyodide_core', '_pyodide_core'],
    ];
    for (const [source, name] of blocked) {
      const r = await run(source);
      expect({ source, kind: r.kind, code: r.code, last: r.stderr.split('\n').at(-2) }).toEqual({
        source,
        kind: 'exited',
        code: 1,
        last: `ModuleNotFoundError: No module named '${name}'`,
      });
    }
    expect(await run('import js')).toEqual({
      kind: 'exited',
      code: 1,
      stdout: '',
      stderr:
        'Traceback (most recent call last):\n  File "main.py", line 1, in <module>\n    import js\nModuleNotFoundError: No module named \'js\'\n',
    });
    const r = await run(
      'import sys\nprint(sorted(m for m in sys.modules if "pyodide" in m or m in ("js", "ctypes", "micropip")), [type(f).__name__ for f in sys.meta_path if "Js" in type(f).__name__])',
    );
    expect(r.stdout).toBe('[] []\n');
  });

  it('no JavaScript function is left behind class globals (the route to new JavaScript that Pyodide left open)', async () => {
    // object.__subclasses__() → a method's __globals__ → a JsProxy Pyodide kept (webloop's scheduleCallback, the
    // import hook's jsproxies); from one, `.constructor` was Function. The prelude drops them all.
    const r = await run(
      [
        'seen = {}',
        'def walk(c):',
        '    try:',
        '        subs = c.__subclasses__()',
        '    except TypeError:',
        '        return',
        '    for s in subs:',
        '        if id(s) not in seen:',
        '            seen[id(s)] = s',
        '            walk(s)',
        'walk(object)',
        'gs = [g for c in seen.values() for v in list(vars(c).values()) if isinstance(g := getattr(v, "__globals__", None), dict)]',
        'print(len(gs) > 100, [k for g in gs for k in g if type(g[k]).__name__.startswith("Js")])',
      ].join('\n'),
    );
    expect(r).toEqual({ kind: 'exited', code: 0, stdout: 'True []\n', stderr: '' });
  });

  it("sockets are refused with ENOTSUP, and so is urllib; gc cannot list the runner's objects", async () => {
    const r = await run(
      [
        'import errno, gc, socket, urllib.request',
        'for f in (lambda: socket.socket(), lambda: socket.getaddrinfo("example.com", 80), lambda: urllib.request.urlopen("http://example.com/"), lambda: gc.get_objects()):',
        '    try:',
        '        f()',
        '    except OSError as e:',
        '        print(type(e).__name__, getattr(e, "errno", None) == errno.ENOTSUP or getattr(e.reason, "errno", None) == errno.ENOTSUP)',
        '    except RuntimeError as e:',
        '        print(type(e).__name__, e)',
      ].join('\n'),
    );
    expect(r).toEqual({
      kind: 'exited',
      code: 0,
      stdout:
        'OSError True\nOSError True\nURLError True\nRuntimeError gc.get_objects() is not available in this sandbox\n',
      stderr: '',
    });
  });

  it('files left outside the working directory, even in the standard library, are gone in the next run', async () => {
    const dirty = await run(
      [
        'import os, sys',
        'open("/tmp/scratch.txt", "w").write("x")',
        'open("/home/web_user/note.txt", "w").write("x")',
        'site = next(p for p in sys.path if p.endswith("site-packages"))',
        'open(site + "/planted.py", "w").write("VALUE = 1")',
        'open("/lib/python314.zip", "ab").write(b"garbage")',
        'os.chmod("/lib", 0)',
        'os.symlink("/lib/python314.zip", "stdlib.zip")',
        'os.symlink(".", "loop")',
        'open("out.txt", "w").write("kept")',
        'print("dirty")',
      ].join('\n'),
    );
    expect(dirty).toEqual({ kind: 'exited', code: 0, stdout: 'dirty\n', stderr: '' });
    const p = await program(
      [
        'import os',
        'print([p for p in ("/tmp/scratch.txt", "/home/web_user/note.txt", "out.txt", "loop") if os.path.lexists(p)])',
        'try:',
        '    import planted',
        'except ImportError:',
        '    print("no planted module")',
        'import colorsys  # read from the standard library zip, untouched',
        'print(colorsys.rgb_to_hsv(1, 0, 0), os.stat("/lib/python314.zip").st_size)',
      ].join('\n'),
    );
    const clean = await pool.run(request(p));
    expect(out(clean)).toMatchObject({ kind: 'exited', code: 0, stderr: '' });
    expect(out(clean).stdout).toMatch(/^\[\]\nno planted module\n\(0\.0, 1\.0, 1\) \d+\n$/);
    // Only regular files of the working directory come back: no symbolic links, nothing outside.
    const again = await pool.run(
      request(await program('import os\nos.symlink(".", "loop")\nopen("out.txt", "w").write("kept")')),
    );
    expect(again.kind === 'exited' ? Object.keys(again.files) : again.kind).toEqual(['out.txt']);
  });

  it('the program is __main__: import __main__ and pickle find it', async () => {
    const r = await run(
      'import pickle, __main__\nclass P:\n    pass\nprint(__main__.P is P, type(pickle.loads(pickle.dumps(P()))).__name__, __main__.__file__)',
    );
    expect(r).toEqual({ kind: 'exited', code: 0, stdout: 'True P main.py\n', stderr: '' });
  });

  it("recursion under sys.setrecursionlimit(10**6) ends in RecursionError, with CPython's summary of repeats", async () => {
    const r = await run(
      'import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return f(n + 1)\nf(0)',
      {},
      { wallMs: 60_000 },
    );
    expect(r).toEqual({
      kind: 'exited',
      code: 1,
      stdout: '',
      stderr: [
        'Traceback (most recent call last):',
        '  File "main.py", line 5, in <module>',
        '    f(0)',
        '    ~^^^',
        ...Array<string>(3).fill('  File "main.py", line 4, in f\n    return f(n + 1)'),
        '  [Previous line repeated 999995 more times]',
        'RecursionError: maximum recursion depth exceeded',
        '',
      ].join('\n'),
    });
    expect(await run('print("after")')).toMatchObject({ kind: 'exited', code: 0, stdout: 'after\n' });
  });

  it('recursion through C code ends in RecursionError before it overflows the JavaScript stack', async () => {
    const r = await run('import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return sum(map(f, [n + 1]))\nf(0)');
    expect(r.kind).toBe('exited');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /\n {2}\[Previous line repeated \d+ more times\]\nRecursionError: Stack overflow \(used \d+ kB\)\n$/,
    );
    expect(await run('print("after")')).toMatchObject({ kind: 'exited', code: 0, stdout: 'after\n' });
  });

  it('per-run overhead with isolation', async () => {
    const p = await program('print(1)');
    await pool.run(request(p));
    const n = 20;
    const t = performance.now();
    const results = [];
    for (let i = 0; i < n; i++) results.push(await pool.run(request(p)));
    const per = (performance.now() - t) / n;
    // Reported, not asserted (speed is measured by bench/python.ts): every run is a full, correct run.
    console.log(`python per-run overhead (pool round trip, memory restore): ${per.toFixed(1)} ms`);
    for (const r of results) expect(out(r)).toEqual({ kind: 'exited', code: 0, stdout: '1\n', stderr: '' });
  });
});
