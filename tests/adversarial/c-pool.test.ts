/**
 * Hostile C candidates (tests/fixtures/adversarial/c/, built by the real C toolchain) in the Node worker pool: each
 * escape attempt fails inside the program with an errno, each exhaustion ends with its limit's verdict, the probe
 * server sees no connection, and the pool runs a normal program right after.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAP_EXIT_CODE } from '../../src/core/environment.ts';
import { DEFAULT_LIMITS } from '../../src/core/limits.ts';
import type { WasmProgram } from '../../src/core/run-request.ts';
import { createNodePool } from '../../src/node/node-pool.ts';
import { forbiddenPaths, hostileC, hostileRequest, summary } from './fixtures.ts';
import { probeFile, startProbeServer, type ProbeServer } from './probe-server.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('hostile C candidates in the Node worker pool', { timeout: 60_000 }, () => {
  const pool = createNodePool(1);
  let probe: ProbeServer;
  let hostile: WasmProgram;
  let sockConnect: WasmProgram;
  let flood: WasmProgram;
  const run = (argv: string[], files: Record<string, Uint8Array> = {}, wallMs = 2000) =>
    pool.run(hostileRequest(hostile, argv, files, { wallMs })).then(summary);
  /** The same program's harmless mode, after each hostile run: the pool must still give the right bytes. */
  const expectAlive = async () =>
    expect(await run(['static'])).toEqual({ kind: 'exited', code: 0, stdout: '1 unmarked\n', stderr: '' });

  beforeAll(async () => {
    probe = await startProbeServer();
    hostile = (await hostileC('hostile')).program;
    sockConnect = (await hostileC('sock-connect')).program;
    flood = (await hostileC('file-flood')).program;
  });
  afterAll(async () => {
    await pool.close();
    await probe?.close();
  });

  it('network: /dev/tcp paths do not exist and every WASI socket call is ENOTSUP', async () => {
    const r = await run(['net'], { 'probe.txt': probeFile(probe) });
    const address = `${probe.host}/${probe.port}`;
    const sockets = Array.from(
      { length: 8 },
      (_, fd) => `fd ${fd}: accept Not supported, send Not supported, recv Not supported, shutdown Not supported\n`,
    );
    expect(r).toEqual({
      kind: 'exited',
      code: 0,
      stdout:
        `open /dev/tcp/${address}: No such file or directory\nopen /dev/udp/${address}: No such file or directory\n` +
        `open dev/tcp/${address}: No such file or directory\nopen ${probe.host}:${probe.port}: No such file or directory\n` +
        sockets.join(''),
      stderr: '',
    });
    await expectAlive();
  });

  it('network: a module importing sock_open / sock_connect (WasmEdge extensions) is refused before it starts', async () => {
    const r = await pool.run(hostileRequest(sockConnect, [], { 'probe.txt': probeFile(probe) }));
    expect(r.kind).toBe('invalid-module');
    if (r.kind === 'invalid-module')
      expect(r.message).toMatch(/cannot instantiate: .*"wasi_snapshot_preview1" function="sock_open"/);
    await expectAlive();
  });

  it('files: /proc, /etc, the oracle, the pack and files outside the test do not exist or are out of reach', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'mirrorbox-adversarial-c-'));
    writeFileSync(join(outside, 'secret.txt'), 'secret\n');
    const paths = forbiddenPaths({ absolute: join(outside, 'secret.txt'), relative: '../secret.txt' });
    const r = await run(['files', ...paths, 'in.txt'], { 'in.txt': enc('visible\n') });
    // wasi-libc resolves absolute paths inside the preopened `/` (the test's files only) and refuses to climb out of it.
    const expected = paths.map(
      (p) => `${p}: ${p.startsWith('..') ? 'Capabilities insufficient' : 'No such file or directory'}\n`,
    );
    expect(r).toEqual({
      kind: 'exited',
      code: 1,
      stdout:
        `${expected.join('')}in.txt: read 8 bytes\n` +
        'list /: . .. in.txt\nlist .: . .. in.txt\nlist ..: Capabilities insufficient\nlist ../..: Capabilities insufficient\n',
      stderr: '',
    });
  });

  it('an endless loop without system calls is a timeout (watchdog), and the replaced worker runs the next program', async () => {
    expect(await run(['spin'], {}, 1000)).toEqual({ kind: 'timeout', stdout: '', stderr: '' });
    await expectAlive();
  });

  it('an endless loop of system calls is a timeout that keeps its output', async () => {
    expect(await run(['spin-calls'], {}, 1000)).toEqual({ kind: 'timeout', stdout: 'before\n', stderr: '' });
    expect(await run(['spin-ignore'], {}, 1000)).toEqual({ kind: 'timeout', stdout: '', stderr: '' });
    await expectAlive();
  });

  it('unbounded recursion is a trap with exit code 134', async () => {
    const r = await run(['recurse']);
    expect(r).toMatchObject({ kind: 'trap', code: TRAP_EXIT_CODE, stdout: '', stderr: '' });
    await expectAlive();
  });

  it('allocating 4 GiB in steps is a memory-limit at the 1 GiB cap; one 4 GiB calloc is refused inside', async () => {
    const steps = await pool.run(hostileRequest(hostile, ['alloc'], {}, { wallMs: 10_000 }));
    expect(steps.kind).toBe('memory-limit');
    expect(summary(steps).stderr).toMatch(/^out of memory after 10[12]\d MiB\n$/);
    expect(await run(['alloc-once'])).toEqual({
      kind: 'exited',
      code: 3,
      stdout: 'calloc of 4 GiB: NULL\n',
      stderr: '',
    });
    await expectAlive();
  });

  it('printing 1 GiB is an output-limit holding exactly the first 16 MiB, write errors ignored or not', async () => {
    const r = await pool.run(hostileRequest(hostile, ['flood']));
    expect(r.kind).toBe('output-limit');
    if (r.kind !== 'output-limit') return;
    expect(r.stream).toBe('stdout');
    expect(r.stdout.length).toBe(DEFAULT_LIMITS.outputBytes);
    expect(r.stdout.every((b) => b === 0x78)).toBe(true);
    await expectAlive();
  });

  it('96 files of 32 MiB (3 GiB) is a file-limit: two files written, 94 refused with ENOSPC inside the program', async () => {
    const r = await pool.run(hostileRequest(flood, [], {}, { wallMs: 10_000 }));
    expect(summary(r)).toEqual({
      kind: 'file-limit',
      stdout: 'ok 2, failed 94: No space left on device\n',
      stderr: '',
    });
    if (r.kind === 'file-limit') {
      expect(r.limitBytes).toBe(DEFAULT_LIMITS.fileBytes);
      const sizes = Object.entries(r.files).map(([name, data]) => `${name}=${data.length}`);
      const want = Array.from({ length: 96 }, (_, i) => `f${i}=${i < 2 ? 32 << 20 : 0}`);
      expect(sizes.sort()).toEqual(want.sort());
    }
    await expectAlive();
  });

  it('three files made 3 GiB long by a seek and a one-byte write, or by ftruncate, are refused at once', async () => {
    for (const mode of ['sparse', 'truncate']) {
      const r = await pool.run(hostileRequest(flood, [mode], {}, { wallMs: 10_000 }));
      expect(summary(r)).toEqual({
        kind: 'file-limit',
        stdout: 'ok 0, failed 3: No space left on device\n',
        stderr: '',
      });
      expect('files' in r && Object.values(r.files).map((f) => f.length)).toEqual([0, 0, 0]);
    }
    await expectAlive();
  });

  it('100,000 empty files is a file-limit: ENOSPC past 16,384 new nodes, files and directories alike', async () => {
    const { program } = await hostileC('file-nodes');
    const r = await pool.run(hostileRequest(program, [], {}, { wallMs: 30_000 }));
    expect(summary(r)).toEqual({ kind: 'file-limit', stdout: 'made 16384, then ENOSPC; mkdir ENOSPC\n', stderr: '' });
    if (r.kind === 'file-limit') expect(Object.keys(r.files).length).toBe(16384);
  });

  it('fd_write with an iovec past the end of memory, or of 2 GiB, is EFAULT and writes nothing', async () => {
    expect(await run(['iov-past'])).toEqual({
      kind: 'exited',
      code: 0,
      stdout: '',
      stderr: 'past the end: Bad address\n2 GiB: Bad address\n',
    });
  });

  it('neither static memory nor files survive a run: two runs in the same worker both print "1 unmarked"', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await pool.run(hostileRequest(hostile, ['static']));
      expect(summary(r).stdout).toBe('1 unmarked\n');
      // The mark was made (it comes back as a changed file), and yet the next run does not see it.
      expect('files' in r && Object.keys(r.files)).toEqual(['mark']);
    }
  });

  it('the probe server saw no connection from any of them', () => {
    expect(probe.hits()).toEqual([]);
  });
});
