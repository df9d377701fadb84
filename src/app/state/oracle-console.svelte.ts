import { encodeTextOrBytes, utf8Bytes, decodeTextOrBytes } from '../../core/bytes.ts';
import { outcomeToJson } from '../../core/gold.ts';
import { DEFAULT_LIMITS } from '../../core/limits.ts';
import type { WasmProgram } from '../../core/run-request.ts';
import type { RunResult } from '../../core/run-result.ts';
import { joinShellWords, splitShellWords } from '../../core/shell-words.ts';
import { fileNameProblem, sourceBytes, type SourceFile } from '../../core/source-file.ts';
import type { TestCase } from '../../core/test-case.ts';
import type { ScratchTest } from '../../core/workspace-export.ts';
import { consoleRequest } from '../exec/console-request.ts';
import { isComplete, KEPT_STDIN_BYTES, keptResult } from '../exec/kept-run.ts';
import { sharedRunner } from '../exec/shared-pool.ts';
import type { Loaded } from '../packs/pack-store.ts';
import type { StoredOracleRun } from '../storage/database.ts';
import { persist, retrieve } from '../storage/storage-status.svelte.ts';
import { readUpload, textOrBytes } from '../util/read-upload.ts';

/** History keeps this many runs per target; older ones are deleted. */
const HISTORY_SIZE = 100;

/** The run on screen: what history keeps, plus the full result for downloads. */
export interface ConsoleRun {
  stored: StoredOracleRun;
  full?: RunResult;
}

/**
 * The oracle console of one target: the inputs being edited (argument line, stdin, input files), the run on screen
 * and the persisted history of runs.
 */
export class OracleConsole {
  argsLine = $state('');
  stdinText = $state('');
  /** An uploaded stdin (binary or too large for the text box); when set it is used instead of stdinText. */
  stdinUpload = $state.raw<{ name: string; bytes: Uint8Array } | null>(null);
  inputFiles = $state.raw<SourceFile[]>([]);
  running = $state(false);
  current = $state.raw<ConsoleRun | null>(null);
  history = $state.raw<StoredOracleRun[]>([]);
  /** A problem to show next to the Run button (oracle missing, bad input). */
  problem = $state<string | null>(null);

  readonly parsed = $derived(splitShellWords(this.argsLine));

  private controller: AbortController | undefined;

  constructor(
    readonly target: string,
    readonly program: string,
    private readonly oracle: () => Promise<Loaded<WasmProgram>>,
  ) {}

  async loadHistory(): Promise<void> {
    const runs = await retrieve((db) => db.getAllFromIndex('oracle-runs', 'target', this.target), []);
    this.history = runs.sort((a, b) => b.at - a.at);
  }

