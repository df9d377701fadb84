import type { WasmProgram } from '../core/run-request.ts';

/**
 * The messages between a page and workers/terminal.worker.ts. Plain postMessage rather than comlink: output is a
 * stream of events the worker pushes, and every message names its session so one worker serves the whole page.
 */

/** What starts one interactive process. */
export interface TerminalStart {
  /** Absolute URL of the self-hosted SDK's folder (ends in `/`): the worker imports the SDK from there at run time. */
  sdkBase: string;
  program: WasmProgram;
  /** argv[0] first: the package's command is named after it, as in the batch wasmer runner. */
  argv: string[];
  env: Record<string, string>;
  files: Record<string, Uint8Array>;
  memoryBytes: number;
  /** Bytes each output stream may carry before the process is killed, so a flood cannot freeze the page. */
  outputBytes: number;
  columns: number;
  rows: number;
}

export type TerminalCommand =
  | ({ kind: 'start'; session: number } & TerminalStart)
  /** Keystrokes, already mapped: the SDK's terminal echoes them and hands the program whole lines. */
  | { kind: 'input'; session: number; data: string }
  /** End of file: closes the process's stdin (the SDK's terminal ignores a typed ^D). */
  | { kind: 'eof'; session: number }
  | { kind: 'kill'; session: number }
  | { kind: 'resize'; session: number; columns: number; rows: number };

/** How an interactive process ended. */
export type TerminalEnding =
  | { kind: 'exited'; code: number }
  /** Stopped from the page (Ctrl-C or Stop); the SDK reports its own status for a kill. */
  | { kind: 'killed'; code: number }
  | { kind: 'output-limit'; stream: 'stdout' | 'stderr'; limitBytes: number }
  | { kind: 'trap'; message: string }
  /** It never ran: the SDK did not load, or the module was refused. */
  | { kind: 'not-started'; message: string };

export type TerminalReport =
  /** The process is running; `ms` counts from the start command (SDK load, package, sandbox, spawn). */
  | { kind: 'started'; session: number; ms: number; sdkMs: number }
  | { kind: 'output'; session: number; stream: 'stdout' | 'stderr'; bytes: Uint8Array }
  | { kind: 'ended'; session: number; ending: TerminalEnding };
