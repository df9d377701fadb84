/**
 * The candidate realm: where the page runs candidate code (Tests, Submit, the Python syntax check). A hidden
 * `<iframe sandbox="allow-scripts">` made from `srcdoc` has an opaque origin: no IndexedDB, no Cache Storage, no
 * cookies, nothing of the page's origin to fetch, and its own CSP (a `<meta>` in the srcdoc) allows no connection at
 * all. Its workers start from blob: URLs of one bundle the page fetched (workers/candidate-realm.worker.ts) and get
 * Pyodide's bytes from the page; packs and oracles stay in the page's own pool and are never reachable from here.
 *
 * Each worker gets a MessagePort of the page's; the page speaks to it through `RealmEndpoint`, which stands between
 * the pool's comlink calls and the worker and believes nothing it says: every call carries a fresh random nonce,
 * an answer must carry the nonce of the call pending on that worker, and a run's result must be a well-formed
 * RunResult within that run's limits (untrusted-result.ts). Anything else ends the pending run as a crash, and the
 * pool replaces the worker.
 */
import type { Endpoint } from 'comlink';
import type { Limits } from '../core/limits.ts';
import type { Program, RunRequest } from '../core/run-request.ts';
import type { RunResult } from '../core/run-result.ts';
import type { RunOptions } from '../core/runner.ts';
import { ModuleCache } from '../runtimes/shim/module-cache.ts';
import { WorkerPool, type SpawnedWorker } from '../pool/worker-pool.ts';
import {
  PYODIDE_FILE_NAMES,
  REALM_METHODS,
  type FromRealmFrame,
  type FromRealmWorker,
  type PyodideFiles,
  type RealmMethod,
  type ToRealmFrame,
  type ToRealmWorker,
} from './realm-protocol.ts';
import { MAX_MESSAGE_CHARS, untrustedRunResult } from '../core/untrusted-result.ts';

/**
 * The realm's CSP. No `connect-src` (so `default-src 'none'` refuses fetch, XHR, WebSocket, EventSource, even to
 * blob: URLs), scripts only from blob: URLs and the frame's one inline script (by hash), WebAssembly compilation for
 * the engines, workers only from blob: URLs.
 */
export function realmCsp(scriptHash: string): string {
  return `default-src 'none'; script-src '${scriptHash}' blob: 'wasm-unsafe-eval'; worker-src blob:`;
}

/**
 * The frame's script: keeps the control port the page hands it (from the parent only, once), makes one blob: URL of
 * the worker bundle, starts and ends workers on request, and reports a worker's errors. Worker messages to the frame
 * are ignored: a worker talks to the page only over its own port.
 */
export const FRAME_SCRIPT = `(() => {
  let control;
  addEventListener('message', (event) => {
    if (control || event.source !== parent || !event.ports[0]) return;
    control = event.ports[0];
    let url;
    const workers = new Map();
    const crashed = (id, message) => {
      if (!workers.has(id)) return;
      control.postMessage({ kind: 'crashed', id, message });
    };
    control.onmessage = ({ data }) => {
      if (data.kind === 'code') {
        url = URL.createObjectURL(new Blob([data.source], { type: 'text/javascript' }));
      } else if (data.kind === 'spawn') {
        const id = data.id;
        let worker;
        try {
          worker = new Worker(url);
        } catch (e) {
          workers.set(id, undefined);
          crashed(id, 'cannot start a worker: ' + e);
          return;
        }
        workers.set(id, worker);
        worker.onerror = (e) => {
          e.preventDefault();
          crashed(id, e.message || 'worker error');
        };
        worker.onmessageerror = () => crashed(id, 'a message from the worker could not be read');
        worker.postMessage({ port: data.port }, [data.port]);
      } else if (data.kind === 'terminate') {
        workers.get(data.id)?.terminate();
        workers.delete(data.id);
      }
    };
    control.postMessage({ kind: 'ready' });
  });
})();`;

