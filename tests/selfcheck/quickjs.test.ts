/**
 * The self-check suite for script programs: the behaviour tests/selfcheck/checks.ts demands of WASI backends, shown
 * by the QuickJS engine through the Node worker pool, with the JavaScript probe (tests/fixtures/probe.js).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { utf8Bytes } from '../../src/core/bytes.ts';
import { CONTRACT_EPOCH, contractEnv, instantToNs, TRAP_EXIT_CODE } from '../../src/core/environment.ts';
import { DEFAULT_LIMITS, type Limits } from '../../src/core/limits.ts';
import { Prng } from '../../src/core/prng.ts';
import type { RunRequest, ScriptProgram } from '../../src/core/run-request.ts';
import type { RunResult } from '../../src/core/run-result.ts';
import { createNodePool } from '../../src/node/node-pool.ts';
import { jsToolchain } from '../../toolchains/js/adapter.ts';

const source = readFileSync(new URL('../fixtures/probe.js', import.meta.url), 'utf8');
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

async function probeProgram(): Promise<ScriptProgram> {
  const built = await jsToolchain.build([{ name: 'probe.js', content: source }]);
  if (built.kind !== 'ok' || built.program.kind !== 'script') throw new Error('probe.js does not build');
  return built.program;
}

function request(
  program: ScriptProgram,
  args: string[],
  extra: Partial<RunRequest<ScriptProgram>> = {},
  limits: Partial<Limits> = {},
): RunRequest<ScriptProgram> {
  return {
    program,
    argv: ['probe', ...args],
    env: contractEnv(),
    clockNs: instantToNs(CONTRACT_EPOCH) ?? 0n,
    seed: 1,
    limits: { ...DEFAULT_LIMITS, wallMs: 2000, ...limits },
    ...extra,
  };
}

function exited(r: RunResult, code: number, stdout?: string | Uint8Array, stderr?: string): void {
  expect(r.kind, 'message' in r ? r.message : text('stderr' in r ? r.stderr : new Uint8Array())).toBe('exited');
  if (r.kind !== 'exited') return;
  if (stdout !== undefined) expect(r.stdout).toEqual(typeof stdout === 'string' ? utf8Bytes(stdout) : stdout);
  if (stderr !== undefined) expect(text(r.stderr)).toBe(stderr);
  expect(r.code).toBe(code);
}

describe('runner self-check: QuickJS script programs in the Node worker pool', async () => {
  const pool = createNodePool(2);
  afterAll(() => pool.close());
  const probe = await probeProgram();
  const run = (args: string[], extra?: Partial<RunRequest<ScriptProgram>>, limits?: Partial<Limits>) =>
    pool.run(request(probe, args, extra, limits));

  it('binary stdin round-trips byte for byte', async () => {
    const all = new Uint8Array(256 * 64);
    for (let i = 0; i < all.length; i++) all[i] = (i * 7 + (i >> 8)) & 0xff;
    exited(await run(['cat'], { stdin: all }), 0, all);
  });

  it('empty stdin gives empty output; CRLF and a missing final newline are kept', async () => {
    exited(await run(['cat']), 0, '', '');
    exited(await run(['cat'], { stdin: utf8Bytes('one\r\ntwo\r\n\r\nthree') }), 0, 'one\r\ntwo\r\n\r\nthree');
  });

  it('non-zero exit code and stderr come back; process.exitCode is honoured', async () => {
    exited(await run(['exit', '42']), 42, '', 'probe: exiting with 42\n');
    exited(await run(['exitcode']), 3, '');
  });

  it('an uncaught error or rejection prints it to stderr and exits 1, as Node does', async () => {
    const r = await run(['throw']);
    exited(r, 1, '');
    if (r.kind === 'exited')
      expect(text(r.stderr)).toMatch(/^TypeError: probe failed on purpose\n {4}at .*probe\.js:\d+/);
    const rejected = await run(['reject']);
    exited(rejected, 1, '');
    if (rejected.kind === 'exited') expect(text(rejected.stderr)).toMatch(/^Error: rejected on purpose\n/);
  });

  it('unbounded recursion is a trap with the documented exit code', async () => {
    const r = await run(['recurse']);
    expect(r.kind).toBe('trap');
    if (r.kind === 'trap') expect(r.code).toBe(TRAP_EXIT_CODE);
    exited(await run(['exit', '0']), 0);
  });

  it('an endless loop stops at its wall-time limit and the runner keeps working', async () => {
    const r = await run(['spin'], {}, { wallMs: 300 });
    expect(r.kind).toBe('timeout');
    if (r.kind === 'timeout') expect(r.limitMs).toBe(300);
    exited(await run(['exit', '0']), 0);
  });

  it('an output flood stops at the output cap with exactly the output so far', async () => {
    const r = await run(['flood'], {}, { outputBytes: 100_000 });
    expect(r.kind).toBe('output-limit');
    if (r.kind !== 'output-limit') return;
    expect(r.stream).toBe('stdout');
    expect(r.stdout.length).toBe(100_000);
  });

  it('memory beyond the limit is a memory-limit result, and the next run has its memory again', async () => {
    const r = await run(['alloc', '200'], {}, { memoryBytes: 64 * 1024 * 1024 });
    expect(r.kind).toBe('memory-limit');
    exited(await run(['alloc', '8'], {}, { memoryBytes: 64 * 1024 * 1024 }), 0, 'allocated 8 MiB\n');
  });

  it('non-ASCII argv arrives intact, argv[0] is the program name', async () => {
    const args = ['héllo', '✓✓✓✓✓✓✓✓✓✓', '日本語', '', '🙂 space'];
    const want = ['probe', 'args', ...args].map((a, i) => `${i}:${utf8Bytes(a).length}:${a}\n`).join('');
    exited(await run(['args', ...args]), 0, want);
  });

  it('files go in, and created or changed files come out', async () => {
    const files = { 'in.txt': utf8Bytes('abc\nxyz'), 'sub/note.txt': utf8Bytes('nested ok\n') };
    const r = await run(['files'], { files });
    exited(r, 0, 'nested:nested ok\n');
    if (r.kind !== 'exited') return;
    expect(Object.keys(r.files)).toEqual(['out.txt']);
    expect(text(r.files['out.txt'] as Uint8Array)).toBe('ABC\nXYZ');
    exited(await run(['files']), 2, '', 'probe: in.txt: No such file or directory\n');
  });

  it('stdout, stderr and stdin are not terminals; the environment is exactly the contract', async () => {
    exited(await run(['isatty']), 0, '0 0 0\n');
    const want = Object.entries(contractEnv())
      .map(([k, v]) => `${k}=${v}\n`)
      .join('');
    exited(await run(['env']), 0, want);
  });

  it('Date starts at the pinned instant in UTC and advances per read; performance.now() is monotonic', async () => {
    const r = await run(['clock'], { clockNs: instantToNs('2030-06-15T12:00:00Z') });
    exited(
      r,
      0,
      'now=1907755200000\ndate=2030-06-15T12:00:00.000Z\n' +
        'string=Sat Jun 15 2030 12:00:00 GMT+0000 (Coordinated Universal Time)\nhours=12 offset=0\n' +
        'monotonic=1000.003\n',
    );
  });

  it('Math.random follows the seed, with the contract’s generator', async () => {
    const a = await run(['random'], { seed: 7 });
    const b = await run(['random'], { seed: 7 });
    const c = await run(['random'], { seed: 8 });
    const prng = new Prng(7);
    exited(a, 0, `${[1, 2, 3, 4].map(() => prng.next()).join(' ')}\n`);
    expect(b.kind === 'exited' && text(b.stdout)).toBe(a.kind === 'exited' && text(a.stdout));
    expect(c.kind === 'exited' && text(c.stdout)).not.toBe(a.kind === 'exited' && text(a.stdout));
  });

  it('the same request gives the same bytes every time', async () => {
    const outs = await Promise.all([1, 2, 3, 4].map(() => run(['clock'])));
    const first = outs[0] as RunResult;
    for (const o of outs) expect(o).toMatchObject({ kind: 'exited', stdout: (first as { stdout: Uint8Array }).stdout });
  });

  it('an entry file that is missing exits 1 with a message, not an exception', async () => {
    const r = await pool.run(request({ ...probe, id: 'no-entry', entry: 'missing.js' }, []));
    exited(r, 1, '', 'cannot find the entry file missing.js\n');
  });
});
