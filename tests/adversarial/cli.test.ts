/**
 * The hostile candidates through the CLI, as a user runs them (`mirrorbox run FILE`), in C (prebuilt .wasm), Python
 * and JavaScript: network, host files, an endless loop and a 1 GiB flood each end as they do in the pool, with the
 * CLI's exit code (124 after a limit) and reason; the probe server sees nothing; and a normal run right after gives
 * the right bytes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMIT_EXIT_CODE } from '../../src/core/environment.ts';
import { DEFAULT_LIMITS } from '../../src/core/limits.ts';
import { repoRoot } from '../../src/node/paths.ts';
import { FIXTURES, forbiddenPaths, hostileC } from './fixtures.ts';
import { probeFile, startProbeServer, type ProbeServer } from './probe-server.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mirrorbox-adversarial-cli-'));
const secret = join(scratch, 'secret.txt');
writeFileSync(secret, 'secret\n');
const visible = join(scratch, 'in.txt');
writeFileSync(visible, 'visible\n');
/** Host paths no candidate may read; `../secret.txt` would be the secret if the working directory were the scratch folder. */
const paths = forbiddenPaths({ absolute: secret, relative: '../secret.txt' });
const py = (name: string) => join(FIXTURES, 'py', `${name}.py`);
const js = (name: string) => join(FIXTURES, 'js', `${name}.js`);
/**
 * `mirrorbox ARGS…` as tests/cli/cli.ts runs it, but without blocking this process: the probe server lives here and
 * must accept (and log) a connection while the CLI runs, and the runs of one language go in parallel.
 */
