import { wrap, type Endpoint, type Remote } from 'comlink';
import type { Program, RunRequest } from '../core/run-request.ts';
import { TRAP_EXIT_CODE } from '../core/environment.ts';
import { noOutput, type RunResult } from '../core/run-result.ts';
import type { RunOptions, Runner } from '../core/runner.ts';
import { ModuleCache } from '../runtimes/shim/module-cache.ts';
import { notReady } from '../runtimes/shim/not-ready.ts';
import type { RunnerWorkerApi, WorkerRunInput } from '../../workers/runner-api.ts';
import { isWorkerClosing } from './worker-signals.ts';

/** A started worker as the pool needs it, whatever the platform (Web Worker or worker_threads). */
export interface SpawnedWorker {
  endpoint: Endpoint;
  terminate(): void;
  /** Registers a callback for the worker dying on its own (host out of memory, internal error). */
  onCrash(callback: (message: string) => void): void;
}

export type SpawnWorker = () => SpawnedWorker;

/**
 * A worker whose run outlives its wall-time limit by this much is terminated from outside. Programs that make
 * system calls are stopped earlier, inside the worker, keeping their partial output. Terminating loses that output,
 * and on a loaded machine the worker's own deadline check was seen to come more than 50 ms after the watchdog's timer
 * (which also counts the hand-over to the worker): a quarter of the limit, between 50 and 250 ms, keeps clean
 * timeouts clean without making a suite of short-limit endless loops much slower.
 */
function watchdogGraceMs(wallMs: number): number {
  return Math.min(250, Math.max(50, wallMs / 4));
}

interface Slot {
  worker: SpawnedWorker;
  api: Remote<RunnerWorkerApi>;
  loaded: Set<string>;
  crashed: Promise<string>;
  /** Set once `crashed` resolves: a worker can die between runs (a timer its last program left behind). */
  dead: boolean;
}

/**
 * What the pool needs to start one run in a slot, whatever the kind of program: a key under which the worker keeps
 * the program, how to hand it over once, and how to start a run of it.
 */
type Job =
  | {
      kind: 'ready';
      key: string;
      load(api: Remote<RunnerWorkerApi>): Promise<string | undefined>;
      /** Awaited before every run, outside its wall time: an engine restarting after the previous run. */
      settle?(api: Remote<RunnerWorkerApi>): Promise<string | undefined>;
      start: Start;
    }
  | { kind: 'not-ready'; result: RunResult };
type Start = (api: Remote<RunnerWorkerApi>, input: WorkerRunInput) => Promise<RunResult>;

/**
 * Runs programs in a fixed set of workers. Modules are compiled once on the calling thread and posted to each worker
 * once; script programs are posted as source, and the worker loads their engine the first time it needs it. A run
 * that passes its deadline, is cancelled or kills its worker gets a fresh worker in its place.
 */
export class WorkerPool implements Runner {
  private readonly idle: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private readonly cache = new ModuleCache();
  /** A started worker kept ready once any worker had to be replaced: runaway candidates tend to come in series. */
  private spare: Slot | undefined;
  private closed = false;
  /** How many runs in a row of each program (by job key) ended their worker. */
  private readonly deaths = new Map<string, number>();

  constructor(
    private readonly spawn: SpawnWorker,
    readonly size: number,
  ) {
    if (size < 1) throw new RangeError('a pool needs at least one worker');
    for (let i = 0; i < size; i++) this.idle.push(this.startSlot());
  }

