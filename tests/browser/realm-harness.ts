/**
 * Test-only page (vite dev): the candidate realm's pool and the page's same-origin pool side by side, for the
 * realm's Chromium tests and the benchmark (bench/realm.ts), called through page.evaluate. Nothing here ships.
 */
import { createRealmPool } from '../../src/browser/candidate-realm.ts';
import { createBrowserPool } from '../../src/browser/browser-pool.ts';
import { caseRequest } from '../../src/core/case-request.ts';
import { sha256Hex } from '../../src/core/digest.ts';
import { DEFAULT_LIMITS } from '../../src/core/limits.ts';
import { parsePack } from '../../src/core/pack.ts';
import type { Program, ScriptEngine } from '../../src/core/run-request.ts';
import { describeStop, type RunResult } from '../../src/core/run-result.ts';
import type { WorkerPool } from '../../src/pool/worker-pool.ts';
import { scriptProgram } from '../../toolchains/script-program.ts';

export type PoolName = 'realm' | 'page';
const pools: Record<PoolName, WorkerPool> = { realm: createRealmPool(2), page: createBrowserPool(2) };

/** A run as the tests look at it. */
export interface RunSummary {
  kind: RunResult['kind'];
  code: number | null;
  stdout: string;
  stderr: string;
  stop: string | null;
}

function summary(result: RunResult): RunSummary {
  const decode = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : '');
  return {
    kind: result.kind,
    code: 'code' in result ? result.code : null,
    stdout: 'stdout' in result ? decode(result.stdout) : '',
    stderr: 'stderr' in result ? decode(result.stderr) : '',
    stop: describeStop(result) ?? null,
  };
}

async function wasm(url: string): Promise<Program> {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  return { id: sha256Hex(bytes), bytes };
}

async function pack(target: string) {
  const parsed = parsePack(await (await fetch(`/packs/${target}/pack.json`)).json());
  if (parsed.kind === 'error') throw new Error(parsed.message);
  return parsed.pack;
}

const api = {
  /** One run of a script program (`main.py` or `main.js`) in a pool. */
  async script(pool: PoolName, engine: ScriptEngine, source: string, argv: string[] = [], stdin = '', wallMs = 10_000) {
    const entry = engine === 'pyodide' ? 'main.py' : 'main.js';
    const result = await pools[pool].run({
      program: scriptProgram(engine, entry, { [entry]: source }),
      argv: [entry, ...argv],
      stdin: new TextEncoder().encode(stdin),
      env: {},
      clockNs: 0n,
      seed: 1,
      limits: { ...DEFAULT_LIMITS, wallMs },
    });
    return summary(result);
  },
  /**
   * Every case of a target's pack, with `candidate` as the program (`oracle` for the pack's own oracle, or script
   * sources): how many match the pack's gold outputs, and the wall time of the whole suite.
   */
  async suite(pool: PoolName, target: string, candidate: 'oracle' | { engine: ScriptEngine; source: string }) {
    const p = await pack(target);
    const program =
      candidate === 'oracle'
        ? await wasm(`/packs/${target}/${p.oracle.file}`)
        : scriptProgram(candidate.engine, candidate.engine === 'pyodide' ? 'main.py' : 'main.js', {
            [candidate.engine === 'pyodide' ? 'main.py' : 'main.js']: candidate.source,
          });
    const cases = [...p.visible.map((v) => v.case), ...p.hidden.map((h) => h.case)];
    const started = performance.now();
    const results = await Promise.all(
      cases.map((c) => pools[pool].run(caseRequest(program, p.target.program, c, DEFAULT_LIMITS))),
    );
    const ms = performance.now() - started;
    const kinds: Record<string, number> = {};
    for (const r of results) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
    return { cases: cases.length, ms, kinds, firstStop: results.map(describeStop).find((s) => s) ?? null };
  },
};

export type RealmHarness = typeof api;
(window as unknown as { realmHarness: RealmHarness }).realmHarness = api;
(document.querySelector('#state') as HTMLElement).textContent = 'ready';
