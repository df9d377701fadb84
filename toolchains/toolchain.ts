import type { Program } from '../src/core/run-request.ts';
import type { SourceFile } from '../src/core/source-file.ts';

/** One problem a build found, pointing into the user's files where it can. */
export interface Diagnostic {
  /** The workspace file it is about; '' when it is about the workspace as a whole (e.g. a missing file). */
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  message: string;
  /** What the compiler called it; absent means error. Only errors fail a build. */
  severity?: 'error' | 'warning' | 'note';
}

/** Where a build is, for a progress bar: compilers that download themselves report bytes first. */
export type BuildProgress = { phase: 'download'; doneBytes: number; totalBytes: number } | { phase: 'compile' };

export type BuildResult =
  /** `warnings`: what the compiler said about a build that still succeeded (warnings and their notes). */
  { kind: 'ok'; program: Program; warnings?: Diagnostic[] } | { kind: 'error'; diagnostics: Diagnostic[] };

/**
 * A candidate kind: how a workspace's files become a program (a WASI module or a script for an engine). The app's candidate-kind selector and (later) the
 * CLI list these from one table (toolchains/index.ts). Heavy compilers should import their code inside `build`, so
 * listing the table stays cheap.
 */
export interface Toolchain {
  /** Stable id, stored in workspaces and exports. */
  id: string;
  /** Shown in the candidate-kind selector. */
  label: string;
  /** One sentence on what the user provides. */
  summary: string;
  /**
   * False for a kind only the CLI can run so far (its engine is not served to browsers yet): the app leaves it out
   * of the selector rather than offering a build that cannot start.
   */
  inBrowser?: boolean;
  /** File name endings this toolchain builds from, e.g. ['.c', '.h']. */
  extensions: readonly string[];
  /** The files a fresh workspace of this kind starts with. */
  starterFiles(target: { program: string }): SourceFile[];
  build(
    files: readonly SourceFile[],
    options?: { signal?: AbortSignal; onProgress?: (progress: BuildProgress) => void },
  ): Promise<BuildResult>;
}
