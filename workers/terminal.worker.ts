// The interactive terminal's worker: runs one program at a time per session on @wasmer/sdk with a TTY attached, and
// streams its output back to the page (src/browser/terminal-session.ts). A worker because the SDK blocks with
// Atomics.wait, which a page's main thread may not. The SDK is imported at run time from the app's own origin and
// never bundled (src/browser/wasmer-sdk-client.ts); scripts/vite-wasmer-plugin.ts serves its files as they are.
import type { Process, Sandbox, Wasmer } from '@wasmer/sdk';
import { PackageCache } from '../src/runtimes/wasmer/package-cache.ts';
import type {
  TerminalCommand,
  TerminalEnding,
  TerminalReport,
  TerminalStart,
} from '../src/browser/terminal-protocol.ts';
import { loadWasmerClient } from '../src/browser/wasmer-sdk-client.ts';
import { checkWorkerCsp, cspRefusal } from './csp-self-check.ts';

// The terminal runs a candidate's own program too ("your program"), so nothing runs here unless the worker CSP is in
// force, as in workers/wasmer.worker.ts; checked before anything else runs in this worker.
const cspChecked = checkWorkerCsp();

/** How long to let output already in flight arrive after a kill: the SDK may never end a killed process's streams. */
const STREAM_SETTLE_MS = 100;

interface Client {
  wasmer: Wasmer;
  packages: PackageCache;
}

/** One SDK client for the worker's life: its set-up (≈0.3 s) is paid by the first session only. */
let client: Promise<Client> | undefined;

function loadClient(sdkBase: string): Promise<Client> {
  client ??= (async () => {
    const wasmer = await loadWasmerClient(sdkBase);
    return { wasmer, packages: new PackageCache(wasmer) };
  })();
  // A failed load is not remembered, so the next session tries again.
  client.catch(() => (client = undefined));
  return client;
}

interface Session {
  process?: Process;
  /** Asked to stop before the process existed, or while it ran. */
  killRequested: boolean;
  /** Commands are applied in order, after the process is spawned. */
  queue: Promise<void>;
}

const sessions = new Map<number, Session>();

function report(message: TerminalReport, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

self.onmessage = (event: MessageEvent<TerminalCommand>) => {
  const command = event.data;
  if (command.kind === 'start') {
    const session: Session = { killRequested: false, queue: Promise.resolve() };
    sessions.set(command.session, session);
    const started = run(command.session, session, command).then(
      (ending) => ending,
      (e: unknown): TerminalEnding => ({ kind: 'not-started', message: errorText(e) }),
    );
    void started.then((ending) => {
      sessions.delete(command.session);
      report({ kind: 'ended', session: command.session, ending });
    });
    return;
  }
  const session = sessions.get(command.session);
  if (!session) return;
  if (command.kind === 'kill') {
    // Not queued: a kill must overtake input still waiting for the process.
    session.killRequested = true;
    void session.process?.kill().catch(() => undefined);
    return;
  }
  session.queue = session.queue.then(() => apply(session, command)).catch(() => undefined);
};

async function apply(session: Session, command: Exclude<TerminalCommand, { kind: 'start' | 'kill' }>): Promise<void> {
  const process = session.process;
  if (!process) return;
  switch (command.kind) {
    case 'input':
      await process.stdin?.write(command.data);
      return;
    case 'eof':
      await process.stdin?.close();
      return;
    case 'resize':
      process.resizeTerminal(command.columns, command.rows);
      return;
  }
}

async function run(id: number, session: Session, start: TerminalStart): Promise<TerminalEnding> {
  const csp = await cspChecked;
  if (csp.kind === 'missing') return { kind: 'not-started', message: cspRefusal(csp, 'the terminal worker') };
  const began = performance.now();
  let sdk: Client;
  try {
    sdk = await loadClient(start.sdkBase);
  } catch (e) {
    return { kind: 'not-started', message: `the Wasmer SDK could not be loaded: ${errorText(e)}` };
  }
  const sdkMs = performance.now() - began;
  const [name = 'program', ...args] = start.argv;
  const prepared = await sdk.packages.get(start.program, start.memoryBytes, name, start.files);
  if (prepared.kind !== 'ready') return { kind: 'not-started', message: prepared.message };
  let sandbox: Sandbox | undefined;
  // Held until the process is spawned, so input typed meanwhile is applied in order afterwards.
  let spawned!: () => void;
  const gate = new Promise<void>((resolve) => (spawned = resolve));
  session.queue = session.queue.then(() => gate);
  try {
    sandbox = await sdk.wasmer.sandboxes.create({ packages: [prepared.pkg], network: { mode: 'disabled' } });
    // cwd `/`: where the input files are, as in the batch runner.
    const process = await sandbox
      .command(prepared.pkg.command(prepared.command), args, { cwd: '/', env: start.env })
      .spawn({ terminal: { columns: start.columns, rows: start.rows } });
    session.process = process;
    spawned();
    if (session.killRequested) void process.kill().catch(() => undefined);
    report({ kind: 'started', session: id, ms: performance.now() - began, sdkMs });

    let overflow: 'stdout' | 'stderr' | undefined;
    const kill = (stream: 'stdout' | 'stderr'): void => {
      overflow ??= stream;
      void process.kill().catch(() => undefined);
    };
    const pumped = Promise.all([
      pump(id, 'stdout', process, start.outputBytes, kill),
      pump(id, 'stderr', process, start.outputBytes, kill),
    ]);
    const ended = await wait(process);
    const stopped = ended.kind === 'ended' && ended.reason !== 'exited';
    await (stopped ? Promise.race([pumped, delay(STREAM_SETTLE_MS)]) : pumped);
    if (overflow) return { kind: 'output-limit', stream: overflow, limitBytes: start.outputBytes };
    if (ended.kind === 'trap') return ended;
    if (session.killRequested && ended.reason !== 'exited') return { kind: 'killed', code: ended.code };
    return { kind: 'exited', code: ended.code };
  } finally {
    spawned();
    await sandbox?.close().catch(() => undefined);
  }
}

/** Forwards one output stream chunk by chunk, up to `limit` bytes; past it the process is killed. */
async function pump(
  id: number,
  stream: 'stdout' | 'stderr',
  process: Process,
  limit: number,
  onOverflow: (stream: 'stdout' | 'stderr') => void,
): Promise<void> {
  const source = process[stream];
  if (!source) return;
  let sent = 0;
  for await (const chunk of source) {
    if (sent >= limit) continue;
    const part = chunk.slice(0, limit - sent);
    sent += part.length;
    report({ kind: 'output', session: id, stream, bytes: part }, [part.buffer]);
    if (sent >= limit) onOverflow(stream);
  }
}

type Ended =
  { kind: 'ended'; code: number; reason: 'exited' | 'terminated' | 'timeout' } | { kind: 'trap'; message: string };

async function wait(process: Process): Promise<Ended> {
  try {
    const output = await process.wait({ check: false });
    return { kind: 'ended', code: output.exitCode, reason: output.reason };
  } catch (e) {
    // A WebAssembly trap in the guest rejects wait() with WasmerError EXECUTION_ERROR "RuntimeError: …". Matched by
    // shape, since importing the SDK's WasmerError class would bundle the SDK (see the top of this file).
    const error = e as { name?: unknown; code?: unknown; message?: unknown };
    const match = /RuntimeError: (?:js: )?([^\n]+)/.exec(String(error.message));
    if (error.name === 'WasmerError' && error.code === 'EXECUTION_ERROR' && match)
      return { kind: 'trap', message: match[1] as string };
    throw e;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
