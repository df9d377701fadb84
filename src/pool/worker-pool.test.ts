import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
// eslint-disable-next-line no-restricted-imports -- a Node test: the pool's workers here are real worker threads
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../core/digest.ts';
import { createNodePool } from '../node/node-pool.ts';
import { WorkerPool } from './worker-pool.ts';
import { caseRequest } from '../core/case-request.ts';
import { DEFAULT_LIMITS } from '../core/limits.ts';
import { loadBuiltTarget } from '../node/target-store.ts';

describe('WorkerPool.releaseIdleWorkers', () => {
  it('replaces the idle workers, and the pool then runs the same program to the same bytes', async () => {
    const built = loadBuiltTarget('uuidparse');
    if (built.kind === 'error') throw new Error(built.message);
    const { pack, oracle } = built.value;
    const pool = createNodePool(2);
    try {
      const request = caseRequest(oracle, 'uuidparse', pack.visible[0]!.case, DEFAULT_LIMITS);
      const before = await pool.run(request);
      expect(before.kind).toBe('exited');
      expect(pool.releaseIdleWorkers()).toBe(2);
      const after = await pool.run(request);
      expect({ ...after, ms: 0 }).toEqual({ ...before, ms: 0 });
    } finally {
      await pool.close();
    }
    expect(pool.releaseIdleWorkers()).toBe(0);
  });
});

/**
 * A real worker thread speaking the runner API over comlink, whose behaviour each run picks by argv[1]: it answers
 * (`ok`), exits (`exit`), closes its port and so ends (`close`), throws outside any call (`throw`), or says it is
 * closing, as a browser worker's close() does, and never answers while staying alive (`signal`). `load` dies the same ways when the module's key names the behaviour.
 */
const FAKE_RUNNER = `
const { expose } = require('comlink');
const nodeEndpoint = require('comlink/dist/umd/node-adapter.js');
const { parentPort } = require('node:worker_threads');
const die = (how) => {
  if (how === 'exit') process.exit(3);
  if (how === 'close') parentPort.close();
  if (how === 'throw') setImmediate(() => { throw new Error('boom'); });
  // What a browser worker's close() says first (workers/runner-api.ts); this thread stays alive and silent.
  if (how === 'signal') parentPort.postMessage({ signal: 'mirrorbox:worker-closing' });
  return new Promise(() => {});
};
const empty = () => ({ stdout: new Uint8Array(), stderr: new Uint8Array(), files: {}, ms: 0 });
expose({
  load(key) { if (key.includes('die-on-load-')) return die(key.split('die-on-load-')[1].split('@')[0]); },
  run(key, input) {
    const how = input.argv[1];
    if (how === 'ok') return { kind: 'exited', code: 0, ...empty() };
    // Answers, then ends the thread from a timer the run left behind: the worker dies between runs.
    if (how === 'exit-later') { setTimeout(() => process.exit(5), 20); return { kind: 'exited', code: 0, ...empty() }; }
    return die(how);
  },
  forget() {},
}, nodeEndpoint(parentPort));
`;

function fakePool(onSpawn?: (worker: Worker) => void): WorkerPool {
  return new WorkerPool(() => {
    const worker = new Worker(FAKE_RUNNER, { eval: true });
    onSpawn?.(worker);
    return {
      endpoint: nodeEndpoint(worker),
      terminate: () => void worker.terminate(),
      onCrash: (callback) => {
        worker.on('error', (e) => callback(e.message));
        worker.on('exit', (code) => callback(`exit ${code}`));
      },
    };
  }, 1);
}

describe('WorkerPool: a worker that dies gives its run a crash (a trap) at once, and the next run goes on', () => {
  const built = loadBuiltTarget('uuidparse');
  if (built.kind === 'error') throw new Error(built.message);
  const { bytes } = built.value.oracle;
  const program = (id: string) => ({ id, bytes });
  // Long enough that "at once" cannot be the wall-time watchdog: every death below is known within milliseconds.
  const request = caseRequest(
    program(sha256Hex(bytes)),
    'probe',
    { id: 'x', argv: [] },
    { ...DEFAULT_LIMITS, wallMs: 60_000 },
  );
  const run = (pool: WorkerPool, how: string, id = request.program.id) =>
    pool.run({ ...request, program: program(id), argv: ['probe', how] });

  for (const how of ['exit', 'close', 'throw', 'signal']) {
    it(`during a run (${how})`, { timeout: 20_000 }, async () => {
      const pool = fakePool();
      try {
        const died = await run(pool, how);
        expect(died).toMatchObject({ kind: 'trap', code: 134 });
        if (died.kind === 'trap') expect(died.message).toMatch(/^the worker running the program died: /);
        expect(await run(pool, 'ok')).toMatchObject({ kind: 'exited', code: 0 });
      } finally {
        await pool.close();
      }
    });

    it(`while the program is handed over (${how})`, { timeout: 20_000 }, async () => {
      const pool = fakePool();
      try {
        expect(await run(pool, 'ok', `die-on-load-${how}`)).toMatchObject({ kind: 'trap', code: 134 });
        expect(await run(pool, 'ok')).toMatchObject({ kind: 'exited', code: 0 });
      } finally {
        await pool.close();
      }
    });
  }

  it('a worker that dies between runs is replaced before the next run, which is not charged with its death', async () => {
    const workers: Worker[] = [];
    const pool = fakePool((w) => workers.push(w));
    try {
      expect(await run(pool, 'exit-later')).toMatchObject({ kind: 'exited', code: 0 });
      const first = workers[0]!;
      await new Promise((resolve) => first.once('exit', resolve));
      expect(await run(pool, 'ok')).toMatchObject({ kind: 'exited', code: 0 });
      expect(workers.length).toBeGreaterThan(1);
    } finally {
      await pool.close();
    }
  });

  it('a program that ended its worker three times in a row is not run again; other programs still are', async () => {
    const pool = fakePool();
    try {
      for (let i = 0; i < 3; i++) expect(await run(pool, 'exit', 'killer')).toMatchObject({ kind: 'trap' });
      const refused = await run(pool, 'ok', 'killer');
      expect(refused).toMatchObject({ kind: 'trap', code: 134 });
      if (refused.kind === 'trap') expect(refused.message).toMatch(/not run: this program ended its worker 3 times/);
      expect(await run(pool, 'ok', 'another')).toMatchObject({ kind: 'exited', code: 0 });
    } finally {
      await pool.close();
    }
  });
});
