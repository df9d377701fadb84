import { utf8Bytes } from '../../core/bytes.ts';
import { DEFAULT_LIMITS } from '../../core/limits.ts';
import { sourceBytes } from '../../core/source-file.ts';
import type { Diagnostic } from '../../../toolchains/index.ts';
import { consoleRequest } from '../exec/console-request.ts';
import { keptResult } from '../exec/kept-run.ts';
import { candidateRunner, sharedRunner } from '../exec/shared-pool.ts';
import { loadOracle } from '../packs/pack-store.ts';
import type { StoredRunResult } from '../storage/database.ts';
import type { TargetSession } from '../state/target-session.svelte.ts';

/** Where a side-by-side run is. Both results keep a bounded prefix of each stream (kept-run.ts) and its full size. */
export type SideBySideState =
  | { kind: 'idle' }
  | { kind: 'building' }
  | { kind: 'running' }
  | { kind: 'build-failed'; diagnostics: Diagnostic[] }
  | { kind: 'problem'; message: string }
  | { kind: 'done'; argv: string[]; oracle: StoredRunResult; candidate: StoredRunResult };

/**
 * "Run my program": the oracle console's argv, stdin and input files, given once to the reference and once to the
 * workspace's candidate (built as Tests builds it), in one request each that differs only in the program — so the
 * environment, clock and seed are the contract's on both sides, as in a test.
 */
export class SideBySide {
  state = $state.raw<SideBySideState>({ kind: 'idle' });
  /** Whether the Workspace shows the panel; kept here so it stays open across tab switches. */
  open = $state(false);
  private controller: AbortController | undefined;

  constructor(private readonly session: TargetSession) {}

  get busy(): boolean {
    return this.state.kind === 'building' || this.state.kind === 'running';
  }

  async run(): Promise<void> {
    if (this.busy) return;
    const { console: oc, pack, workspace } = this.session;
    const parsed = oc.parsed;
    if (parsed.kind === 'error') {
      this.state = { kind: 'problem', message: `Arguments: ${parsed.message}.` };
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.state = { kind: 'building' };
    try {
      const [oracle, built] = await Promise.all([
        loadOracle(pack),
        workspace.toolchain.build(workspace.files, { signal: controller.signal }),
      ]);
      if (oracle.kind === 'error') {
        this.state = { kind: 'problem', message: `The reference program could not be loaded: ${oracle.message}` };
        return;
      }
      if (built.kind === 'error') {
        this.state = { kind: 'build-failed', diagnostics: built.diagnostics };
        return;
      }
      if (controller.signal.aborted) {
        this.state = { kind: 'idle' };
        return;
      }
      this.state = { kind: 'running' };
      const stdin = oc.stdinUpload ? oc.stdinUpload.bytes : utf8Bytes(oc.stdinText);
      const files = Object.fromEntries(oc.inputFiles.map((f) => [f.name, sourceBytes(f)]));
      const input = { argv: parsed.words, stdin, files };
      const request = consoleRequest(oracle.value, pack.target.program, input, DEFAULT_LIMITS);
      const options = { signal: controller.signal };
      const [reference, candidate] = await Promise.all([
        sharedRunner.run(request, options),
        candidateRunner.run(
          { ...request, program: built.program, limits: { ...DEFAULT_LIMITS, wallMs: workspace.timeLimitMs } },
          options,
        ),
      ]);
      this.state = {
        kind: 'done',
        argv: parsed.words,
        oracle: keptResult(reference),
        candidate: keptResult(candidate),
      };
    } catch (e) {
      // Runners report every outcome of a program as a result; a rejection is the runtime itself failing.
      this.state = {
        kind: 'problem',
        message: `The run could not be done: ${e instanceof Error ? e.message : String(e)}`,
      };
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }

  stop(): void {
    this.controller?.abort();
  }
}

const bySession = new WeakMap<TargetSession, SideBySide>();

/** The side-by-side run of a target, kept with its session so switching tabs keeps the last comparison. */
export function sideBySideOf(session: TargetSession): SideBySide {
  let found = bySession.get(session);
  if (!found) {
    found = new SideBySide(session);
    bySession.set(session, found);
  }
  return found;
}
