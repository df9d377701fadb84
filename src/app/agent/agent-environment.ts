import type { AgentEnvironment, BuildOutcome, ProgramInput, WorkspaceFiles } from '../../agent/environment.ts';
import { renderOutcomeDiff } from '../../core/case-diff.ts';
import { caseRequest } from '../../core/case-request.ts';
import { outcomeFromJson } from '../../core/gold.ts';
import { DEFAULT_LIMITS, type Limits } from '../../core/limits.ts';
import type { Pack } from '../../core/pack.ts';
import type { Program } from '../../core/run-request.ts';
import type { RunResult } from '../../core/run-result.ts';
import { scoreCandidate } from '../../core/score.ts';
import { describeVerdict } from '../../core/verdict.ts';
import { formatDiagnostic } from '../../../toolchains/format-diagnostic.ts';
import type { Toolchain } from '../../../toolchains/index.ts';
import { sharedRunner } from '../exec/shared-pool.ts';
import { loadDoc, loadOracle } from '../packs/pack-store.ts';

/** Failing visible cases whose diff the agent sees after run_tests, and the size of each. */
const MAX_FAILURES = 3;
const DIFF_CHARS = 2000;

/**
 * The agent's environment from the page's own pieces: the pack as the app loads it, the oracle run the way the
 * Oracle console runs it, candidates built with the chosen in-browser toolchain and run through the page's shared
 * runner, scored with scoreCandidate. The oracle's module stays inside the runner (only its outputs come back) and
 * submit returns the report's counts, never a hidden case.
 */
export function appAgentEnvironment(pack: Pack, toolchain: Toolchain, limits: Partial<Limits> = {}): AgentEnvironment {
  const runLimits: Limits = { ...DEFAULT_LIMITS, ...limits };
  const program = pack.target.program;

  const compile = async (
    files: WorkspaceFiles,
    signal: AbortSignal,
  ): Promise<{ build: BuildOutcome; program?: Program }> => {
    const sources = Object.entries(files).map(([name, content]) => ({ name, content }));
    try {
      const result = await toolchain.build(sources, { signal });
      if (result.kind === 'error')
        return { build: { kind: 'error', diagnostics: result.diagnostics.map(formatDiagnostic) } };
      return {
        build: { kind: 'ok', warnings: (result.warnings ?? []).map(formatDiagnostic) },
        program: result.program,
      };
    } catch (error) {
      // A compiler that failed to load (offline tab) is a build error the agent reads, not a crash of the run.
      return { build: { kind: 'error', diagnostics: [error instanceof Error ? error.message : String(error)] } };
    }
  };

  const runOn = (candidate: Program, input: ProgramInput, signal: AbortSignal): Promise<RunResult> =>
    sharedRunner.run(
      caseRequest(
        candidate,
        program,
        {
          id: 'agent',
          argv: input.args,
          ...(input.stdin !== undefined && { stdin: input.stdin }),
          ...(input.files && { files: input.files }),
        },
        runLimits,
      ),
      { signal },
    );

  const gold = new Map(pack.visible.map((v) => [v.case.id, outcomeFromJson(v.gold)]));

  return {
    target: { id: pack.target.id, program, description: pack.target.description ?? '' },
    language: toolchain.id,
    async docs() {
      const texts: string[] = [];
      for (const path of [pack.docs.man, pack.docs.help]) {
        if (!path) continue;
        const doc = await loadDoc(pack, path);
        texts.push(doc.kind === 'ok' ? doc.value : `(${path} could not be loaded: ${doc.message})`);
      }
      return texts.join('\n\n');
    },
    async oracle(input, signal) {
      const oracle = await loadOracle(pack);
      if (oracle.kind === 'error')
        return { kind: 'invalid-module', message: `the oracle could not be loaded: ${oracle.message}`, ms: 0 };
      return runOn(oracle.value, input, signal);
    },
    build: async (files, signal) => (await compile(files, signal)).build,
    async run(files, input, signal) {
      const c = await compile(files, signal);
      return c.program ? runOn(c.program, input, signal) : { kind: 'build-error', build: c.build };
    },
    async runVisibleTests(files, signal) {
      const c = await compile(files, signal);
      if (!c.program) return { passed: 0, total: pack.visible.length, failures: [], build: c.build };
      const report = await scoreCandidate({
        pack,
        candidate: c.program,
        runner: sharedRunner,
        only: 'visible',
        limits,
        signal,
      });
      const failures = report.cases
        .filter((r) => r.verdict.kind !== 'pass')
        .slice(0, MAX_FAILURES)
        .map((r) => {
          const expected = gold.get(r.id);
          const detail = expected && r.actual ? renderOutcomeDiff(expected, r.actual) : describeVerdict(r.verdict);
          return { id: r.id, detail: detail.slice(0, DIFF_CHARS) };
        });
      return { passed: report.visible.passed, total: report.visible.total, failures };
    },
    async submit(files, signal) {
      const c = await compile(files, signal);
      if (!c.program)
        return {
          passed: 0,
          total: pack.hidden.length,
          visible: { passed: 0, total: pack.visible.length },
          build: c.build,
        };
      const report = await scoreCandidate({ pack, candidate: c.program, runner: sharedRunner, limits, signal });
      return { passed: report.hidden.passed, total: report.hidden.total, visible: report.visible };
    },
  };
}
