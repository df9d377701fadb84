import { wrap } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../core/limits.ts';
import type { RunnerWorkerApi } from '../../workers/runner-api.ts';
import { RealmEndpoint } from './candidate-realm.ts';
import type { FromRealmWorker, ToRealmWorker } from './realm-protocol.ts';

/**
 * The page's side of the realm protocol against a hostile worker: the worker end of a real MessageChannel, driven
 * by the test, answers as a program that owns its worker might.
 */
const limits = { ...DEFAULT_LIMITS, outputBytes: 8 };
const input = { argv: ['x'], env: {}, clockNs: 0n, seed: 1, limits };
const exited = (stdout: string) => ({
  kind: 'exited',
  code: 0,
  stdout: new TextEncoder().encode(stdout),
  stderr: new Uint8Array(),
  files: {},
  ms: 1,
});

const open: MessagePort[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

function setUp() {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  const endpoint = new RealmEndpoint(port1);
  const api = wrap<RunnerWorkerApi>(endpoint);
  const crashes: string[] = [];
  endpoint.onCrash((m) => crashes.push(m));
  const calls: Extract<ToRealmWorker, { kind: 'call' }>[] = [];
  const waiting: ((call: Extract<ToRealmWorker, { kind: 'call' }>) => void)[] = [];
  port2.onmessage = (e: MessageEvent<ToRealmWorker>) => {
    if (e.data.kind !== 'call') return;
    const next = waiting.shift();
    if (next) next(e.data);
    else calls.push(e.data);
  };
  const nextCall = () =>
    new Promise<Extract<ToRealmWorker, { kind: 'call' }>>((resolve) => {
      const queued = calls.shift();
      if (queued) resolve(queued);
      else waiting.push(resolve);
    });
  const send = (m: FromRealmWorker) => port2.postMessage(m);
  const crashed = () => new Promise<void>((resolve) => endpoint.onCrash(() => resolve()));
  return { api, crashes, nextCall, send, crashed };
}

describe('RealmEndpoint (the page believes nothing a realm worker says)', () => {
  it('passes an answer to the pending call, rebuilt, with nothing but its fields', async () => {
    const { api, nextCall, send, crashes } = setUp();
    const running = api.runScript('k', input);
    const call = await nextCall();
    expect(call.method).toBe('runScript');
    expect(call.nonce).toMatch(/^[0-9a-f]{32}$/);
    send({ kind: 'answer', nonce: call.nonce, ok: true, value: { ...exited('hi\n'), extra: 'dropped' } });
    const result = await running;
    expect(result).toEqual(exited('hi\n'));
    expect(crashes).toEqual([]);
  });

  it('fails the run as a crash when the answer names another call (a guessed or replayed nonce)', async () => {
    const { api, nextCall, send, crashes, crashed } = setUp();
    void api.runScript('k', input);
    const first = await nextCall();
    send({ kind: 'answer', nonce: 'f'.repeat(32), ok: true, value: exited('forged') });
    await crashed();
    expect(crashes).toEqual(['the worker answered a call that is not pending on it']);
    // The real answer, coming late, is not believed either.
    send({ kind: 'answer', nonce: first.nonce, ok: true, value: exited('late') });
    expect(crashes).toHaveLength(1);
  });

  it('fails the next run when a worker answers it with the nonce of the run before (a replay)', async () => {
    const { api, nextCall, send, crashes, crashed } = setUp();
    const one = api.runScript('k', input);
    const first = await nextCall();
    send({ kind: 'answer', nonce: first.nonce, ok: true, value: exited('one\n') });
    expect((await one).kind).toBe('exited');
    void api.runScript('k', input);
    const second = await nextCall();
    expect(second.nonce).not.toBe(first.nonce);
    send({ kind: 'answer', nonce: first.nonce, ok: true, value: exited('two\n') });
    await crashed();
    expect(crashes).toEqual(['the worker answered a call that is not pending on it']);
  });

  it('fails the run as a crash on a result outside the run’s limits or of no known shape', async () => {
    for (const value of [
      exited('more than eight bytes'),
      { ...exited(''), kind: 'solved' },
      { ...exited(''), code: 'zero' },
      { ...exited(''), kind: 'timeout', limitMs: 1 },
      { ...exited(''), files: { big: new Uint8Array(DEFAULT_LIMITS.fileBytes + 1) } },
      { ...exited(''), stdout: 'text' },
      'exited',
    ]) {
      const { api, nextCall, send, crashes, crashed } = setUp();
      void api.runScript('k', input);
      send({ kind: 'answer', nonce: (await nextCall()).nonce, ok: true, value });
      await crashed();
      expect(crashes[0]).toMatch(/^the worker's answer is not valid: /);
    }
  });

  it('fails the run as a crash when the worker says its realm was changed', async () => {
    const { api, nextCall, send, crashes, crashed } = setUp();
    void api.runScript('k', input);
    send({ kind: 'tainted', nonce: (await nextCall()).nonce, message: 'the global object gained or lost a property' });
    await crashed();
    expect(crashes).toEqual(['the program changed its worker: the global object gained or lost a property']);
  });

  it('copies a short view out of the large buffer it came in', async () => {
    const { api, nextCall, send } = setUp();
    const running = api.runScript('k', input);
    const big = new Uint8Array(1 << 20);
    big.set([104, 105], 100);
    send({
      kind: 'answer',
      nonce: (await nextCall()).nonce,
      ok: true,
      value: { ...exited(''), stdout: big.subarray(100, 102) },
    });
    const result = await running;
    if (result.kind !== 'exited') throw new Error(result.kind);
    expect(result.stdout.buffer.byteLength).toBe(2);
    expect(new TextDecoder().decode(result.stdout)).toBe('hi');
  });
});