async function sha256Base64(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let binary = '';
  for (const b of digest) binary += String.fromCharCode(b);
  return `sha256-${btoa(binary)}`;
}

export async function realmSrcdoc(): Promise<string> {
  const csp = realmCsp(await sha256Base64(FRAME_SCRIPT));
  return `<!doctype html><meta http-equiv="Content-Security-Policy" content="${csp}"><script>${FRAME_SCRIPT}</script>`;
}

/** The realm's frame with its control port, and the worker bundle handed to it. */
interface Realm {
  control: MessagePort;
  crashes: Map<number, (message: string) => void>;
}

let realmStarted: Promise<Realm> | undefined;

function bundleUrl(): string {
  const path = import.meta.env.MIRRORBOX_REALM_WORKER as string | undefined;
  if (path === undefined) throw new Error('this build has no candidate realm (scripts/vite-candidate-realm-plugin.ts)');
  return `${import.meta.env.BASE_URL}${path}`;
}

/** Starts the realm once per page: the frame, its control port, the worker bundle (fetched now, not at load). */
function realm(): Promise<Realm> {
  realmStarted ??= (async () => {
    const [source, srcdoc] = await Promise.all([
      fetch(bundleUrl()).then(async (r) => {
        if (!r.ok) throw new Error(`the candidate realm's worker did not load (HTTP ${r.status})`);
        return r.text();
      }),
      realmSrcdoc(),
    ]);
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.title = 'candidate realm';
    frame.dataset.mirrorboxRealm = '';
    frame.style.display = 'none';
    frame.srcdoc = srcdoc;
    const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
    document.body.append(frame);
    await loaded;
    const { port1, port2 } = new MessageChannel();
    const crashes = new Map<number, (message: string) => void>();
    const ready = new Promise<void>((resolve) => {
      port1.onmessage = ({ data }: MessageEvent<FromRealmFrame>) => {
        if (data.kind === 'ready') resolve();
        else if (data.kind === 'crashed') crashes.get(data.id)?.(String(data.message).slice(0, MAX_MESSAGE_CHARS));
      };
    });
    frame.contentWindow?.postMessage('mirrorbox-realm', '*', [port2]);
    await ready;
    const code: ToRealmFrame = { kind: 'code', source };
    port1.postMessage(code);
    return { control: port1, crashes };
  })();
  realmStarted.catch(() => (realmStarted = undefined));
  return realmStarted;
}

let pyodideBytes: Promise<PyodideFiles> | undefined;

/** Pyodide's files from the page's origin, fetched once per page and copied to each worker that asks. */
function pyodideFiles(): Promise<PyodideFiles> {
  pyodideBytes ??= (async () => {
    const served = import.meta.env.MIRRORBOX_PYODIDE_DIR as string | undefined;
    if (served === undefined) throw new Error('this build does not serve Pyodide (scripts/vite-pyodide-plugin.ts)');
    const base = `${import.meta.env.BASE_URL}${served}`;
    const entries = await Promise.all(
      PYODIDE_FILE_NAMES.map(async (name) => {
        const response = await fetch(`${base}${name}`);
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
        return [name, await response.arrayBuffer()] as const;
      }),
    );
    return Object.fromEntries(entries) as PyodideFiles;
  })();
  pyodideBytes.catch(() => (pyodideBytes = undefined));
  return pyodideBytes;
}

let nextWorkerId = 1;

/** A fresh random name for one call: 128 bits, never derived from anything the worker has seen. */
function nonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

interface Pending {
  nonce: string;
  id: string;
  method: RealmMethod;
  limits?: Limits;
}

type ComlinkListener = (event: { data: unknown }) => void;

/**
 * The comlink endpoint the pool talks to for one realm worker. Comlink's calls (APPLY of a runner method) become
 * the realm protocol's calls with a nonce; the worker's answers are checked and become comlink's answers. One call
 * at a time is in flight on a worker (the pool never overlaps them); comlink's RELEASE is answered here.
 */
