/**
 * The candidate realm's worker: the runner (runner-api.ts) in a worker of the opaque origin that
 * src/browser/candidate-realm.ts sets up, started from a blob: URL by the realm's iframe. Bundled into one classic
 * script by scripts/vite-candidate-realm-plugin.ts: it can load nothing, so QuickJS is inside the bundle and
 * Pyodide's files are handed over by the page on request.
 *
 * Candidate code may own this realm (an escape from its engine), so the worker is built to make that worth nothing:
 * it holds no secret, talks only over the port the page gave it with functions captured before any program ran,
 * and after every script run checks that the realm's built-ins are as they were (realm-seal.ts); a changed realm,
 * or a program that closed the worker, ends the run as tainted and the page replaces the worker.
 */
import { RealmSeal } from '../src/browser/realm-seal.ts';
import type { FromRealmWorker, PyodideFiles, RealmMethod, ToRealmWorker } from '../src/browser/realm-protocol.ts';
import { locatePyodideWith } from '../src/runtimes/pyodide/engine.ts';
import { prepareModule } from '../src/runtimes/shim/prepare.ts';
import { createRunnerWorkerApi } from './runner-api.ts';
import { checkWorkerCsp, cspRefusal } from './csp-self-check.ts';

// Started before anything else runs here; every call waits for it (see handle).
const cspChecked = checkWorkerCsp();

const apply = Reflect.apply;
const postToPort = MessagePort.prototype.postMessage;
const dataOf = (Reflect.getOwnPropertyDescriptor(MessageEvent.prototype, 'data') as PropertyDescriptor).get as (
  this: MessageEvent,
) => unknown;
const setTimer = setTimeout;
const clearTimer = clearTimeout;
const clearRepeat = clearInterval;

/** Set when the program called close(): the worker would stop taking messages after this run. */
let closeAttempt: string | undefined;

/**
 * `close()` from a program would leave the page waiting for answers that never come. The native function is
 * replaced on the global and its prototype before any program runs, and is not kept anywhere a program can reach.
 */
function neuterClose(): void {
  const refuse = function close(): void {
    closeAttempt ??= 'the program tried to close its worker';
  };
  for (let o: object | null = globalThis; o && o !== Object.prototype; o = Reflect.getPrototypeOf(o))
    if (Reflect.getOwnPropertyDescriptor(o, 'close'))
      Reflect.defineProperty(o, 'close', { value: refuse, writable: true, configurable: true, enumerable: true });
}

/**
 * Lets whatever a run left queued happen now, before the check: timers are cleared (ids are sequential in a
 * worker, so every one below a fresh id is all of them), then one macrotask lets pending microtasks run.
 */
async function drain(): Promise<void> {
  const top = apply(setTimer, globalThis, [() => undefined, 0]) as unknown as number;
  for (let id = 1; id <= top; id++) {
    apply(clearTimer, globalThis, [id]);
    apply(clearRepeat, globalThis, [id]);
  }
  await new Promise<void>((resolve) => apply(setTimer, globalThis, [resolve, 0]));
}

