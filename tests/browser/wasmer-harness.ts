/**
 * Test-only page for the @wasmer/sdk backend in Chromium: a page of its own, so the SDK (5 MB of WebAssembly and its
 * own workers, plus binaryen for the guest rewrite) never loads into the default browser harness
 * (docs/runtimes-wasmer.md). Called through playwright's page.evaluate.
 */
import { createBrowserPool } from '../../src/browser/browser-pool.ts';
import { createWasmerBrowserRunner } from '../../src/browser/wasmer-browser.ts';
import { sha256Hex } from '../../src/core/digest.ts';
import { parsePack } from '../../src/core/pack.ts';
import type { Runner } from '../../src/core/runner.ts';
import { scoreCandidate } from '../../src/core/score.ts';
import { describeVerdict } from '../../src/core/verdict.ts';
import { selfChecks } from '../selfcheck/checks.ts';

const runner = createWasmerBrowserRunner();
let shim: Runner | undefined;

/** Every case of a target's pack through one runner, the oracle scored as a candidate: the cases that do not pass. */
async function differing(target: string, through: Runner): Promise<{ cases: number; differing: string[] }> {
  const parsed = parsePack(await (await fetch(`/packs/${target}/pack.json`)).json());
  if (parsed.kind !== 'ok') throw new Error(`pack of ${target}: ${parsed.message}`);
  const { pack } = parsed;
  const bytes = new Uint8Array(await (await fetch(`/packs/${target}/${pack.oracle.file}`)).arrayBuffer());
  const report = await scoreCandidate({ pack, candidate: { id: sha256Hex(bytes), bytes }, runner: through });
  return {
    cases: report.cases.length,
    differing: report.cases
      .filter((c) => c.verdict.kind !== 'pass')
      .map((c) => `${c.id}: ${describeVerdict(c.verdict)}`)
      .sort(),
  };
}

const api = {
  /** Runs the self-check suite against the wasmer backend; returns failures by check name. */
  async selfCheck(): Promise<Record<string, string | null>> {
    const bytes = new Uint8Array(await (await fetch('/build/fixtures/probe.wasm')).arrayBuffer());
    const probe = { id: sha256Hex(bytes), bytes };
    const out: Record<string, string | null> = {};
    for (const check of selfChecks) {
      try {
        out[check.name] = (await check.run(runner, probe)) ?? null;
      } catch (e) {
        // An exception is a bug in the backend or the SDK; report it as this check's failure, not the page's.
        out[check.name] = `threw: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    return out;
  },
  /** Parity in the browser: the target's every case through the shim pool and through wasmer, against its pack. */
  async parity(
    target: string,
  ): Promise<{ cases: number; shim: string[]; wasmer: string[]; ms: { shim: number; wasmer: number } }> {
    shim ??= createBrowserPool();
    let t = performance.now();
    const viaShim = await differing(target, shim);
    const shimMs = performance.now() - t;
    t = performance.now();
    const viaWasmer = await differing(target, runner);
    return {
      cases: viaShim.cases,
      shim: viaShim.differing,
      wasmer: viaWasmer.differing,
      ms: { shim: shimMs, wasmer: performance.now() - t },
    };
  },
};

(window as unknown as { wasmerHarness: typeof api }).wasmerHarness = api;
(document.querySelector('#state') as HTMLElement).textContent = 'ready';