  async run(request: RunRequest<Program>, options: RunOptions = {}): Promise<RunResult> {
    if (this.closed) throw new Error('the worker pool is closed');
    const job = await this.prepare(request);
    if (job.kind === 'not-ready') return job.result;
    const { key } = job;
    const deaths = this.deaths.get(key) ?? 0;
    if (deaths >= MAX_WORKER_DEATHS) {
      // No correct program can end its worker: one that did so again and again is not run again, so that a suite
      // of it ends in moments instead of paying a fresh worker (seconds, for Python) per case.
      return workerDied({ message: `not run: this program ended its worker ${deaths} times in a row` }, 0);
    }
    const died = (outcome: { message: string }, ms: number): RunResult => {
      this.deaths.set(key, (this.deaths.get(key) ?? 0) + 1);
      return workerDied(outcome, ms);
    };
    const slot = await this.acquire();
    let replace = false;
    try {
      if (options.signal?.aborted) return stopped('cancelled', request, 0);
      const started = performance.now();
      /** A set-up step's failure as the run's result; undefined when the step went through. */
      const failedSetUp = async (step: Promise<string | undefined>): Promise<RunResult | undefined> => {
        const outcome = await unlessDead(slot, step, options.signal);
        if (outcome.kind === 'done')
          return outcome.value === undefined ? undefined : { kind: 'invalid-module', message: outcome.value, ms: 0 };
        replace = true;
        return outcome.kind === 'aborted' ? stopped('cancelled', request, 0) : died(outcome, 0);
      };
      if (!slot.loaded.has(key)) {
        const failed = await failedSetUp(job.load(slot.api));
        if (failed) return failed;
        slot.loaded.add(key);
      }
      if (job.settle) {
        const failed = await failedSetUp(job.settle(slot.api));
        if (failed) return failed;
      }
      const { program: _program, ...input } = request;
      const outcome = await race(
        slot,
        job.start(slot.api, input),
        request.limits.wallMs + watchdogGraceMs(request.limits.wallMs),
        options.signal,
      );
      const ms = performance.now() - started;
      switch (outcome.kind) {
        case 'done':
          this.deaths.delete(key);
          // A run that handed back many bytes leaves as much garbage in its worker, which V8 collects late or not
          // at all while the worker goes from run to run: a fresh worker frees it at once, for a few milliseconds.
          if (resultBytes(outcome.result) >= HEAVY_RESULT_BYTES) replace = true;
          return outcome.result;
        case 'deadline':
          replace = true;
          return stopped('timeout', request, ms);
        case 'aborted':
          replace = true;
          return stopped('cancelled', request, ms);
        default:
          replace = true;
          return died(outcome, ms);
      }
    } finally {
      this.release(replace ? this.replaceSlot(slot) : slot);
    }
  }

  /** Compiles a module (once, through the cache) or names a script program; nothing touches a worker yet. */
  private async prepare(request: RunRequest<Program>): Promise<Job> {
    const { program } = request;
    if (program.kind === 'script') {
      const key = `script:${program.engine}:${program.id}`;
      return {
        kind: 'ready',
        key,
        // Loading awaits the engine's first start in that worker, so it stays outside the run's wall time.
        load: (api) => api.loadScript(key, program),
        ...(program.engine === 'pyodide' ? { settle: (api: Remote<RunnerWorkerApi>) => api.pythonReady() } : {}),
        start: (api, input) => api.runScript(key, input),
      };
    }
    const prepared = await this.cache.get(program, request.limits.memoryBytes);
    if (prepared.kind !== 'ready') return { kind: 'not-ready', result: notReady(prepared, request) };
    const key = ModuleCache.key(program, request.limits.memoryBytes);
    return {
      kind: 'ready',
      key,
      load: async (api) => {
        await api.load(key, prepared.module);
        return undefined;
      },
      start: (api, input) => api.run(key, input),
    };
  }

  /**
   * Replaces every idle worker with a fresh one, for a page that ran out of WebAssembly memory elsewhere: Chromium
   * counts all of a page's workers' memories against one limit, and a worker that has gone idle may keep the
   * memories of its finished runs uncollected for a long time. Ending it frees them at once; the cost is reloading
   * modules (milliseconds) and script engines (seconds for Pyodide) in the new workers when they are next used.
   * Running workers are left alone. Returns how many were replaced.
   */
  releaseIdleWorkers(): number {
    if (this.closed) return 0;
    const idle = this.idle.splice(0);
    for (const slot of idle) this.idle.push(this.freshSlot(slot));
    return idle.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.idle.splice(0)) slot.worker.terminate();
    this.spare?.worker.terminate();
    this.spare = undefined;
  }

  private startSlot(): Slot {
    const worker = this.spawn();
    const crashed = new Promise<string>((resolve) => {
      worker.onCrash(resolve);
      worker.endpoint.addEventListener('message', (event) => {
        if (isWorkerClosing((event as MessageEvent).data)) resolve('it closed itself');
      });
    });
    const slot: Slot = { worker, api: wrap<RunnerWorkerApi>(worker.endpoint), loaded: new Set(), crashed, dead: false };
    void crashed.then(() => (slot.dead = true));
    return slot;
  }

  private replaceSlot(slot: Slot): Slot {
    slot.worker.terminate();
    if (this.closed) return slot;
    const next = this.spare ?? this.startSlot();
    this.spare = this.startSlot();
    return next;
  }

  /** Like replaceSlot, without using or making a spare: nothing here suggests runaway programs. */
  private freshSlot(slot: Slot): Slot {
    slot.worker.terminate();
    return this.startSlot();
  }

  private acquire(): Promise<Slot> {
    const slot = this.idle.pop();
    // A worker that died while idle is replaced before it is used, so the next run is not charged with its death.
    if (slot) return Promise.resolve(slot.dead ? this.freshSlot(slot) : slot);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    if (this.closed) {
      slot.worker.terminate();
      return;
    }
    const next = this.waiting.shift();
    if (next) next(slot.dead ? this.freshSlot(slot) : slot);
    else this.idle.push(slot);
  }
}

