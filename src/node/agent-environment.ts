import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AgentEnvironment,
  BuildOutcome,
  ProgramInput,
  VisibleFailure,
  WorkspaceFiles,
} from '../agent/environment.ts';
import { caseRequest } from '../core/case-request.ts';
import { renderOutcomeDiff } from '../core/case-diff.ts';
import { outcomeFromJson } from '../core/gold.ts';
import { withDefaults } from '../core/limits.ts';
import type { Program } from '../core/run-request.ts';
import type { RunResult } from '../core/run-result.ts';
import type { Runner } from '../core/runner.ts';
import { scoreCandidate } from '../core/score.ts';
import { describeVerdict } from '../core/verdict.ts';
import { formatDiagnostic } from '../../toolchains/format-diagnostic.ts';
import type { Toolchain } from '../../toolchains/index.ts';
import type { BuiltTarget } from './target-store.ts';

/** How many failing visible cases the agent sees in full, and how long each diff may be. */
export const MAX_VISIBLE_FAILURES = 3;
export const MAX_FAILURE_CHARS = 2000;

export interface NodeAgentEnvironmentOptions {
  built: BuiltTarget;
  toolchain: Toolchain;
  /** Runs the oracle (the node pool, as `mirrorbox oracle` uses). */
  oracleRunner: Runner;
  /** Runs candidates (the CLI's sandboxed candidate runner). */
  candidateRunner: Runner;
}

/**
 * The agent's world in Node, made of the CLI's own parts: the built pack, the oracle on the worker pool, candidates
 * built by the toolchain and run by the same sandboxed runner `mirrorbox score` uses, and scoreCandidate. The oracle's
 * module and the hidden expectations stay in this closure: `oracle` returns a run's outputs, `submit` counts.
 */
export function createNodeAgentEnvironment(options: NodeAgentEnvironmentOptions): AgentEnvironment {
  const { built, toolchain, oracleRunner, candidateRunner } = options;
  const { pack, oracle, dir } = built;
  const limits = withDefaults({});
  const docsText = [pack.docs.man, pack.docs.help]
    .flatMap((file) => (file ? [readFileSync(join(dir, file), 'utf8')] : []))
    .join('\n\n');
  const gold = new Map(pack.visible.map((v) => [v.case.id, outcomeFromJson(v.gold)]));

  const compile = async (
    files: WorkspaceFiles,
    signal: AbortSignal,
  ): Promise<{ build: BuildOutcome; program?: Program }> => {
    const result = await toolchain.build(
      Object.entries(files).map(([name, content]) => ({ name, content })),
      { signal },
    );
    if (result.kind === 'error')
      return { build: { kind: 'error', diagnostics: result.diagnostics.map(formatDiagnostic) } };
    return {
      build: { kind: 'ok', warnings: (result.warnings ?? []).map(formatDiagnostic) },
      program: result.program,
    };
  };

  const runOn = (runner: Runner, program: Program, input: ProgramInput, signal: AbortSignal): Promise<RunResult> =>
    runner.run(
      caseRequest(
        program,
        pack.target.program,
        {
          id: 'agent',
          argv: input.args,
          ...(input.stdin !== undefined ? { stdin: input.stdin } : {}),
          ...(input.files ? { files: input.files } : {}),
        },
        limits,
      ),
      { signal },
    );

  return {
    target: { id: pack.target.id, program: pack.target.program, description: pack.target.description ?? '' },
    language: toolchain.id,
    docs: async () => docsText,
    oracle: (input, signal) => runOn(oracleRunner, oracle, input, signal),
    build: async (files, signal) => (await compile(files, signal)).build,
    run: async (files, input, signal) => {
      const c = await compile(files, signal);
      return c.program ? runOn(candidateRunner, c.program, input, signal) : { kind: 'build-error', build: c.build };
    },
    runVisibleTests: async (files, signal) => {
      const c = await compile(files, signal);
      if (!c.program) return { passed: 0, total: pack.visible.length, failures: [], build: c.build };
      const report = await scoreCandidate({
        pack,
        candidate: c.program,
        runner: candidateRunner,
        only: 'visible',
        signal,
      });
      const failures: VisibleFailure[] = report.cases
        .filter((r) => r.verdict.kind !== 'pass')
        .slice(0, MAX_VISIBLE_FAILURES)
        .map((r) => {
          const expected = gold.get(r.id);
          const detail = expected && r.actual ? renderOutcomeDiff(expected, r.actual) : describeVerdict(r.verdict);
          return { id: r.id, detail: detail.slice(0, MAX_FAILURE_CHARS) };
        });
      return { passed: report.visible.passed, total: report.visible.total, failures };
    },
    submit: async (files, signal) => {
      const c = await compile(files, signal);
      if (!c.program)
        return {
          passed: 0,
          total: pack.hidden.length,
          visible: { passed: 0, total: pack.visible.length },
          build: c.build,
        };
      const report = await scoreCandidate({ pack, candidate: c.program, runner: candidateRunner, signal });
      // Counts only: the report's cases (ids, outputs) never leave this function.
      return { passed: report.hidden.passed, total: report.hidden.total, visible: report.visible };
    },
  };
}