function mirrorbox(args: string[]): Promise<{ code: number | null; stdout: Buffer; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${repoRoot}bin/mirrorbox.mjs`, ...args], { cwd: repoRoot });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out);
      resolve({ code, stdout, out: stdout.toString('utf8'), err: Buffer.concat(err).toString('utf8') });
    });
  });
}

const OUTPUT_LIMIT = `mirrorbox: output limit: stdout passed ${DEFAULT_LIMITS.outputBytes} bytes\n`;

describe('hostile candidates through the CLI', { timeout: 180_000 }, () => {
  let probe: ProbeServer;
  let probeTxt: string;
  let hostile: string;
  let sockConnect: string;
  /** Connections the probe logged before the current language's runs. */
  let seen = 0;
  /** What the probe logged since the last call, after letting late requests arrive. */
  const newHits = async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const hits = probe.hits().slice(seen);
    seen = probe.hits().length;
    return hits;
  };

  beforeAll(async () => {
    probe = await startProbeServer();
    probeTxt = join(scratch, 'probe.txt');
    writeFileSync(probeTxt, probeFile(probe));
    hostile = (await hostileC('hostile')).path;
    sockConnect = (await hostileC('sock-connect')).path;
  });
  afterAll(() => probe?.close());

  it('C (a prebuilt .wasm): network, files, loop, flood and 4 GiB of malloc end as in the pool', async () => {
    await newHits();
    const [net, refused, files, spin, flood, alloc] = await Promise.all([
      mirrorbox(['run', hostile, '--file', `probe.txt=${probeTxt}`, '--', 'net']),
      mirrorbox(['run', sockConnect, '--file', `probe.txt=${probeTxt}`, '--']),
      mirrorbox(['run', hostile, '--file', `in.txt=${visible}`, '--', 'files', ...paths, 'in.txt']),
      mirrorbox(['run', hostile, '--timeout', '1000', '--', 'spin']),
      mirrorbox(['run', hostile, '--', 'flood']),
      mirrorbox(['run', hostile, '--', 'alloc']),
    ]);
    expect(net.code).toBe(0);
    expect(net.out).toMatch(/^open \/dev\/tcp\/127\.0\.0\.1\/\d+: No such file or directory\n/);
    expect(
      net.out.match(/accept Not supported, send Not supported, recv Not supported, shutdown Not supported\n/g),
    ).toHaveLength(8);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/invalid module: cannot instantiate: .*function="sock_open"/);
    expect(files.out).toBe(
      paths
        .map((p) => `${p}: ${p.startsWith('..') ? 'Capabilities insufficient' : 'No such file or directory'}\n`)
        .join('') +
        'in.txt: read 8 bytes\nlist /: . .. in.txt\nlist .: . .. in.txt\nlist ..: Capabilities insufficient\nlist ../..: Capabilities insufficient\n',
    );
    expect(files.code).toBe(1);
    expect(spin).toMatchObject({ code: LIMIT_EXIT_CODE, out: '', err: 'mirrorbox: timeout after 1000 ms\n' });
    expect(flood.code).toBe(LIMIT_EXIT_CODE);
    expect(flood.stdout.length).toBe(DEFAULT_LIMITS.outputBytes);
    expect(flood.err).toBe(OUTPUT_LIMIT);
    expect(alloc.code).toBe(LIMIT_EXIT_CODE);
    expect(alloc.err).toMatch(
      /^out of memory after \d+ MiB\nmirrorbox: memory limit: the program needed more than 1073741824 bytes of memory\n$/,
    );
    expect(await newHits()).toEqual([]);
    // The CLI keeps working: the same program's harmless mode, right bytes.
    expect(await mirrorbox(['run', hostile, '--', 'static'])).toMatchObject({ code: 0, out: '1 unmarked\n', err: '' });
  });

  it('Python: network, files, loop and flood end as in the pool', async () => {
    await newHits();
    const [socket, jsFetch, files, spin, flood] = await Promise.all([
      mirrorbox(['run', py('net_socket'), '--file', `probe.txt=${probeTxt}`, '--']),
      mirrorbox(['run', py('net_js_fetch'), '--file', `probe.txt=${probeTxt}`, '--']),
      mirrorbox(['run', py('files'), '--file', `in.txt=${visible}`, '--', ...paths, 'in.txt']),
      // Twice the pool test's wall time: five interpreters start at once on this machine.
      mirrorbox(['run', py('spin'), '--timeout', '2000', '--']),
      mirrorbox(['run', py('flood'), '--']),
    ]);
    expect(files.out).toBe(
      `${paths.map((p) => `${p}: FileNotFoundError\n`).join('')}in.txt: read 8 bytes\ncwd holds ['in.txt']\n`,
    );
    expect(files.code).toBe(1);
    // Its output ("before") is checked in the pool test only: with five interpreters starting at once, the
    // KeyboardInterrupt's first traceback can take longer than the watchdog's grace, and then the worker is killed
    // with what it had written (measured: lost under load, kept when the machine is idle).
    expect(spin.code).toBe(LIMIT_EXIT_CODE);
    expect(spin.err).toMatch(/mirrorbox: timeout after 2000 ms\n$/);
    expect(flood.code).toBe(LIMIT_EXIT_CODE);
    expect(flood.stdout.length).toBe(DEFAULT_LIMITS.outputBytes);
    expect(flood.err).toBe(OUTPUT_LIMIT);
    const hello = join(scratch, 'hello.py');
    writeFileSync(hello, 'import sys\nprint("alive", sys.argv)\n');
    expect(await mirrorbox(['run', hello, '--', 'x'])).toMatchObject({
      code: 0,
      out: "alive ['hello', 'x']\n",
      err: '',
    });
    // Last, so that the verdicts above are checked even while these escapes are open.
    expect(socket.code).toBe(1);
    expect(jsFetch.code).toBe(1);
    expect(jsFetch.err).toMatch(/(ModuleNotFoundError|ImportError)\b.*\n$/);
    expect(await newHits()).toEqual([]);
  });

  it('JavaScript: network, files, loop and flood end as in the pool', async () => {
    await newHits();
    const [net, files, spin, flood] = await Promise.all([
      mirrorbox(['run', js('net'), '--file', `probe.txt=${probeTxt}`, '--']),
      mirrorbox(['run', js('files'), '--file', `in.txt=${visible}`, '--', ...paths, 'in.txt']),
      mirrorbox(['run', js('spin'), '--timeout', '1000', '--']),
      mirrorbox(['run', js('flood'), '--']),
    ]);
    expect(net.code).toBe(0);
    expect(net.out).toMatch(/^fetch: ReferenceError\n/);
    expect(files.out).toBe(`${paths.map((p) => `${p}: ENOENT\n`).join('')}in.txt: read 8 bytes\n`);
    expect(files.code).toBe(1);
    expect(spin).toMatchObject({ code: LIMIT_EXIT_CODE, out: 'before\n', err: 'mirrorbox: timeout after 1000 ms\n' });
    expect(flood.code).toBe(LIMIT_EXIT_CODE);
    expect(flood.stdout.length).toBe(DEFAULT_LIMITS.outputBytes);
    expect(flood.err).toBe(OUTPUT_LIMIT);
    expect(await newHits()).toEqual([]);
    const hello = join(scratch, 'hello.js');
    writeFileSync(hello, 'console.log("alive", process.argv.length);\n');
    expect(await mirrorbox(['run', hello, '--', 'x'])).toMatchObject({ code: 0, out: 'alive 2\n', err: '' });
  });
});