export class RealmEndpoint implements Endpoint {
  private readonly listeners = new Set<ComlinkListener>();
  private pending: Pending[] = [];
  private crashListeners: ((message: string) => void)[] = [];
  private crashedWith: string | undefined;
  private askedForPyodide = false;

  constructor(private readonly port: MessagePort) {
    port.onmessage = (event: MessageEvent<unknown>) => this.fromWorker(event.data);
    port.onmessageerror = () => this.crash('a message from the worker could not be read');
  }

  postMessage(message: unknown): void {
    if (this.crashedWith !== undefined) return;
    const call = message as { id?: unknown; type?: unknown; path?: unknown; argumentList?: unknown };
    const id = typeof call.id === 'string' ? call.id : '';
    if (call.type === 'RELEASE') {
      this.answer(id, { type: 'RAW', value: undefined });
      return;
    }
    const method = Array.isArray(call.path) && call.path.length === 1 ? (call.path[0] as RealmMethod) : undefined;
    const wire = Array.isArray(call.argumentList) ? (call.argumentList as { type?: unknown; value?: unknown }[]) : [];
    if (call.type !== 'APPLY' || !method || !REALM_METHODS.includes(method) || wire.some((w) => w.type !== 'RAW')) {
      this.answer(id, thrown(`the candidate realm offers no ${String(call.type)} ${String(call.path)}`));
      return;
    }
    const args = wire.map((w) => w.value);
    if (method === 'load') {
      const wasm = moduleBytes.get(String(args[0]));
      if (!wasm) {
        this.answer(id, thrown(`no bytes for the module ${String(args[0])}`));
        return;
      }
      args[1] = wasm;
    }
    const pending: Pending = { nonce: nonce(), id, method };
    if (method === 'run' || method === 'runScript') pending.limits = (args[1] as { limits: Limits }).limits;
    this.pending.push(pending);
    const out: ToRealmWorker = { kind: 'call', nonce: pending.nonce, method, args };
    this.port.postMessage(out);
  }

  addEventListener(type: string, listener: EventListenerOrEventListenerObject): void {
    if (type === 'message') this.listeners.add(listener as unknown as ComlinkListener);
  }

  removeEventListener(type: string, listener: EventListenerOrEventListenerObject): void {
    if (type === 'message') this.listeners.delete(listener as unknown as ComlinkListener);
  }

  onCrash(callback: (message: string) => void): void {
    if (this.crashedWith !== undefined) callback(this.crashedWith);
    else this.crashListeners.push(callback);
  }

  /** The worker can no longer be believed: its pending run fails as a crash, and nothing it says counts. */
  crash(message: string): void {
    if (this.crashedWith !== undefined) return;
    this.crashedWith = message;
    this.port.onmessage = null;
    this.port.close();
    for (const callback of this.crashListeners.splice(0)) callback(message);
  }

  close(): void {
    this.crashedWith ??= 'terminated';
    this.port.onmessage = null;
    this.port.close();
  }

  private fromWorker(data: unknown): void {
    if (this.crashedWith !== undefined) return;
    const message = data as FromRealmWorker | null;
    if (typeof message !== 'object' || message === null) return this.crash('the worker sent something else');
    if (message.kind === 'need-pyodide') {
      if (this.askedForPyodide) return this.crash('the worker asked for Pyodide twice');
      this.askedForPyodide = true;
      void pyodideFiles().then(
        (files) => this.toWorker({ kind: 'pyodide', files }),
        (e: unknown) => this.toWorker({ kind: 'pyodide-missing', message: `Pyodide did not load: ${String(e)}` }),
      );
      return;
    }
    const pending = this.pending[0];
    if (!pending || typeof message.nonce !== 'string' || message.nonce !== pending.nonce)
      return this.crash('the worker answered a call that is not pending on it');
    this.pending.shift();
    if (message.kind === 'tainted') return this.crash(`the program changed its worker: ${text(message.message)}`);
    if (message.kind !== 'answer') return this.crash('the worker sent something else');
    if (!message.ok) return this.answer(pending.id, thrown(text(message.message)));
    const value = checkedValue(pending, message.value);
    if ('invalid' in value) return this.crash(`the worker's answer is not valid: ${value.invalid}`);
    this.answer(pending.id, { type: 'RAW', value: value.ok });
  }

