// Child-process entry of the runner worker (see runner-api.ts) for script candidates in Node, started by
// src/node/sandbox/sandbox-pool.ts inside bubblewrap and under Node's permission model. It speaks comlink over the
// process's IPC channel; it has no files but the engine's, no network, no child processes and no file writes.
import { expose } from 'comlink';
import { constants as fsConstants } from 'node:fs';
import { Socket } from 'node:net';
import { constants as osConstants } from 'node:os';
import { framedEndpoint } from '../src/node/sandbox/ipc-endpoint.ts';
import { createRunnerWorkerApi } from './runner-api.ts';

// The channel to the parent: fd 3, a socket pair the parent made (src/node/sandbox/sandbox-pool.ts). Opened before
// the refusals below take \`net\` away from the program.
const channel = new Socket({ fd: 3, readable: true, writable: true });

// Pyodide's Emscripten file system asks `process.binding('constants')`, which the permission model denies; the
// same numbers are public in fs and os. Every other binding stays refused.
const constants = Object.freeze({ fs: fsConstants, os: osConstants });
const refused = (what: string) =>
  function (): never {
    throw Object.assign(new Error(`${what} is not available to the runner`), { code: 'ERR_ACCESS_DENIED' });
  };
const binding = (name: string): unknown => {
  if (name === 'constants') return constants;
  return refused(`process.binding('${name}')`)();
};
// A program that reaches this realm must not signal the CLI or other processes: the permission model leaves
// `process.kill` open, and without bubblewrap the child shares the CLI's pid namespace.
const closed: Record<string, unknown> = { binding, kill: refused('process.kill'), _kill: refused('process.kill') };
// Without bubblewrap (--unsandboxed) the child shares the host's network, which the permission model leaves open.
// Nothing the engines do at run time needs a socket, a process, a thread or code compiled from strings, so the
// modules that give them are refused here too. This is a thin wall (the engines hold references of their own to
// some of these modules); bubblewrap is the one that holds.
const NO_MODULES =
  /^(node:)?(net|tls|http|https|http2|dgram|dns|cluster|child_process|worker_threads|inspector|repl|vm|module|v8)(\/|$)/;
const getBuiltinModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
if (getBuiltinModule) {
  const builtin = getBuiltinModule.bind(process);
  closed.getBuiltinModule = (id: string): unknown =>
    NO_MODULES.test(String(id)) ? refused(`module ${String(id)}`)() : builtin(id);
}
for (const name of ['fetch', 'WebSocket', 'EventSource']) delete (globalThis as Record<string, unknown>)[name];
for (const [name, value] of Object.entries(closed))
  Object.defineProperty(process, name, { value, writable: false, configurable: false, enumerable: false });

// An error thrown outside any run (a timer a program left behind) would end the child between runs, and the next
// run, maybe another program's, would get the crash. The runs themselves report their own errors as results.
process.on('uncaughtException', () => undefined);
process.on('unhandledRejection', () => undefined);
// The parent went away (the CLI ended), or sent what is not a frame: nothing is left to answer.
channel.on('close', () => process.exit(0));
expose(
  createRunnerWorkerApi(),
  framedEndpoint(channel, () => process.exit(0)),
);
