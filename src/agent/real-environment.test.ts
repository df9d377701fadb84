/**
 * The loop end to end on real pieces: the built uuidparse pack, its oracle in the Node worker pool, the Python
 * toolchain (Pyodide) and scoreCandidate. The environment is put together here, in the test, from the same parts the
 * CLI uses; the CLI's own host is another module. A scripted model plays the agent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { caseRequest } from '../core/case-request.ts';
import { renderOutcomeDiff } from '../core/case-diff.ts';
import { outcomeFromJson } from '../core/gold.ts';
import { withDefaults } from '../core/limits.ts';
import type { Program } from '../core/run-request.ts';
import type { RunResult } from '../core/run-result.ts';
import { scoreCandidate } from '../core/score.ts';
import { describeVerdict } from '../core/verdict.ts';
import { createNodePool } from '../node/node-pool.ts';
import { loadBuiltTarget } from '../node/target-store.ts';
import { formatDiagnostic } from '../../toolchains/format-diagnostic.ts';
import { pythonToolchain } from '../../toolchains/python/adapter.ts';
import type { AgentEnvironment, BuildOutcome, ProgramInput, WorkspaceFiles } from './environment.ts';
import { runAgent } from './loop.ts';
import { MemoryCheckpointStore } from './memory-store.ts';
import { callTurn, listScript, ScriptedModel } from './testing/scripted.ts';

const KEY = 'test-key-not-real-0002';
const built = loadBuiltTarget('uuidparse');
if (built.kind === 'error') throw new Error(built.message);
const { pack, oracle, dir } = built.value;
const docsText = [pack.docs.man, pack.docs.help]
  .flatMap((file) => (file ? [readFileSync(join(dir, file), 'utf8')] : []))
  .join('\n\n');
const solution = readFileSync(
  fileURLToPath(new URL('../../tests/fixtures/solutions/uuidparse-py/main.py', import.meta.url)),
  'utf8',
);
const limits = withDefaults({});
const MAX_FAILURES = 3;

function realEnvironment(pool: ReturnType<typeof createNodePool>): AgentEnvironment {
  const compile = async (
    files: WorkspaceFiles,
    signal: AbortSignal,
  ): Promise<{ build: BuildOutcome; program?: Program }> => {
    const result = await pythonToolchain.build(
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
  const runOn = (program: Program, input: ProgramInput, signal: AbortSignal): Promise<RunResult> =>
    pool.run(
      caseRequest(
        program,
        pack.target.program,
        {
          id: 'agent',
          argv: input.args,
          ...(input.stdin ? { stdin: input.stdin } : {}),
          ...(input.files ? { files: input.files } : {}),
        },
        limits,
      ),
      { signal },
    );
  const gold = new Map(pack.visible.map((v) => [v.case.id, outcomeFromJson(v.gold)]));
  return {
    target: { id: pack.target.id, program: pack.target.program, description: pack.target.description ?? '' },
    language: 'python',
    docs: async () => docsText,
    oracle: (input, signal) => runOn(oracle, input, signal),
    build: async (files, signal) => (await compile(files, signal)).build,
    run: async (files, input, signal) => {
      const c = await compile(files, signal);
      return c.program ? runOn(c.program, input, signal) : { kind: 'build-error', build: c.build };
    },
    runVisibleTests: async (files, signal) => {
      const c = await compile(files, signal);
      if (!c.program) return { passed: 0, total: pack.visible.length, failures: [], build: c.build };
      const report = await scoreCandidate({ pack, candidate: c.program, runner: pool, only: 'visible', signal });
      const failures = report.cases
        .filter((r) => r.verdict.kind !== 'pass')
        .slice(0, MAX_FAILURES)
        .map((r) => {
          const expected = gold.get(r.id);
          const detail = expected && r.actual ? renderOutcomeDiff(expected, r.actual) : describeVerdict(r.verdict);
          return { id: r.id, detail: detail.slice(0, 2000) };
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
      const report = await scoreCandidate({ pack, candidate: c.program, runner: pool, signal });
      return { passed: report.hidden.passed, total: report.hidden.total, visible: report.visible };
    },
  };
}

describe('the agent loop on the real uuidparse pack, oracle and Python toolchain', { timeout: 300_000 }, () => {
  const pool = createNodePool(2);
  afterAll(() => pool.close());

  it('a scripted agent that writes the team’s Python solution and submits ends solved', async () => {
    const model = new ScriptedModel(
      listScript([
        callTurn([['docs', {}]]),
        callTurn([['oracle', { args: ['-J', '8a6d2f8e-5b5e-11ee-8c99-0242ac120002'] }]]),
        callTurn([['write_file', { path: 'main.py', content: 'import sys\nsys.exit(3)\n' }]]),
        callTurn([['run_tests', {}]]),
        callTurn([['write_file', { path: 'main.py', content: solution }]]),
        callTurn([
          ['run', { args: ['-J', '8a6d2f8e-5b5e-11ee-8c99-0242ac120002'] }],
          ['run_tests', {}],
        ]),
        callTurn([['submit', {}]]),
      ]),
    );
    const store = new MemoryCheckpointStore();
    const result = await runAgent({
      environment: realEnvironment(pool),
      model,
      settings: { budgets: { maxToolCalls: 50 }, contextTokens: 200_000 },
      store,
      signal: new AbortController().signal,
      secret: KEY,
    });
    expect(result).toMatchObject({
      target: 'uuidparse',
      lang: 'python',
      solved: true,
      stop: 'submitted',
      visible: { passed: pack.visible.length, total: pack.visible.length },
      hidden: { passed: pack.hidden.length, total: pack.hidden.length },
      toolCalls: 8,
    });
    const results = store.events().flatMap((e) => (e.kind === 'tool-result' ? [e] : []));
    // docs: the manual page itself.
    expect(results[0]?.text).toContain(docsText.slice(0, 200));
    // oracle and run agree byte for byte on the same input.
    const oracleText = results[1]?.text.split('\n\nbudget left:')[0];
    const runText = results[5]?.text.split('\n\nbudget left:')[0];
    expect(oracleText).toMatch(/^exit code 0\nstdout: \d+ bytes\n/);
    expect(runText).toBe(oracleText);
    // The broken first version: every visible test fails, and the first failures are shown bounded.
    expect(results[3]?.visible).toEqual({ passed: 0, total: pack.visible.length });
    expect(results[3]?.text).toMatch(/^visible tests: 0 of \d+ pass\n✗ /);
    // submit shows counts only: no hidden case id, no expected output.
    const submitted = results.at(-1)?.text ?? '';
    expect(submitted).toMatch(/^hidden tests: (\d+) of \1 pass\nvisible tests: (\d+) of \2 pass\nsolved\./);
    for (const h of pack.hidden.slice(0, 50)) expect(submitted).not.toContain(h.case.id);
    expect(store.allBytes()).not.toContain(KEY);
  });

  it('no tool gives the oracle’s bytes or the hidden expectations', async () => {
    const oracleHead = Array.from(oracle.bytes.subarray(0, 64), (b) => String.fromCharCode(b)).join('');
    const hiddenDigest = pack.hidden[0]?.digest ?? 'none';
    const model = new ScriptedModel(
      listScript([
        callTurn([
          ['read_file', { path: '../../build/targets/uuidparse/oracle.wasm' }],
          ['read_file', { path: '/build/targets/uuidparse/pack.json' }],
          ['read_file', { path: 'oracle.wasm' }],
          ['write_file', { path: '../escape.py', content: 'x' }],
          ['list_files', {}],
          ['oracle', { args: ['--help'], files: { 'pack.json': '{}' } }],
          ['oracle', { args: [], stdin: '/proc/self/exe\n' }],
          ['write_file', { path: 'main.py', content: 'import os\nprint(sorted(os.listdir("/")))\n' }],
          ['run', { args: [] }],
          ['run_tests', {}],
          ['submit', {}],
        ]),
      ]),
    );
    const store = new MemoryCheckpointStore();
    const result = await runAgent({
      environment: realEnvironment(pool),
      model,
      settings: { budgets: {}, contextTokens: 200_000 },
      store,
      signal: new AbortController().signal,
    });
    expect(result.stop).toBe('submitted');
    const texts = store.events().flatMap((e) => (e.kind === 'tool-result' ? [e] : []));
    expect(texts.slice(0, 4).map((t) => [t.isError, t.text.split('\n')[0]])).toEqual([
      [true, 'error: "../../build/targets/uuidparse/oracle.wasm": file names cannot have empty, . or .. parts'],
      [true, 'error: "/build/targets/uuidparse/pack.json": use a relative name (no leading /)'],
      [true, 'error: oracle.wasm: no such file in the workspace'],
      [true, 'error: "../escape.py": file names cannot have empty, . or .. parts'],
    ]);
    const all = store.allBytes();
    expect(all).not.toContain(oracleHead);
    expect(all).not.toContain(pack.oracle.sha256);
    expect(all).not.toContain(hiddenDigest);
    for (const h of pack.hidden.slice(0, 50)) expect(all).not.toContain(`"${h.case.id}"`);
  });
});
