/**
 * Hostile JavaScript candidates (tests/fixtures/adversarial/js/) in the Node worker pool, against a live probe
 * server: quickjs-adversarial.test.ts checks that the network APIs are missing; here each one is really called with
 * the probe's address, and the probe must log nothing. Files, loops and floods get their verdicts too.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/core/limits.ts';
import { createNodePool } from '../../src/node/node-pool.ts';
import { forbiddenPaths, hostileJs, hostileRequest, summary } from './fixtures.ts';
import { probeFile, startProbeServer, type ProbeServer } from './probe-server.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('hostile JavaScript candidates in the Node worker pool', () => {
  const pool = createNodePool(1);
  let probe: ProbeServer;
  const run = async (name: string, argv: string[] = [], files: Record<string, Uint8Array> = {}, wallMs = 2000) =>
    summary(await pool.run(hostileRequest(await hostileJs(name), argv, files, { wallMs })));

  beforeAll(async () => {
    probe = await startProbeServer();
  });
  afterAll(async () => {
    await pool.close();
    await probe?.close();
  });

  it('network: fetch, XHR, WebSocket, EventSource, importScripts, import(), http and net all fail', async () => {
    const r = await run('net', [], { 'probe.txt': probeFile(probe) });
    expect(r).toEqual({
      kind: 'exited',
      code: 0,
      stdout:
        'fetch: ReferenceError\nXMLHttpRequest: ReferenceError\nWebSocket: ReferenceError\nEventSource: ReferenceError\n' +
        'importScripts: ReferenceError\nimport(): Error\nrequire(http): Error\nimport(net): Error\n',
      stderr: '',
    });
    // A request started in the background would arrive after the run.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(probe.hits()).toEqual([]);
  });

  it('files: /proc, /etc, the oracle, the pack and files outside the test are ENOENT', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'mirrorbox-adversarial-js-'));
    writeFileSync(join(outside, 'secret.txt'), 'secret\n');
    const paths = forbiddenPaths({ absolute: join(outside, 'secret.txt'), relative: '../secret.txt' });
    expect(await run('files', [...paths, 'in.txt'], { 'in.txt': enc('visible\n') })).toEqual({
      kind: 'exited',
      code: 1,
      stdout: `${paths.map((p) => `${p}: ENOENT\n`).join('')}in.txt: read 8 bytes\n`,
      stderr: '',
    });
  });

  it('an endless loop that catches everything is a timeout that keeps its output', async () => {
    expect(await run('spin', [], {}, 1000)).toEqual({ kind: 'timeout', stdout: 'before\n', stderr: '' });
  });

  it('printing 1 GiB is an output-limit holding exactly the first 16 MiB', async () => {
    const r = await pool.run(hostileRequest(await hostileJs('flood'), []));
    expect(r.kind).toBe('output-limit');
    if (r.kind === 'output-limit') expect(r.stdout.length).toBe(DEFAULT_LIMITS.outputBytes);
  });

  it('96 files of 32 MiB (3 GiB) is a file-limit: ENOSPC from the third file on, two files kept', async () => {
    const r = await pool.run(hostileRequest(await hostileJs('file-flood'), [], {}, { wallMs: 10_000 }));
    expect(summary(r)).toEqual({
      kind: 'file-limit',
      stdout: "append: ENOSPC: no space left on device, write 'f0'\nwritten: 2, refused: ENOSPC x94\n",
      stderr: '',
    });
    if (r.kind === 'file-limit') {
      expect(r.limitBytes).toBe(DEFAULT_LIMITS.fileBytes);
      expect(Object.values(r.files).map((f) => f.length)).toEqual([32 << 20, 32 << 20]);
    }
  });

  it('100,000 empty files is a file-limit: ENOSPC past 16,384 new files, as Pyodide and a full inode table', async () => {
    const r = await pool.run(hostileRequest(await hostileJs('files-many'), [], {}, { wallMs: 30_000 }));
    expect(summary(r)).toEqual({ kind: 'file-limit', stdout: 'made 16384, then ENOSPC\n', stderr: '' });
    if (r.kind === 'file-limit') expect(Object.keys(r.files).length).toBe(16384);
  });

  it('a process.exitCode getter that never returns is a timeout, not exit 0', async () => {
    expect(await run('exitcode-getter', [], {}, 1000)).toEqual({ kind: 'timeout', stdout: 'before\n', stderr: '' });
  });

  it('process.exit with a code whose conversion never ends (toPrimitive, valueOf, toJSON) is a timeout', async () => {
    expect(await run('exit-coercion', [], {}, 1000)).toEqual({ kind: 'timeout', stdout: 'before\n', stderr: '' });
  });

  it("QuickJS's std and os modules, a data: URL and Node's process modules cannot be imported", async () => {
    const names = ['std', 'os', 'qjs:std', 'qjs:os', 'data:text/javascript,export default 1'];
    const node = ['child_process', 'node:child_process', 'worker_threads'];
    expect(await run('modules')).toEqual({
      kind: 'exited',
      code: 0,
      stdout: `${[...names, ...node].map((n) => `${n}: Error\n`).join('')}globals: none\n`,
      stderr: '',
    });
  });

  it('the probe server saw no connection from any of them', () => {
    expect(probe.hits()).toEqual([]);
  });
});
