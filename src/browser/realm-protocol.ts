/**
 * The messages between the page and a candidate worker of the realm (src/browser/candidate-realm.ts), over the
 * MessagePort the page made for that worker. The worker answers calls; the page trusts none of what it sends.
 */
import type { RunnerWorkerApi } from '../../workers/runner-api.ts';

/** The runner methods a candidate worker answers: the pool's RunnerWorkerApi. */
export type RealmMethod = keyof RunnerWorkerApi;
export const REALM_METHODS: readonly RealmMethod[] = [
  'load',
  'run',
  'loadScript',
  'pythonReady',
  'runScript',
  'forget',
];

/** Pyodide's files, as the page fetched them; the worker asks once, when it first needs Python. */
export const PYODIDE_FILE_NAMES = [
  'pyodide.mjs',
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
] as const;
export type PyodideFileName = (typeof PYODIDE_FILE_NAMES)[number];
export type PyodideFiles = Record<PyodideFileName, ArrayBuffer>;

/** Page → worker. `nonce` is the page's unguessable name for one call; the answer must carry it. */
export type ToRealmWorker =
  | { kind: 'call'; nonce: string; method: RealmMethod; args: unknown[] }
  | { kind: 'pyodide'; files: PyodideFiles }
  | { kind: 'pyodide-missing'; message: string };

/** Worker → page. */
export type FromRealmWorker =
  | { kind: 'answer'; nonce: string; ok: true; value: unknown }
  | { kind: 'answer'; nonce: string; ok: false; message: string }
  /** The program changed the worker's JavaScript realm (realm-seal.ts) or closed the worker: never use it again. */
  | { kind: 'tainted'; nonce: string; message: string }
  | { kind: 'need-pyodide' };

/** Page ↔ iframe, over the control port the page handed the iframe once. */
export type ToRealmFrame =
  | { kind: 'code'; source: string }
  | { kind: 'spawn'; id: number; port: MessagePort }
  | { kind: 'terminate'; id: number };
export type FromRealmFrame = { kind: 'ready' } | { kind: 'crashed'; id: number; message: string };