  private toWorker(message: ToRealmWorker): void {
    if (this.crashedWith === undefined) this.port.postMessage(message);
  }

  private answer(id: string, wire: Record<string, unknown>): void {
    const data = { ...wire, id };
    for (const listener of this.listeners) listener({ data });
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, MAX_MESSAGE_CHARS) : 'no message';
}

function thrown(message: string): Record<string, unknown> {
  return { type: 'HANDLER', name: 'throw', value: { isError: true, value: { message, name: 'Error' } } };
}

/** The value a method may answer with, rebuilt; or why the answer is not one. */
function checkedValue(pending: Pending, value: unknown): { ok: unknown } | { invalid: string } {
  switch (pending.method) {
    case 'load':
    case 'forget':
      return value === undefined ? { ok: undefined } : { invalid: `${pending.method} answers nothing` };
    case 'loadScript':
    case 'pythonReady':
      return value === undefined || typeof value === 'string'
        ? { ok: value === undefined ? undefined : text(value) }
        : { invalid: `${pending.method} answers a message or nothing` };
    case 'run':
    case 'runScript': {
      const result = untrustedRunResult(value, pending.limits as Limits);
      return typeof result === 'string' ? { invalid: result } : { ok: result };
    }
  }
}

/** Starts one realm worker: its port now (calls queue in it), the worker itself once the realm is up. */
export function spawnRealmWorker(): SpawnedWorker {
  const id = nextWorkerId++;
  const { port1, port2 } = new MessageChannel();
  const endpoint = new RealmEndpoint(port1);
  let gone = false;
  const started = realm().then(
    (r) => {
      if (gone) return r;
      r.crashes.set(id, (message) => endpoint.crash(message));
      const spawn: ToRealmFrame = { kind: 'spawn', id, port: port2 };
      r.control.postMessage(spawn, [port2]);
      return r;
    },
    (e: unknown) => {
      endpoint.crash(`the candidate realm did not start: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    },
  );
  return {
    endpoint,
    terminate() {
      gone = true;
      endpoint.close();
      void started.then((r) => {
        if (!r) return;
        r.crashes.delete(id);
        const end: ToRealmFrame = { kind: 'terminate', id };
        r.control.postMessage(end);
      });
    },
    onCrash: (callback) => endpoint.onCrash(callback),
  };
}

/**
 * The bytes of the WASI modules runs asked for, under the pool's key for each (program and memory limit). A compiled
 * WebAssembly.Module cannot cross into another agent cluster (the opaque origin's), so the realm's workers get the
 * bytes and compile them themselves, once per worker like the page's pool hands a module once per worker.
 */
const moduleBytes = new Map<string, { bytes: Uint8Array; memoryBytes: number }>();
const MODULES_KEPT = 16;

/** A WorkerPool of realm workers: it remembers each WASI program's bytes for its workers to compile. */
class RealmPool extends WorkerPool {
  override run(request: RunRequest<Program>, options?: RunOptions): Promise<RunResult> {
    const { program } = request;
    if (program.kind !== 'script') {
      const key = ModuleCache.key(program, request.limits.memoryBytes);
      moduleBytes.delete(key);
      moduleBytes.set(key, { bytes: program.bytes, memoryBytes: request.limits.memoryBytes });
      while (moduleBytes.size > MODULES_KEPT) moduleBytes.delete(moduleBytes.keys().next().value as string);
    }
    return super.run(request, options);
  }
}

/** A pool of realm workers, sized like the page's (at least 1, at most 8). */
export function createRealmPool(size = Math.min(8, Math.max(1, navigator.hardwareConcurrency || 2))): WorkerPool {
  return new RealmPool(spawnRealmWorker, size);
}