  async run(): Promise<void> {
    if (this.running) return;
    const parsed = this.parsed;
    if (parsed.kind === 'error') {
      this.problem = `Arguments: ${parsed.message}.`;
      return;
    }
    this.problem = null;
    this.running = true;
    this.controller = new AbortController();
    try {
      const oracle = await this.oracle();
      if (oracle.kind === 'error') {
        this.problem = `The reference program could not be loaded: ${oracle.message}`;
        return;
      }
      const stdin = this.stdinUpload ? this.stdinUpload.bytes : utf8Bytes(this.stdinText);
      const files = Object.fromEntries(this.inputFiles.map((f) => [f.name, sourceBytes(f)]));
      const input = { argv: parsed.words, stdin, files };
      const result = await sharedRunner.run(consoleRequest(oracle.value, this.program, input, DEFAULT_LIMITS), {
        signal: this.controller.signal,
      });
      const stored: StoredOracleRun = {
        target: this.target,
        at: Date.now(),
        argv: parsed.words,
        stdin: stdin.length <= KEPT_STDIN_BYTES ? stdin : new Uint8Array(),
        stdinBytes: stdin.length,
        files: Object.values(files).reduce((n, f) => n + f.length, 0) <= KEPT_STDIN_BYTES ? files : {},
        result: keptResult(result),
      };
      this.current = { stored, full: result };
      this.history = [stored, ...this.history];
      await this.remember(stored);
    } catch (e) {
      // Runners report every outcome of a program as a result; a rejection means the runtime itself failed (e.g. the
      // Wasmer SDK could not load), which the user should see rather than a button that silently does nothing.
      this.problem = `The run could not be done: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.running = false;
      this.controller = undefined;
    }
  }

  stop(): void {
    this.controller?.abort();
  }

  /** Puts a past run's inputs back in the editors and its output on screen. */
  show(run: StoredOracleRun): void {
    this.argsLine = joinShellWords(run.argv);
    this.setStdin(run.stdin, run.stdinBytes > run.stdin.length ? 'stdin (too large to keep)' : 'stdin');
    this.inputFiles = Object.entries(run.files).map(([name, bytes]) => ({ name, content: textOrBytes(bytes) }));
    this.current = { stored: run };
    this.problem =
      run.stdinBytes > run.stdin.length
        ? `This run's stdin (${run.stdinBytes} bytes) was too large to keep: upload it again to re-run.`
        : null;
  }

  /** Fills the inputs with a test case's, ready to run ("open in oracle console"). */
  loadCase(testCase: TestCase): void {
    this.argsLine = joinShellWords(testCase.argv);
    this.setStdin(testCase.stdin === undefined ? new Uint8Array() : decodeTextOrBytes(testCase.stdin), 'stdin');
    this.inputFiles = Object.entries(testCase.files ?? {}).map(([name, value]) => ({
      name,
      content: textOrBytes(decodeTextOrBytes(value)),
    }));
    this.current = null;
    this.problem = null;
  }

  async uploadStdin(file: File): Promise<void> {
    const read = await readUpload(file);
    if (read.kind === 'error') {
      this.problem = `${read.message}. Stdin is unchanged.`;
      return;
    }
    this.setStdin(read.bytes, read.name);
    this.problem = null;
  }

  clearStdinUpload(): void {
    this.stdinUpload = null;
  }

  private setStdin(bytes: Uint8Array, name: string): void {
    const text = textOrBytes(bytes, 256 * 1024);
    if (typeof text === 'string') {
      this.stdinText = text;
      this.stdinUpload = null;
    } else {
      this.stdinText = '';
      this.stdinUpload = { name, bytes };
    }
  }

  // ---- input files ----------------------------------------------------------------------------------------------

  addInputFile(name: string): string | undefined {
    const problem =
      fileNameProblem(name) ?? (this.inputFiles.some((f) => f.name === name) ? `${name} already exists` : undefined);
    if (problem) return problem;
    this.inputFiles = [...this.inputFiles, { name, content: '' }];
    return undefined;
  }

  async uploadInputFiles(picked: readonly File[]): Promise<string | undefined> {
    for (const file of picked) {
      const read = await readUpload(file);
      if (read.kind === 'error') return `${read.message}. Input files are unchanged.`;
      const problem = fileNameProblem(read.name);
      if (problem) return `${read.name}: ${problem}`;
      const entry = { name: read.name, content: textOrBytes(read.bytes) };
      this.inputFiles = [...this.inputFiles.filter((f) => f.name !== read.name), entry];
    }
    return undefined;
  }

  editInputFile(name: string, text: string): void {
    this.inputFiles = this.inputFiles.map((f) => (f.name === name ? { name, content: text } : f));
  }

  removeInputFile(name: string): void {
    this.inputFiles = this.inputFiles.filter((f) => f.name !== name);
  }

  // ---- history ----------------------------------------------------------------------------------------------------

  /** A scratch test standing for a run, or why the run cannot be one. */
  scratchTestOf(run: StoredOracleRun): ((id: string) => ScratchTest) | string {
    const r = run.result;
    if (r.code === undefined)
      return `this run did not end on its own (${r.stop ?? r.kind}), so there is no expected output to test against`;
    if (!isComplete(r) || run.stdinBytes > run.stdin.length)
      return 'this run is too large to keep as a test (its input or output was cut in the history)';
    const code = r.code;
    return (id) => {
      const testCase: TestCase = {
        id,
        argv: run.argv,
        feature: `scratch: ${joinShellWords(run.argv) || '(no arguments)'}`,
      };
      if (run.stdin.length > 0) testCase.stdin = encodeTextOrBytes(run.stdin);
      const names = Object.keys(run.files);
      if (names.length > 0)
        testCase.files = Object.fromEntries(names.map((n) => [n, encodeTextOrBytes(run.files[n] as Uint8Array)]));
      return {
        case: testCase,
        gold: outcomeToJson({ code, stdout: r.stdout, stderr: r.stderr, files: r.written }),
      };
    };
  }

  async clearHistory(): Promise<void> {
    this.history = [];
    await persist(`oracle-history:${this.target}`, async (db) => {
      const tx = db.transaction('oracle-runs', 'readwrite');
      for (const key of await tx.store.index('target').getAllKeys(this.target)) await tx.store.delete(key);
      await tx.done;
    });
  }

  private async remember(run: StoredOracleRun): Promise<void> {
    await persist(`oracle-run:${this.target}:${run.at}`, async (db) => {
      const tx = db.transaction('oracle-runs', 'readwrite');
      run.id = await tx.store.add(run);
      const keys = await tx.store.index('target').getAllKeys(this.target);
      // Keys grow with time, so the smallest are the oldest.
      for (const key of keys.sort((a, b) => a - b).slice(0, Math.max(0, keys.length - HISTORY_SIZE)))
        await tx.store.delete(key);
      await tx.done;
    });
  }
}
