/**
 * Test-only page: exposes the browser worker pool to the Chromium tests, which call these functions through
 * playwright's page.evaluate. Nothing here ships in the app.
 */
import { createBrowserPool } from '../../src/browser/browser-pool.ts';
import { caseRequest } from '../../src/core/case-request.ts';
import { sha256Hex } from '../../src/core/digest.ts';
import { outcomeDigest, outcomeOf } from '../../src/core/gold.ts';
import { DEFAULT_LIMITS } from '../../src/core/limits.ts';
import { parsePack } from '../../src/core/pack.ts';
import { describeStop } from '../../src/core/run-result.ts';
import { selfChecks } from '../selfcheck/checks.ts';

async function program(url: string) {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  return { id: sha256Hex(bytes), bytes };
}

const pool = createBrowserPool(2);

const api = {
  /** Runs the self-check suite against the browser pool; returns failures by check name. */
  async selfCheck(): Promise<Record<string, string | null>> {
    const probe = await program('/build/fixtures/probe.wasm');
    const out: Record<string, string | null> = {};
    for (const check of selfChecks) out[check.name] = (await check.run(pool, probe)) ?? null;
    return out;
  },
  /** Runs a target's oracle over every case of its pack in Web Workers; returns each outcome's digest. */
  async oracleDigests(target: string): Promise<Record<string, string>> {
    const parsed = parsePack(await (await fetch(`/packs/${target}/pack.json`)).json());
    if (parsed.kind === 'error') throw new Error(parsed.message);
    const { pack } = parsed;
    const oracle = await program(`/packs/${target}/${pack.oracle.file}`);
    const cases = [...pack.visible.map((v) => v.case), ...pack.hidden.map((h) => h.case)];
    const out: Record<string, string> = {};
    await Promise.all(
      cases.map(async (c) => {
        const result = await pool.run(caseRequest(oracle, pack.target.program, c, DEFAULT_LIMITS));
        const outcome = outcomeOf(result);
        out[c.id] = outcome ? outcomeDigest(outcome) : `no outcome: ${describeStop(result)}`;
      }),
    );
    return out;
  },
  /** One oracle run with raw bytes back, for byte-for-byte comparison with the CLI. */
  async oracleRun(
    target: string,
    argv: string[],
    stdin: string,
  ): Promise<{ stdout: number[]; stderr: number[]; code: number | null }> {
    const parsed = parsePack(await (await fetch(`/packs/${target}/pack.json`)).json());
    if (parsed.kind === 'error') throw new Error(parsed.message);
    const oracle = await program(`/packs/${target}/${parsed.pack.oracle.file}`);
    const result = await pool.run(
      caseRequest(oracle, parsed.pack.target.program, { id: 'adhoc', argv, stdin }, DEFAULT_LIMITS),
    );
    const outcome = outcomeOf(result);
    return outcome
      ? { stdout: [...outcome.stdout], stderr: [...outcome.stderr], code: outcome.code }
      : { stdout: [], stderr: [], code: null };
  },
};

(window as unknown as { harness: typeof api }).harness = api;
(document.querySelector('#state') as HTMLElement).textContent = 'ready';
