/**
 * Hostile JavaScript candidates, each contained with the right verdict by the QuickJS engine in the Node pool:
 * no network API exists to call, runaway code hits its limits, and one test's global state never reaches the next.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT_EPOCH, contractEnv, instantToNs } from '../../src/core/environment.ts';
import { DEFAULT_LIMITS, type Limits } from '../../src/core/limits.ts';
import type { RunRequest, ScriptProgram } from '../../src/core/run-request.ts';
import type { RunResult } from '../../src/core/run-result.ts';
import { createNodePool } from '../../src/node/node-pool.ts';
import { jsToolchain } from '../../toolchains/js/adapter.ts';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

async function program(source: string): Promise<ScriptProgram> {
  const built = await jsToolchain.build([{ name: 'main.js', content: source }]);
  if (built.kind !== 'ok' || built.program.kind !== 'script') throw new Error('does not build');
  return built.program;
}

function request(p: ScriptProgram, limits: Partial<Limits> = {}): RunRequest<ScriptProgram> {
  return {
    program: p,
    argv: ['prog'],
    env: contractEnv(),
    clockNs: instantToNs(CONTRACT_EPOCH) ?? 0n,
    seed: 1,
    limits: { ...DEFAULT_LIMITS, wallMs: 2000, ...limits },
  };
}

const out = (r: RunResult): string => ('stdout' in r ? text(r.stdout) : '');

describe('adversarial JavaScript candidates (QuickJS, Node pool)', () => {
  const pool = createNodePool(1);
  afterAll(() => pool.close());
  const run = async (source: string, limits?: Partial<Limits>) => pool.run(request(await program(source), limits));

  it('finds no network API: fetch, XMLHttpRequest, WebSocket, sockets and importScripts do not exist', async () => {
    const r = await run(
      `for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'Worker', 'navigator', 'document', 'indexedDB', 'postMessage', 'self', 'window'])
         console.log(name, typeof globalThis[name]);`,
    );
    expect(r.kind).toBe('exited');
    expect(
      out(r)
        .split('\n')
        .filter((l) => l !== '' && !l.endsWith(' undefined')),
    ).toEqual([]);
  });

  it('cannot import a module from a URL or a host file, nor require one', async () => {
    for (const source of [
      `await import('http://127.0.0.1:9/x.js');`,
      `import x from 'https://example.invalid/x.js'; console.log(x);`,
      `await import('/etc/passwd');`,
      `require('child_process');`,
      `require('http');`,
    ]) {
      const r = await run(source);
      expect(r.kind, source).toBe('exited');
      if (r.kind === 'exited') {
        expect(r.code, source).toBe(1);
        expect(text(r.stderr), source).toMatch(/Cannot find module|could not load module/i);
      }
    }
  });

  it('sees only the test’s own files: no /proc, no oracle, nothing outside', async () => {
    const r = await run(
      `import fs from 'fs';
       for (const p of ['/proc/self/environ', '/etc/passwd', 'oracle.wasm', '../pack.json', '/', '.'])
         console.log(p, fs.existsSync(p) && p !== '/' && p !== '.' ? 'visible' : 'absent');`,
    );
    expect(out(r)).not.toMatch(/visible/);
  });

  it('an endless loop is a timeout, and the worker runs the next program', async () => {
    const r = await run('while (true) {}', { wallMs: 300 });
    expect(r.kind).toBe('timeout');
    expect(out(await run('console.log("alive")'))).toBe('alive\n');
  });

  it('an endless loop that catches everything is still a timeout', async () => {
    const r = await run('for (;;) { try { while (true) {} } catch (e) {} }', { wallMs: 300 });
    expect(r.kind).toBe('timeout');
  });

  it('unbounded recursion is a trap', async () => {
    const r = await run('const f = (n) => f(n + 1) + 1; f(0);');
    expect(r.kind).toBe('trap');
  });

  it('allocating 4 GB in steps is a memory-limit; one 4 GB buffer fails inside the program', async () => {
    const steps = await run('const keep = []; for (let i = 0; i < 4096; i++) keep.push(new Uint8Array(1 << 20));', {
      wallMs: 10_000,
    });
    expect(steps.kind).toBe('memory-limit');
    const single = await run(
      'try { new ArrayBuffer(4 * 2 ** 30); } catch (e) { console.log(e.name); process.exit(3); }',
    );
    expect(single.kind).toBe('exited');
    if (single.kind === 'exited') expect(single.code).toBe(3);
  });

  it('printing 1 GB is an output-limit with exactly the cap kept, even when the program swallows the error', async () => {
    const chunk = `'x'.repeat(1 << 20)`;
    const r = await run(`const c = ${chunk}; for (let i = 0; i < 1024; i++) process.stdout.write(c);`);
    expect(r.kind).toBe('output-limit');
    if (r.kind === 'output-limit') expect(r.stdout.length).toBe(DEFAULT_LIMITS.outputBytes);
    const swallowed = await run(`const c = ${chunk}; for (let i = 0; i < 1024; i++) try { console.log(c); } catch {}`);
    expect(swallowed.kind).toBe('output-limit');
  });

  it('process.exit cannot be caught to keep running', async () => {
    const r = await run(
      `import fs from 'fs'; try { process.exit(4); } catch {} fs.writeFileSync('late.txt', 'x'); console.log('late');`,
    );
    expect(r).toMatchObject({ kind: 'exited', code: 4, files: {} });
    expect(out(r)).toBe('');
  });

  it('state left in globalThis, builtins or prototypes by one run is invisible to the next', async () => {
    const dirty = await program(
      `globalThis.leak = 1; Array.prototype.leak = 2; Math.random = () => 0.5; Object.prototype.polluted = true;
       console.log = () => {}; JSON.stringify = () => 'hacked'; process.argv.push('x');`,
    );
    const probe = await program(
      `console.log(typeof leak, [].leak, Math.random() === 0.5, ({}).polluted, JSON.stringify([1]), process.argv.length);`,
    );
    // One worker: both runs share it, one after the other.
    expect((await pool.run(request(dirty))).kind).toBe('exited');
    expect(out(await pool.run(request(probe)))).toBe('undefined undefined false undefined [1] 1\n');
  });
});
