/**
 * Test-only page for the @wasmer/sdk backend in Chromium: a page of its own, so the SDK (5 MB of WebAssembly and its
 * own workers, plus binaryen for the guest rewrite) never loads into the default browser harness
 * (docs/runtimes-wasmer.md). Called through playwright's page.evaluate.
 */
import { createWasmerBrowserRunner } from '../../src/browser/wasmer-browser.ts';
import { sha256Hex } from '../../src/core/digest.ts';
import { selfChecks } from '../selfcheck/checks.ts';

const runner = createWasmerBrowserRunner();

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
};

(window as unknown as { wasmerHarness: typeof api }).wasmerHarness = api;
(document.querySelector('#state') as HTMLElement).textContent = 'ready';
