/**
 * Script candidates that escape their engine, through the real CLI (`mirrorbox run|score`): Python reaches the
 * JavaScript realm that hosts Pyodide (the jsfinder walk), and from there tries the host through Node. The
 * CLI runs that realm in a child process inside bubblewrap and under Node's permission model, so every attempt
 * must be refused there, the probe server must log nothing and nothing may appear on the host. The operating
 * system's layer is also checked alone (bubblewrap without the permission model), and the path of a machine
 * without bubblewrap (MIRRORBOX_BWRAP pointing at nothing): refused with the reason, or run under the permission
 * model with --unsandboxed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtTargetDir, repoRoot } from '../../src/node/paths.ts';
import { sandboxedNode } from '../../src/node/sandbox/bwrap.ts';
import { stageEngineFiles } from '../../src/node/sandbox/engine-files.ts';
import { loadBuiltTarget } from '../../src/node/target-store.ts';
import { FIXTURES, hostileC } from './fixtures.ts';
import { probeFile, startProbeServer, type ProbeServer } from './probe-server.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mirrorbox-adversarial-sandbox-'));
const py = (name: string) => join(FIXTURES, 'py', `${name}.py`);
const oracle = join(builtTargetDir('uuidparse'), 'oracle.wasm');
/** A native reference program on the host (Debian's util-linux). */
const NATIVE = '/usr/bin/uuidparse';
/** An environment variable of the CLI's that no candidate may see. */
const SECRET_ENV = { MIRRORBOX_TEST_SECRET: 'do-not-leak' };

interface Cli {
  code: number | null;
  out: string;
  err: string;
}

