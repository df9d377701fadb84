/**
 * Test-only page for the @wasmer/sdk backend in Chromium: a page of its own, so the SDK (5 MB of WebAssembly and its
 * own workers, plus binaryen for the guest rewrite) never loads into the default browser harness
 * (docs/runtimes-wasmer.md). Called through playwright's page.evaluate.
 */
import { pagePool } from '../../src/browser/browser-pool.ts';
import { createWasmerBrowserRunner } from '../../src/browser/wasmer-browser.ts';
import { sha256Hex } from '../../src/core/digest.ts';
import { parsePack, type Pack } from '../../src/core/pack.ts';
import type { WasmProgram } from '../../src/core/run-request.ts';
import { caseRequest } from '../../src/core/case-request.ts';
import { DEFAULT_LIMITS } from '../../src/core/limits.ts';
import type { Runner } from '../../src/core/runner.ts';
import { scoreCandidate } from '../../src/core/score.ts';
import { describeVerdict } from '../../src/core/verdict.ts';
import { probeRequest, selfChecks } from '../selfcheck/checks.ts';
import { parityIds } from '../parity/sample.ts';

/** Why the backend replaced its worker, in the order it did (see src/browser/wasmer-browser.ts). */
const restarts: string[] = [];
const runner = createWasmerBrowserRunner({ onRestart: (why) => restarts.push(why) });

/** The self-check probe (tests/fixtures/probe.c), as built for the harness pages. */
async function loadProbe(): Promise<WasmProgram> {
  const bytes = new Uint8Array(await (await fetch('/build/fixtures/probe.wasm')).arrayBuffer());
  return { id: sha256Hex(bytes), bytes };
}

/** A built target's pack and oracle, as the app fetches them. */
async function loadPack(target: string): Promise<{ pack: Pack; oracle: WasmProgram }> {
  const parsed = parsePack(await (await fetch(`/packs/${target}/pack.json`)).json());
  if (parsed.kind !== 'ok') throw new Error(`pack of ${target}: ${parsed.message}`);
  const { pack } = parsed;
  const bytes = new Uint8Array(await (await fetch(`/packs/${target}/${pack.oracle.file}`)).arrayBuffer());
  return { pack, oracle: { id: sha256Hex(bytes), bytes } };
}

/** Every case of a target's pack through one runner, the oracle scored as a candidate: the cases that do not pass. */
async function differing(
  { pack, oracle }: { pack: Pack; oracle: WasmProgram },
  through: Runner,
  ids?: ReadonlySet<string>,
): Promise<{ cases: number; differing: string[] }> {
  const report = await scoreCandidate({ pack, candidate: oracle, runner: through, ids });
  return {
    cases: report.cases.length,
    differing: report.cases
      .filter((c) => c.verdict.kind !== 'pass')
      .map((c) => `${c.id}: ${describeVerdict(c.verdict)}`)
      .sort(),
  };
}

const api = {
  /**
   * A guest spinning without system calls, past its limit: a timeout, after which the backend's worker is replaced
   * (the SDK cannot stop that thread), and the next run works.
   */
  async endlessLoop() {
    const restarts: string[] = [];
    const own = createWasmerBrowserRunner({ onRestart: (why) => restarts.push(why) });
    try {
      const probe = await loadProbe();
      const first = await own.run(probeRequest(probe, ['spin'], {}, { wallMs: 300 }));
      const next = await own.run(probeRequest(probe, ['exit', '3']));
      return { first: first.kind, restarts, next: `${next.kind} ${'code' in next ? next.code : ''}` };
    } finally {
      await own.close();
    }
  },

  /**
   * A page out of WebAssembly memory (a worker holds every memory Chromium will give) while the backend runs a few
   * uuidparse cases: the SDK cannot instantiate the guest, the backend replaces its worker, the memories are freed
   * when it does (the hog is terminated on restart), and the cases run again and pass.
   */
  async outOfWasmMemory() {
    const restarts: string[] = [];
    const released: number[] = [];
    let hog: Worker | undefined;
    const own = createWasmerBrowserRunner({
      onRestart(why, idle) {
        restarts.push(why);
        released.push(idle);
        hog?.terminate();
      },
    });
    try {
      const uuidparse = await loadPack('uuidparse');
      const { pack, oracle } = uuidparse;
      const ids = new Set(pack.visible.slice(0, 8).map((v) => v.case.id));
      // The page's pool has run something, as in the app: its idle workers are released with the restart.
      const pool = pagePool();
      const onShim = await differing(uuidparse, pool, ids);
      if (onShim.differing.length > 0) throw new Error(`on the shim: ${onShim.differing.join('; ')}`);
      // Cancelled as soon as it is sent, the first run stops after the guest rewrite, before any process starts:
      // the SDK and binaryen are up, and no worker of the SDK holds a memory it could collect to make room.
      const cancel = new AbortController();
      const first = own.run(caseRequest(oracle, 'uuidparse', pack.visible[0]!.case, DEFAULT_LIMITS), {
        signal: cancel.signal,
      });
      cancel.abort();
      const warm = await first;
      if (warm.kind !== 'cancelled') throw new Error(`warm-up: ${warm.kind}`);
      hog = new Worker(new URL('./wasm-memory-hog.ts', import.meta.url), { type: 'module' });
      const full = await new Promise<{ held: number; refused: string }>((resolve) => {
        hog?.addEventListener('message', (e: MessageEvent<{ held: number; refused: string }>) => resolve(e.data));
      });
      const after = await differing(uuidparse, own, ids);
      return { ...full, restarts, released, poolSize: pool.size, ...after };
    } finally {
      hog?.terminate();
      await own.close();
    }
  },

  /** Runs the self-check suite against the wasmer backend; returns failures by check name. */
  async selfCheck(): Promise<Record<string, string | null>> {
    const probe = await loadProbe();
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
  /** Parity in the browser: the target's cases (all, or a spread sample: tests/parity/sample.ts) through the shim pool and through wasmer, against its pack. */
  async parity(target: string, limit: number | undefined) {
    const loaded = await loadPack(target);
    const ids = parityIds(loaded.pack, limit);
    // The page's pool, as in the app: the one a wasmer restart releases the idle workers of.
    let t = performance.now();
    const viaShim = await differing(loaded, pagePool(), ids);
    const shimMs = performance.now() - t;
    t = performance.now();
    const viaWasmer = await differing(loaded, runner, ids);
    return {
      cases: viaShim.cases,
      shim: viaShim.differing,
      wasmer: viaWasmer.differing,
      ms: { shim: shimMs, wasmer: performance.now() - t },
      restarts: restarts.length,
    };
  },
};

/** What the tests and benchmarks call through page.evaluate (imported as a type only: this file runs in the page). */
export type WasmerHarness = typeof api;

(window as unknown as { wasmerHarness: WasmerHarness }).wasmerHarness = api;
(document.querySelector('#state') as HTMLElement).textContent = 'ready';
