/**
 * The outcome of one run. Everything a program can do wrong is a value here; exceptions are reserved for bugs in
 * mirrorbox itself.
 */
export type RunResult =
  | ({ kind: 'exited'; code: number } & Captured)
  | ({ kind: 'trap'; code: number; message: string } & Captured)
  | ({ kind: 'timeout'; limitMs: number } & Captured)
  | ({ kind: 'output-limit'; stream: 'stdout' | 'stderr'; limitBytes: number } & Captured)
  | ({ kind: 'memory-limit'; limitBytes: number } & Captured)
  /** A write was refused (ENOSPC) because the run's files would have held more than `limitBytes`. */
  | ({ kind: 'file-limit'; limitBytes: number } & Captured)
  | { kind: 'invalid-module'; message: string; ms: number }
  | ({ kind: 'cancelled' } & Captured);

/** What a run produced before it ended. After a limit, streams hold what was written up to that point. */
export interface Captured {
  stdout: Uint8Array;
  stderr: Uint8Array;
  /** Files the program created or changed in its working directory, by relative path. */
  files: Record<string, Uint8Array>;
  /** Wall time of the run itself (instantiation to exit), in milliseconds. */
  ms: number;
}

/** What a run that was stopped before it wrote anything (or whose output was lost) leaves behind. */
export function noOutput(ms: number): Captured {
  return { stdout: new Uint8Array(), stderr: new Uint8Array(), files: {}, ms };
}

export type RunResultKind = RunResult['kind'];

/** True when the run was stopped by one of its limits rather than ending on its own. */
export function isLimit(
  result: RunResult,
): result is Extract<RunResult, { kind: 'timeout' | 'output-limit' | 'memory-limit' | 'file-limit' }> {
  return (
    result.kind === 'timeout' ||
    result.kind === 'output-limit' ||
    result.kind === 'memory-limit' ||
    result.kind === 'file-limit'
  );
}

/** One line saying why a run did not end normally, for CLIs and status bars. */
export function describeStop(result: RunResult): string | undefined {
  switch (result.kind) {
    case 'exited':
      return undefined;
    case 'trap':
      return `trap: ${result.message} (exit ${result.code})`;
    case 'timeout':
      return `timeout after ${result.limitMs} ms`;
    case 'output-limit':
      return `output limit: ${result.stream} passed ${result.limitBytes} bytes`;
    case 'memory-limit':
      return `memory limit: the program needed more than ${result.limitBytes} bytes of memory`;
    case 'file-limit':
      return `file limit: the program's files would have held more than ${result.limitBytes} bytes`;
    case 'invalid-module':
      return `invalid module: ${result.message}`;
    case 'cancelled':
      return 'cancelled';
  }
}