/** `mirrorbox ARGS…` as a user runs it, without blocking this process (the probe server lives here). */
function mirrorbox(args: string[], env: Record<string, string> = {}): Promise<Cli> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${repoRoot}bin/mirrorbox.mjs`, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...SECRET_ENV, ...env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** The attempts of escape_host.py and what the sandbox answers each (the permission model's code, mostly). */
const REFUSED: Record<string, RegExp> = {
  'read /etc/passwd': /^refused ERR_ACCESS_DENIED$/,
  'read oracle': /^refused ERR_ACCESS_DENIED$/,
  'list /': /^refused ERR_ACCESS_DENIED$/,
  'spawn native': /^refused ERR_ACCESS_DENIED$/,
  'connect probe': /^refused ERR_ACCESS_DENIED$/,
  'write checkout': /^refused ERR_ACCESS_DENIED$/,
  'write host tmp': /^refused ERR_ACCESS_DENIED$/,
  'signal parent': /^refused ERR_ACCESS_DENIED$/,
  environment: /^OK '\[\]'$/,
  'code from strings': /^refused EvalError: Code generation from strings disallowed/,
  'worker thread': /^refused ERR_ACCESS_DENIED$/,
  'signal self': /^refused ERR_ACCESS_DENIED$/,
};

/** Checks escape_host.py's report: one line per attempt, in order, each "no js" (Python cannot reach its realm). */
function expectEscapeDead(out: string): void {
  const lines = out.trimEnd().split('\n');
  expect(lines).toEqual(Object.keys(REFUSED).map((name) => `${name}: no js`));
}

/**
 * The attempts of escape_host.py as JavaScript in a child's realm, as a candidate that owned it would make them:
 * after the real entry (its refusals are part of the sandbox), one line per attempt, "NAME: refused CODE" or
 * "NAME: OK VALUE". The probe server's address and the paths come in as JSON.
 */
function realmAttack(args: { oracle: string; native: string; checkout: string; hostTmp: string; port: number }) {
  return `
    const a = ${JSON.stringify(args)};
    import('/engine/child.mjs').then(() => {
      const builtin = (name) => process.getBuiltinModule(name);
      const lines = [];
      const attempt = (name, f) => {
        try {
          lines.push(name + ': OK ' + JSON.stringify(String(f()).slice(0, 60)).replace(/"/g, "'"));
        } catch (e) {
          lines.push(name + ': refused ' + (e.code || String(e).split('\\n')[0].slice(0, 60)));
        }
      };
      const connect = () => {
        const sock = builtin('net').connect(a.port, '127.0.0.1');
        sock.on('error', () => {});
        return 'connecting';
      };
      attempt('read /etc/passwd', () => builtin('fs').readFileSync('/etc/passwd', 'utf8'));
      attempt('read oracle', () => builtin('fs').readFileSync(a.oracle).length);
      attempt('list /', () => builtin('fs').readdirSync('/'));
      attempt('spawn native', () => builtin('child_process').spawnSync(a.native, ['--help']).status);
      attempt('connect probe', connect);
      attempt('write checkout', () => builtin('fs').writeFileSync(a.checkout, 'pwned'));
      attempt('write host tmp', () => builtin('fs').writeFileSync(a.hostTmp, 'pwned'));
      attempt('signal parent', () => process.kill(process.ppid, 0));
      attempt('environment', () => '[' + Object.keys(process.env).filter((k) => k.startsWith('MIRRORBOX_TEST')).join(', ') + ']');
      attempt('code from strings', () => Function('return typeof process')());
      attempt('worker thread', () => new (builtin('worker_threads').Worker)('0', { eval: true }));
      attempt('signal self', () => process.kill(process.pid, 'SIGKILL'));
      builtin('fs').writeSync(1, lines.join('\\n') + '\\n');
      process.exit(0);
    });
  `;
}

/** Checks realmAttack's report: one line per attempt, in order, each refused as REFUSED says. */
function expectAllRefused(out: string): void {
  const lines = out.trimEnd().split('\n');
  expect(lines.map((l) => l.slice(0, l.indexOf(':')))).toEqual(Object.keys(REFUSED));
  for (const line of lines) {
    const name = line.slice(0, line.indexOf(':'));
    expect(line.slice(name.length + 2), line).toMatch(REFUSED[name] as RegExp);
  }
}

/** `command` run to its end without blocking this process (the probe server lives here), with a channel as fd 3. */
function runCommand(command: { file: string; args: string[]; env: Record<string, string> }): Promise<Cli> {
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, command.args, { env: command.env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr?.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('script candidates escaping their engine, through the CLI', { timeout: 300_000 }, () => {
  let probe: ProbeServer;
  let probeTxt: string;
  beforeAll(async () => {
    probe = await startProbeServer();
    probeTxt = join(scratch, 'probe.txt');
    writeFileSync(probeTxt, probeFile(probe));
  });
  afterAll(async () => {
    await probe?.close();
    rmSync(scratch, { recursive: true, force: true });
  });
  /** What the probe logged after letting late connections arrive (they are asynchronous in the program). */
  const hitsAfter = async (before: number) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return probe.hits().slice(before);
  };

  it("Python cannot reach the JavaScript realm through the CLI (the issue's jsfinder walk): every attempt is 'no js'", async () => {
    const before = probe.hits().length;
    const checkoutFile = join(repoRoot, 'build', `pwned-${process.pid}.txt`);
    const hostTmpFile = join(scratch, 'pwned.txt');
    const r = await mirrorbox([
      'run',
      py('escape_host'),
      '--file',
      `probe.txt=${probeTxt}`,
      '--',
      oracle,
      NATIVE,
      checkoutFile,
      hostTmpFile,
    ]);
    try {
      expect(r.err).toBe('');
      expectEscapeDead(r.out);
      expect(r.code).toBe(0);
      expect(existsSync(checkoutFile)).toBe(false);
      expect(existsSync(hostTmpFile)).toBe(false);
      expect(await hitsAfter(before)).toEqual([]);
    } finally {
      rmSync(checkoutFile, { force: true });
    }
  });

  it("a program that owns its child's JavaScript realm: host files, the oracle, native programs, network, writes, signals, environment, eval and threads are all refused", async () => {
    const before = probe.hits().length;
    const checkoutFile = join(repoRoot, 'build', `pwned-realm-${process.pid}.txt`);
    const hostTmpFile = join(scratch, 'pwned-realm.txt');
    // The command of a real child, with the attack in place of the entry script.
    const command = sandboxedNode(stageEngineFiles(), [
      '-e',
      realmAttack({ oracle, native: NATIVE, checkout: checkoutFile, hostTmp: hostTmpFile, port: probe.port }),
    ]);
    if (typeof command === 'string') throw new Error(command);
    const r = await runCommand({ ...command, env: { ...command.env, ...SECRET_ENV } });
    try {
      expect(r.err).toBe('');
      expectAllRefused(r.out);
      expect(r.code).toBe(0);
      expect(existsSync(checkoutFile)).toBe(false);
      expect(existsSync(hostTmpFile)).toBe(false);
      expect(await hitsAfter(before)).toEqual([]);
    } finally {
      rmSync(checkoutFile, { force: true });
    }
  });

  it("os.system (the issue's first reproduction) writes nothing on the host, and the CLI goes on", async () => {
    const pwned = join(scratch, 'pwned-system.txt');
    const r = await mirrorbox(['run', py('escape_system'), '--', pwned]);
    expect(existsSync(pwned)).toBe(false);
    // The engine refuses the call (a non-zero status printed), raises, or dies of it (a trap): never a success.
    expect(r.code).not.toBe(null);
    if (r.out === '') expect(r.code).not.toBe(0);
    else expect(r.out).toMatch(/^-?[1-9]\d*\n$/);
    const hello = join(scratch, 'hello.py');
    writeFileSync(hello, 'print("alive")\n');
    expect(await mirrorbox(['run', hello])).toMatchObject({ code: 0, out: 'alive\n', err: '' });
  });

  it('the reference Python solution with the escape prepended (end the engine on two hidden cases) passes all hidden cases: the walk finds nothing', async () => {
    const built = loadBuiltTarget('uuidparse');
    if (built.kind === 'error') throw new Error(built.message);
    const hidden = built.value.pack.hidden.map((h) => h.case);
    const [exitCase, disconnectCase] = [hidden[2], hidden[5]];
    if (!exitCase || !disconnectCase) throw new Error('uuidparse has too few hidden cases');
    const walk = readFileSync(py('escape_host'), 'utf8').match(/def find_js\(\):\n(?: {4}.*\n|\n)+/)?.[0];
    if (!walk) throw new Error('escape_host.py has no find_js');
    const dir = join(scratch, 'exit-candidate');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'main.py'),
      `${walk}\nimport sys as _sys\n_g = find_js()\n` +
        `if _g is not None and _sys.argv[1:] == ${JSON.stringify(exitCase.argv)}: _g.process.exit(0)\n` +
        `if _g is not None and _sys.argv[1:] == ${JSON.stringify(disconnectCase.argv)}: _g.process.disconnect()\n` +
        readFileSync(join(repoRoot, 'tests/fixtures/solutions/uuidparse-py/main.py'), 'utf8'),
    );
    const r = await mirrorbox(['score', 'uuidparse', dir, '--json', '--only', 'hidden']);
    const report = JSON.parse(r.out) as { cases: { id: string; verdict: string }[] };
    expect(report.cases.map((c) => c.id).sort()).toEqual(hidden.map((c) => c.id).sort());
    expect(report.cases.filter((c) => c.verdict !== 'pass')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('JavaScript: QuickJS std/os modules, import() of Node modules and files, require and the host process are missing', async () => {
    const r = await mirrorbox(['run', join(FIXTURES, 'js', 'escape.js')]);
    expect(r).toEqual({
      code: 0,
      out:
        'import std: Error\nimport os: Error\nimport node:child_process: Error\nimport file: Error\n' +
        'globalThis.std: TypeError\nglobalThis.os: TypeError\nrequire: Error\nprocess.binding: TypeError\n' +
        'Function(process): TypeError\n',
      err: '',
    });
  });

  it('the operating system alone (bubblewrap, no permission model): no host files, no native programs, no checkout, no host loopback', async () => {
    const before = probe.hits().length;
    const script = `
      const fs = require('node:fs');
      const tryIt = (f) => { try { return f(); } catch (e) { return e.code; } };
      const lines = [
        'root ' + fs.readdirSync('/').sort().join(' '),
        'node dir ' + fs.readdirSync(${JSON.stringify(dirname(process.execPath))}).join(' '),
        'passwd ' + tryIt(() => fs.readFileSync('/etc/passwd', 'utf8').length),
        'oracle ' + tryIt(() => fs.readFileSync(${JSON.stringify(oracle)}).length),
        'native ' + tryIt(() => fs.statSync(${JSON.stringify(NATIVE)}).size),
        'write ' + tryIt(() => fs.writeFileSync('/engine/x', 'x')),
        'uid ' + process.getuid(),
        'env ' + Object.keys(process.env).sort().join(' '),
      ];
      const net = require('node:net');
      const s = net.connect(${probe.port}, '127.0.0.1');
      s.on('connect', () => { lines.push('connect OK'); done(); });
      s.on('error', (e) => { lines.push('connect ' + e.code); done(); });
      function done() { console.log(lines.join('\\n')); }
    `;
    const command = sandboxedNode(stageEngineFiles(), ['-e', script], { permission: false });
    if (typeof command === 'string') throw new Error(command);
    const r = spawnSync(command.file, command.args, { env: command.env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    // The root holds the sandbox's own mounts and the folders of node and its libraries, nothing of the host's.
    const root = lines[0]?.split(' ').slice(1) ?? [];
    expect(root.filter((name) => !/^(dev|engine|proc|tmp|usr|lib|lib32|lib64|libx32)$/.test(name))).toEqual([]);
    // node's folder (/usr/bin here) holds node alone: no native program.
    expect(lines[1]).toBe('node dir node');
    expect(lines.slice(2)).toEqual([
      'passwd ENOENT',
      'oracle ENOENT',
      'native ENOENT',
      'write EROFS',
      'uid 65534',
      'env PWD',
      'connect ECONNREFUSED',
    ]);
    expect(await hitsAfter(before)).toEqual([]);
  });

  it('without bubblewrap: a script candidate is refused (exit 2, saying what is missing); C is not; --unsandboxed runs it under the permission model, which still refuses', async () => {
    const noBwrap = { MIRRORBOX_BWRAP: join(scratch, 'no-such-bwrap') };
    const hello = join(scratch, 'hello-unsandboxed.py');
    writeFileSync(hello, 'print("alive")\n');
    const c = (await hostileC('hostile')).path;
    const [refused, scoreRefused, cRun, allowed] = await Promise.all([
      mirrorbox(['run', hello], noBwrap),
      mirrorbox(['score', 'uuidparse', hello], noBwrap),
      mirrorbox(['run', c, '--', 'static'], noBwrap),
      mirrorbox(['run', hello, '--unsandboxed'], noBwrap),
    ]);
    for (const r of [refused, scoreRefused]) {
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(
        /Python candidates run only inside an OS sandbox, which cannot start here: bubblewrap is not installed \(.*no-such-bwrap not found\)/,
      );
      expect(r.err).toMatch(/apt-get install bubblewrap/);
      expect(r.err).toMatch(/--unsandboxed/);
    }
    expect(cRun).toEqual({ code: 0, out: '1 unmarked\n', err: '' });
    // A bubblewrap the kernel refuses (user namespaces off): the refusal carries bwrap's own words.
    const refusing = join(scratch, 'refusing-bwrap');
    writeFileSync(refusing, '#!/bin/sh\necho "bwrap: No permissions to create new namespace" >&2\nexit 1\n', {
      mode: 0o755,
    });
    const denied = await mirrorbox(['run', hello], { MIRRORBOX_BWRAP: refusing });
    expect(denied.code).toBe(2);
    expect(denied.err).toMatch(
      /cannot start here: .*refusing-bwrap could not start a sandbox \(exit 1: bwrap: No permissions to create new namespace\)/,
    );
    expect(allowed).toEqual({ code: 0, out: 'alive\n', err: '' });
    const checkoutFile = join(repoRoot, 'build', `pwned-unsandboxed-${process.pid}.txt`);
    const hostTmpFile = join(scratch, 'pwned-unsandboxed.txt');
    const before = probe.hits().length;
    const escaped = await mirrorbox(
      [
        'run',
        py('escape_host'),
        '--unsandboxed',
        '--file',
        `probe.txt=${probeTxt}`,
        '--',
        oracle,
        NATIVE,
        checkoutFile,
        hostTmpFile,
      ],
      noBwrap,
    );
    try {
      expectEscapeDead(escaped.out);
      expect(escaped.code).toBe(0);
      expect(existsSync(checkoutFile)).toBe(false);
      expect(existsSync(hostTmpFile)).toBe(false);
      expect(await hitsAfter(before)).toEqual([]);
    } finally {
      rmSync(checkoutFile, { force: true });
    }
  });
});
