import type { RunResult } from '../core/run-result.ts';

/** Source files of the agent's workspace, by relative path. */
export type WorkspaceFiles = Record<string, string>;

export interface ProgramInput {
  /** argv after argv[0] (the target's program name is added by the environment). */
  args: string[];
  stdin?: string;
  /** Files in the working directory, by relative path (text). */
  files?: Record<string, string>;
}

export type BuildOutcome = { kind: 'ok'; warnings: string[] } | { kind: 'error'; diagnostics: string[] };

export interface VisibleFailure {
  id: string;
  /** A bounded, whitespace-visible diff or the verdict's one line. */
  detail: string;
}

export interface VisibleScore {
  passed: number;
  total: number;
  /** The first few failures (the environment bounds them). */
  failures: VisibleFailure[];
  /** Present when the build failed: no test ran. */
  build?: BuildOutcome;
}

export interface HiddenScore {
  passed: number;
  total: number;
  visible: { passed: number; total: number };
  build?: BuildOutcome;
}

/**
 * What a host (app or CLI) gives the agent. Everything here runs through the project's existing runners, so the
 * candidate is held by the same sandbox as any other, and nothing here can return the oracle's bytes or a hidden
 * expectation: `oracle` returns a run's outputs, `submit` counts.
 */
export interface AgentEnvironment {
  target: { id: string; program: string; description: string };
  /** The language the agent writes in (a toolchain id: 'python' | 'c' | 'js' | 'ts'). */
  language: string;
  /** Man page and --help text. */
  docs(): Promise<string>;
  oracle(input: ProgramInput, signal: AbortSignal): Promise<RunResult>;
  build(files: WorkspaceFiles, signal: AbortSignal): Promise<BuildOutcome>;
  run(
    files: WorkspaceFiles,
    input: ProgramInput,
    signal: AbortSignal,
  ): Promise<RunResult | { kind: 'build-error'; build: BuildOutcome }>;
  runVisibleTests(files: WorkspaceFiles, signal: AbortSignal): Promise<VisibleScore>;
  submit(files: WorkspaceFiles, signal: AbortSignal): Promise<HiddenScore>;
}
