import type { TerminalCommand, TerminalEnding, TerminalReport, TerminalStart } from './terminal-protocol.ts';
import { WASMER_SDK_PATH } from './wasmer-sdk-path.ts';

/** What a running session tells its owner: output as it comes, then one ending. */
export interface TerminalEvents {
  started?(info: { ms: number; sdkMs: number }): void;
  output(bytes: Uint8Array, stream: 'stdout' | 'stderr'): void;
  ended(ending: TerminalEnding): void;
}

/**
 * One interactive process in workers/terminal.worker.ts. The worker is shared by every session of the page and kept
 * alive between them, so only the first session pays for loading the SDK.
 */
export class TerminalSession {
  private static worker: Worker | undefined;
  private static readonly live = new Map<number, TerminalEvents>();
  private static nextId = 1;

  private constructor(private readonly id: number) {}

  /** Starts `start` (without `sdkBase`: the SDK is always the copy this site serves). */
  static start(start: Omit<TerminalStart, 'sdkBase'>, events: TerminalEvents): TerminalSession {
    const id = TerminalSession.nextId++;
    TerminalSession.live.set(id, events);
    const sdkBase = new URL(`${import.meta.env.BASE_URL}${WASMER_SDK_PATH}/`, location.href).href;
    TerminalSession.post({ kind: 'start', session: id, sdkBase, ...start });
    return new TerminalSession(id);
  }

  /** Keystrokes or pasted text; the SDK's terminal echoes them and passes whole lines to the program. */
  write(data: string): void {
    TerminalSession.post({ kind: 'input', session: this.id, data });
  }

  /** End of file on stdin (what Ctrl-D means on an empty line). */
  eof(): void {
    TerminalSession.post({ kind: 'eof', session: this.id });
  }

  kill(): void {
    TerminalSession.post({ kind: 'kill', session: this.id });
  }

  resize(columns: number, rows: number): void {
    TerminalSession.post({ kind: 'resize', session: this.id, columns, rows });
  }

  private static post(command: TerminalCommand): void {
    // Start messages carry the program's bytes, which the page keeps: they are copied, not transferred.
    TerminalSession.worker ??= TerminalSession.spawnWorker();
    TerminalSession.worker.postMessage(command);
  }

  private static spawnWorker(): Worker {
    const worker = new Worker(new URL('../../workers/terminal.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<TerminalReport>) => {
      const message = event.data;
      const events = TerminalSession.live.get(message.session);
      if (!events) return;
      if (message.kind === 'started') events.started?.({ ms: message.ms, sdkMs: message.sdkMs });
      else if (message.kind === 'output') events.output(message.bytes, message.stream);
      else {
        TerminalSession.live.delete(message.session);
        events.ended(message.ending);
      }
    };
    // A worker that fails to load or crashes ends every session it held, instead of leaving them "running".
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      const message = `the terminal worker failed: ${event.message || 'it could not be loaded'}`;
      TerminalSession.worker = undefined;
      worker.terminate();
      for (const [id, events] of TerminalSession.live) {
        TerminalSession.live.delete(id);
        events.ended({ kind: 'not-started', message });
      }
    };
    return worker;
  }
}
