/**
 * The loop end to end on real pieces: the built uuidparse pack, its oracle in the Node worker pool, the Python
 * toolchain (Pyodide), scoreCandidate, through the CLI's own host (src/node/agent-environment.ts). A scripted model
 * plays the agent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeAgentEnvironment } from '../../src/node/agent-environment.ts';
import { createNodePool } from '../../src/node/node-pool.ts';
import { loadBuiltTarget } from '../../src/node/target-store.ts';
import { pythonToolchain } from '../../toolchains/python/adapter.ts';
import { runAgent } from '../../src/agent/loop.ts';
import { MemoryCheckpointStore } from '../../src/agent/memory-store.ts';
import { callTurn, listScript, ScriptedModel } from '../../src/agent/testing/scripted.ts';

const KEY = 'test-key-not-real-0002';
const built = loadBuiltTarget('uuidparse');
if (built.kind === 'error') throw new Error(built.message);
const { pack, oracle, dir } = built.value;
const docsText = [pack.docs.man, pack.docs.help]
  .flatMap((file) => (file ? [readFileSync(join(dir, file), 'utf8')] : []))
  .join('\n\n');
const solution = readFileSync(
  fileURLToPath(new URL('../fixtures/solutions/uuidparse-py/main.py', import.meta.url)),
  'utf8',
);

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
      environment: createNodeAgentEnvironment({
        built: built.value,
        toolchain: pythonToolchain,
        oracleRunner: pool,
        candidateRunner: pool,
      }),
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
      environment: createNodeAgentEnvironment({
        built: built.value,
        toolchain: pythonToolchain,
        oracleRunner: pool,
        candidateRunner: pool,
      }),
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