function serve(port: MessagePort): void {
  const send = (message: FromRealmWorker, transfer: Transferable[] = []): void => {
    apply(postToPort, port, [message, transfer]);
  };
  let pyodideFiles: ((files: PyodideFiles | string) => void) | undefined;
  const pyodideArrived = new Promise<PyodideFiles | string>((resolve) => (pyodideFiles = resolve));
  let askedForPyodide = false;
  // Set when Pyodide (re)starts: the one change to the realm that is mirrorbox's own after the first load.
  let pyodideStarting = false;
  locatePyodideWith(async () => {
    pyodideStarting = true;
    if (!askedForPyodide) {
      askedForPyodide = true;
      send({ kind: 'need-pyodide' });
    }
    const files = await pyodideArrived;
    if (typeof files === 'string') throw new Error(files);
    return pyodideFrom(files);
  });
  // Before the runner's API, which makes the global's close() final (for the page's pool: it signals, then closes):
  // here that close() must be the one that only records the attempt, or a program's close() ends the worker.
  neuterClose();
  const api = createRunnerWorkerApi();
  const seal = new RealmSeal();
  seal.take();
  let queue: Promise<void> = Promise.resolve();
  // Only a script engine can reach the realm: until one ran here, nothing can have changed it.
  let scriptsRan = false;

  const handle = async (nonce: string, method: RealmMethod, given: unknown[]): Promise<void> => {
    // The realm's CSP comes from the frame's <meta>, whatever the host sends; if a browser did not apply it, this
    // worker could reach the network, so it runs nothing.
    const csp = await cspChecked;
    if (csp.kind === 'missing') {
      send({ kind: 'answer', nonce, ok: false, message: cspRefusal(csp, "the candidate realm's worker") });
      return;
    }
    const before = closeAttempt ?? (scriptsRan ? seal.broken() : undefined);
    if (before !== undefined) {
      send({ kind: 'tainted', nonce, message: before });
      return;
    }
    let answer: FromRealmWorker;
    let args = given;
    try {
      if (method === 'load') args = [args[0], await compiled(args[1] as { bytes: Uint8Array; memoryBytes: number })];
      const call = api[method] as (...a: unknown[]) => unknown;
      answer = { kind: 'answer', nonce, ok: true, value: await apply(call, api, args) };
    } catch (e) {
      answer = { kind: 'answer', nonce, ok: false, message: e instanceof Error ? e.message : String(e) };
    }
    if (method === 'runScript') {
      scriptsRan = true;
      await drain();
      const after = closeAttempt ?? seal.broken();
      if (after !== undefined) {
        send({ kind: 'tainted', nonce, message: after });
        return;
      }
    } else if (method === 'loadScript' || (method === 'pythonReady' && pyodideStarting)) {
      // Starting an engine changes the realm (Pyodide closes code generation, adds its objects): the realm was
      // clean before (checked above, and nothing but the engine ran since), so this is the new state to hold.
      // pythonReady comes before every Python run and mostly finds the engine up: then there is nothing to take.
      seal.take();
    }
    if (method !== 'runScript') pyodideStarting = false;
    send(answer);
  };

  port.onmessage = (event) => {
    const message = apply(dataOf, event, []) as ToRealmWorker;
    if (message.kind === 'pyodide') pyodideFiles?.(message.files);
    else if (message.kind === 'pyodide-missing') pyodideFiles?.(message.message);
    else if (message.kind === 'call') queue = queue.then(() => handle(message.nonce, message.method, message.args));
  };
}

/** A module compiled from the bytes the page sent (the page checked them already, with the same function). */
async function compiled(wasm: { bytes: Uint8Array; memoryBytes: number }): Promise<WebAssembly.Module> {
  const prepared = await prepareModule(wasm.bytes, wasm.memoryBytes);
  if (prepared.kind !== 'ready') throw new Error(prepared.message);
  return prepared.module;
}

/**
 * Pyodide from the page's bytes: its two modules as blob: URLs (the realm's CSP allows scripts from blob: only), the
 * WebAssembly and standard library from a fetch stand-in that serves nothing else, the lock file given directly.
 */
async function pyodideFrom(
  files: PyodideFiles,
): Promise<{ indexURL: string; module: string; options: Record<string, unknown> }> {
  const indexURL = 'https://pyodide.mirrorbox.invalid/';
  const script = (name: keyof PyodideFiles): string =>
    URL.createObjectURL(new Blob([files[name]], { type: 'text/javascript' }));
  const served: Record<string, { bytes: ArrayBuffer; type: string }> = {
    'pyodide.asm.wasm': { bytes: files['pyodide.asm.wasm'], type: 'application/wasm' },
    'python_stdlib.zip': { bytes: files['python_stdlib.zip'], type: 'application/zip' },
  };
  globalThis.fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const file = url.startsWith(indexURL) ? served[url.slice(indexURL.length)] : undefined;
    if (!file) throw new TypeError(`the candidate realm fetches nothing (${url})`);
    return new Response(file.bytes.slice(0), { headers: { 'Content-Type': file.type } });
  };
  const asm = (await import(/* @vite-ignore */ script('pyodide.asm.mjs'))) as { default: unknown };
  return {
    indexURL,
    module: script('pyodide.mjs'),
    options: {
      createPyodideModule: asm.default,
      lockFileContents: new TextDecoder().decode(files['pyodide-lock.json']),
    },
  };
}

self.onmessage = (event: MessageEvent<{ port?: unknown }>) => {
  const port = event.data.port;
  if (!(port instanceof MessagePort)) return;
  self.onmessage = null;
  serve(port);
};
