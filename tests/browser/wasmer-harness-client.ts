// Node side of the wasmer harness page (tests/browser/wasmer-harness.ts), for its tests and benchmarks.
import type { Page } from 'playwright-core';
import type { WasmerHarness } from './wasmer-harness.ts';

/** Calls one of the harness page's methods (tests/browser/wasmer-harness.ts) in `page`. */
export function callHarness<K extends keyof WasmerHarness>(
  page: Page,
  method: K,
  ...args: Parameters<WasmerHarness[K]>
): Promise<Awaited<ReturnType<WasmerHarness[K]>>> {
  return page.evaluate(
    ([name, values]) =>
      (window as unknown as { wasmerHarness: Record<string, (...a: unknown[]) => unknown> }).wasmerHarness[name]!(
        ...values,
      ),
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<WasmerHarness[K]>>>;
}

/** Opens the harness page from the dev server at `devUrl` in `page` and waits until its API is there. */
export async function openHarness(page: Page, devUrl: string): Promise<void> {
  await page.goto(`${devUrl}/tests/browser/wasmer-harness.html`);
  await page.waitForFunction(() => document.querySelector('#state')?.textContent === 'ready');
}
