import { DEFAULT_LIMITS } from '../../core/limits.ts';
import { fileNameProblem, type SourceFile } from '../../core/source-file.ts';
import {
  parseWorkspaceJson,
  workspaceToJson,
  type ScratchTest,
  type WorkspaceSnapshot,
} from '../../core/workspace-export.ts';
import { DEFAULT_TOOLCHAIN_ID, appToolchainById as toolchainById, type Toolchain } from '../../../toolchains/index.ts';
import { wasmToolchain, wasmUploadProblem } from '../../../toolchains/wasm/adapter.ts';
import type { StoredWorkspace } from '../storage/database.ts';
import { persist, retrieve } from '../storage/storage-status.svelte.ts';
import { download } from '../util/download.ts';
import { readUpload, textOrBytes } from '../util/read-upload.ts';

/** Changes are written this long after the last keystroke; pagehide writes at once. */
const SAVE_DELAY_MS = 300;

export type SaveState = 'saved' | 'saving' | 'unsaved';

/**
 * Everything the user writes for one target — files, candidate kind, scratch tests, settings — as one reactive
 * object (the Svelte REPL's workspace pattern). Every change is saved to IndexedDB; when saving fails the state
 * stays here, in memory, and can be exported.
 */
export class Workspace {
  toolchainId = $state(DEFAULT_TOOLCHAIN_ID);
  files = $state.raw<SourceFile[]>([]);
  activeName = $state('');
  scratchTests = $state.raw<ScratchTest[]>([]);
  /** Per-test wall-time limit for Tests and Submit. */
  timeLimitMs = $state(DEFAULT_LIMITS.wallMs);
  saveState = $state<SaveState>('saved');
  /** What an import replaced, so it can be undone. */
  beforeImport = $state.raw<WorkspaceSnapshot | null>(null);

  readonly toolchain: Toolchain = $derived(
    toolchainById(this.toolchainId) ?? (toolchainById(DEFAULT_TOOLCHAIN_ID) as Toolchain),
  );
  readonly active: SourceFile | undefined = $derived(this.files.find((f) => f.name === this.activeName));

  private timer: ReturnType<typeof setTimeout> | undefined;
  private revision = 0;