type Outcome =
  | { kind: 'done'; result: RunResult }
  | { kind: 'deadline' }
  | { kind: 'aborted' }
  | { kind: 'crashed'; message: string };

function race(slot: Slot, run: Promise<RunResult>, ms: number, signal: AbortSignal | undefined): Promise<Outcome> {
  // `finish` stays reachable from the slot's `crashed` for the worker's life. So it must not hold the run's result:
  // `resolve` is dropped once settled, and `run` is only used here, outside every closure (a closure would keep it,
  // and with it every result — a flood each — in the context all of this call's closures share).
  let settle: ((outcome: Outcome) => void) | undefined;
  const outcome = new Promise<Outcome>((resolve) => (settle = resolve));
  const timer = setTimeout(() => finish({ kind: 'deadline' }), ms);
  const onAbort = (): void => finish({ kind: 'aborted' });
  signal?.addEventListener('abort', onAbort, { once: true });
  function finish(result: Outcome): void {
    const done = settle;
    if (!done) return;
    settle = undefined;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    done(result);
  }
  run.then(
    (result) => finish({ kind: 'done', result }),
    (error: unknown) => finish({ kind: 'crashed', message: error instanceof Error ? error.message : String(error) }),
  );
  void slot.crashed.then((message) => finish({ kind: 'crashed', message }));
  return outcome;
}

type SetUpOutcome<T> = { kind: 'done'; value: T } | { kind: 'aborted' } | { kind: 'crashed'; message: string };

/** A worker's set-up step, unless the worker dies, the run is cancelled or the step never answers (a hung worker). */
function unlessDead<T>(slot: Slot, step: Promise<T>, signal: AbortSignal | undefined): Promise<SetUpOutcome<T>> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: SetUpOutcome<T>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    // Generous: a script engine's first start (Pyodide) takes seconds, more on a loaded machine.
    const timer = setTimeout(
      () => finish({ kind: 'crashed', message: `no answer in ${SETUP_LIMIT_MS / 1000} s` }),
      SETUP_LIMIT_MS,
    );
    const onAbort = (): void => finish({ kind: 'aborted' });
    signal?.addEventListener('abort', onAbort, { once: true });
    step.then(
      (value) => finish({ kind: 'done', value }),
      (error: unknown) => finish({ kind: 'crashed', message: error instanceof Error ? error.message : String(error) }),
    );
    void slot.crashed.then((message) => finish({ kind: 'crashed', message }));
  });
}

/** Worker deaths in a row after which a program is no longer run (see `run`). */
const MAX_WORKER_DEATHS = 3;

/** Bytes of output and files above which a run's worker is replaced after it (see `run`). */
const HEAVY_RESULT_BYTES = 16 * 1024 * 1024;

function resultBytes(result: RunResult): number {
  if (!('stdout' in result)) return 0;
  let total = result.stdout.length + result.stderr.length;
  for (const data of Object.values(result.files)) total += data.length;
  return total;
}

/** How long handing a program to a worker (and starting its engine) may take before the worker is given up. */
const SETUP_LIMIT_MS = 120_000;

function workerDied(outcome: { message: string }, ms: number): RunResult {
  return {
    kind: 'trap',
    code: TRAP_EXIT_CODE,
    message: `the worker running the program died: ${outcome.message}`,
    ...noOutput(ms),
  };
}

function stopped(kind: 'timeout' | 'cancelled', request: RunRequest<Program>, ms: number): RunResult {
  return kind === 'timeout' ? { kind, limitMs: request.limits.wallMs, ...noOutput(ms) } : { kind, ...noOutput(ms) };
}
