/**
 * Thrown from inside a WASI import to end a run early. It unwinds through the WebAssembly frames back to the
 * runner, which turns it into a result value.
 */
export class StopRun extends Error {
  constructor(
    readonly reason:
      { kind: 'timeout' } | { kind: 'output-limit'; stream: 'stdout' | 'stderr' } | { kind: 'signal'; signal: number },
  ) {
    super(`run stopped: ${reason.kind}`);
  }
}