  private constructor(
    readonly target: string,
    readonly program: string,
  ) {
    // Leaving or hiding the page writes at once instead of waiting for the debounce.
    window.addEventListener('pagehide', () => void this.flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void this.flush();
    });
  }

  /** The saved workspace of a target, or a fresh one with the default toolchain's starter files. */
  static async open(target: string, program: string): Promise<Workspace> {
    const ws = new Workspace(target, program);
    const stored = await retrieve((db) => db.get('workspaces', target), undefined);
    if (stored) {
      ws.toolchainId = toolchainById(stored.toolchain) ? stored.toolchain : DEFAULT_TOOLCHAIN_ID;
      ws.files = stored.files;
      ws.activeName = stored.activeFile;
      ws.scratchTests = stored.scratchTests ?? [];
      ws.timeLimitMs = stored.timeLimitMs || DEFAULT_LIMITS.wallMs;
    } else {
      ws.files = ws.toolchain.starterFiles({ program });
    }
    if (!ws.active) ws.activeName = ws.files[0]?.name ?? '';
    return ws;
  }

  // ---- files -------------------------------------------------------------------------------------------------

  select(name: string): void {
    this.activeName = name;
    this.changed();
  }

  editText(name: string, text: string): void {
    this.files = this.files.map((f) => (f.name === name ? { name, content: text } : f));
    this.changed();
  }

  /** Adds an empty text file; returns what is wrong with the name instead when it cannot. */
  addTextFile(name: string): string | undefined {
    const problem = this.nameProblem(name);
    if (problem) return problem;
    this.files = [...this.files, { name, content: '' }];
    this.activeName = name;
    this.changed();
    return undefined;
  }

  rename(from: string, to: string): string | undefined {
    if (from === to) return undefined;
    const problem = this.nameProblem(to);
    if (problem) return problem;
    this.files = this.files.map((f) => (f.name === from ? { name: to, content: f.content } : f));
    if (this.activeName === from) this.activeName = to;
    this.changed();
    return undefined;
  }

  remove(name: string): void {
    const at = this.files.findIndex((f) => f.name === name);
    if (at === -1) return;
    this.files = this.files.filter((f) => f.name !== name);
    if (this.activeName === name) this.activeName = (this.files[at] ?? this.files[at - 1])?.name ?? '';
    this.changed();
  }

  /**
   * Adds uploaded files. A .wasm is checked first and replaces the workspace's other .wasm (a candidate has one);
   * a file with an existing name replaces it. Returns one line per file: what was done or why it was refused —
   * a refused file changes nothing.
   */
  async upload(picked: readonly File[]): Promise<{ ok: boolean; message: string }[]> {
    const notes: { ok: boolean; message: string }[] = [];
    for (const file of picked) {
      const read = await readUpload(file);
      if (read.kind === 'error') {
        notes.push({ ok: false, message: `${read.message}. Nothing was changed.` });
        continue;
      }
      const problem = fileNameProblem(read.name);
      if (problem) {
        notes.push({ ok: false, message: `${read.name}: ${problem}. Nothing was changed.` });
        continue;
      }
      if (read.name.endsWith('.wasm')) {
        const wasmProblem = wasmUploadProblem(read.bytes);
        if (wasmProblem) {
          notes.push({
            ok: false,
            message: `${read.name} was not added: ${wasmProblem}. Your workspace is unchanged; upload the .wasm your compiler wrote.`,
          });
          continue;
        }
        const replaced = this.files.filter((f) => f.name.endsWith('.wasm') && f.name !== read.name).map((f) => f.name);
        this.files = [...this.files.filter((f) => !f.name.endsWith('.wasm')), { name: read.name, content: read.bytes }];
        notes.push({
          ok: true,
          message: replaced.length ? `${read.name} replaced ${replaced.join(', ')}.` : `${read.name} added.`,
        });
        // A module is a whole program: it is what runs from now on, whatever language the workspace was in.
        if (this.toolchainId !== wasmToolchain.id) {
          this.toolchainId = wasmToolchain.id;
          notes.push({
            ok: true,
            message: `The candidate kind is now ${wasmToolchain.label}: ${read.name} is what runs.`,
          });
        }
      } else {
        const existed = this.files.some((f) => f.name === read.name);
        const entry = { name: read.name, content: textOrBytes(read.bytes) };
        this.files = existed ? this.files.map((f) => (f.name === read.name ? entry : f)) : [...this.files, entry];
        notes.push({ ok: true, message: `${read.name} ${existed ? 'replaced' : 'added'}.` });
      }
      this.activeName = read.name;
      this.changed();
    }
    return notes;
  }

  setToolchain(id: string): void {
    const toolchain = toolchainById(id);
    if (!toolchain || id === this.toolchainId) return;
    this.toolchainId = id;
    // Starter files only where they add something: existing files are never overwritten.
    const names = new Set(this.files.map((f) => f.name));
    const starters = toolchain.starterFiles({ program: this.program }).filter((f) => !names.has(f.name));
    if (starters.length) this.files = [...this.files, ...starters];
    // Open the new kind's code (main.c for C) unless a file it builds from is open already.
    const own = (name: string): boolean => toolchain.extensions.some((e) => name.endsWith(e));
    const first = this.files.find((f) => own(f.name) && typeof f.content === 'string');
    if (first && !own(this.activeName)) this.activeName = first.name;
    this.changed();
  }

  setTimeLimit(ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0) return;
    this.timeLimitMs = Math.round(ms);
    this.changed();
  }

  // ---- scratch tests ------------------------------------------------------------------------------------------

  addScratchTest(make: (id: string) => ScratchTest): ScratchTest {
    const taken = new Set(this.scratchTests.map((t) => t.case.id));
    let n = this.scratchTests.length + 1;
    while (taken.has(`scratch-${n}`)) n++;
    const test = make(`scratch-${n}`);
    this.scratchTests = [...this.scratchTests, test];
    this.changed();
    return test;
  }

  removeScratchTest(id: string): void {
    this.scratchTests = this.scratchTests.filter((t) => t.case.id !== id);
    this.changed();
  }

  // ---- export and import --------------------------------------------------------------------------------------

  snapshot(): WorkspaceSnapshot {
    return { target: this.target, toolchain: this.toolchainId, files: this.files, scratchTests: this.scratchTests };
  }

  exportToFile(): void {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    download(
      `${this.target}-workspace-${stamp}.mirrorbox.json`,
      workspaceToJson(this.snapshot(), new Date()),
      'application/json',
    );
  }

  /** Replaces the workspace with an exported one; the replaced state can be restored with undoImport. */
  async importFile(file: File): Promise<string | undefined> {
    const read = await readUpload(file);
    if (read.kind === 'error') return read.message;
    const parsed = parseWorkspaceJson(new TextDecoder().decode(read.bytes));
    if (parsed.kind === 'error') return `${file.name}: ${parsed.message}. Your workspace is unchanged.`;
    if (parsed.snapshot.target !== this.target)
      return `${file.name} is a workspace for ${parsed.snapshot.target}, not ${this.target}: open that target to import it. Your workspace is unchanged.`;
    this.beforeImport = this.snapshot();
    this.restore(parsed.snapshot);
    return undefined;
  }

  /** Takes files written elsewhere (the agent's) as the workspace; undoable like an import. */
  adopt(toolchain: string, files: SourceFile[]): void {
    this.beforeImport = this.snapshot();
    this.restore({ target: this.target, toolchain, files, scratchTests: this.scratchTests });
  }

  undoImport(): void {
    if (!this.beforeImport) return;
    this.restore(this.beforeImport);
    this.beforeImport = null;
  }

  private restore(snapshot: WorkspaceSnapshot): void {
    this.toolchainId = toolchainById(snapshot.toolchain) ? snapshot.toolchain : DEFAULT_TOOLCHAIN_ID;
    this.files = snapshot.files;
    this.scratchTests = snapshot.scratchTests;
    if (!this.active) this.activeName = this.files[0]?.name ?? '';
    this.changed();
  }

  // ---- saving -------------------------------------------------------------------------------------------------

  private record(): StoredWorkspace {
    return {
      target: this.target,
      toolchain: this.toolchainId,
      files: this.files,
      activeFile: this.activeName,
      scratchTests: this.scratchTests,
      timeLimitMs: this.timeLimitMs,
      savedAt: Date.now(),
    };
  }

  private nameProblem(name: string): string | undefined {
    return fileNameProblem(name) ?? (this.files.some((f) => f.name === name) ? `${name} already exists` : undefined);
  }

  private changed(): void {
    this.revision++;
    this.saveState = 'unsaved';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Writes now if anything is unsaved. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.saveState !== 'unsaved') return;
    this.saveState = 'saving';
    // The write reads the state when it runs, so a retry after a refused write (storage banner) saves the latest
    // files; a change made while writing keeps the state 'unsaved', with its own timer.
    const ok = await persist(`workspace:${this.target}`, async (db) => {
      const revision = this.revision;
      await db.put('workspaces', this.record());
      if (revision === this.revision) this.saveState = 'saved';
    });
    if (!ok) this.saveState = 'unsaved';
  }
}
