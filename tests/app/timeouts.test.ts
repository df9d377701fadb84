/**
 * Issue 16, point 4: a candidate that loops forever must not hold a run for half an hour. A prebuilt WASI module
 * that never ends (tests/fixtures/spin.c, stopped only by the pool's watchdog) runs on all 400 of uuidparse's
 * visible tests in the Tests tab (production build, Debian Chromium) with the defaults: each test gets the relative
 * limit (max(1 s, 20 × the oracle's time), here the 1 s floor: the oracle takes milliseconds), and the run stops
 * after 3 timeouts in a row with a line saying so and how many tests were not run. Before, every test got 10 s and
 * the run went on for 400 × 10 s over the pool's workers.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDir } from '../../src/node/paths.ts';
import { usePreviewPage } from './preview-page.ts';

describe('a looping candidate over many tests (Chromium, production build)', () => {
  const app = usePreviewPage({ width: 1280, height: 800 });

  it('gets the relative limit and stops after 3 timeouts in a row, saying so', { timeout: 120_000 }, async () => {
    await app.page.goto(`${app.base}/?target=uuidparse&tab=workspace`);
    await app.page.locator('#toolchain').selectOption('wasm');
    await app.page.getByTestId('upload-input').setInputFiles(join(buildDir, 'fixtures', 'spin.wasm'));
    await app.page.getByText(/spin\.wasm added/).waitFor();
    await app.page.getByRole('tab', { name: 'Tests' }).click();
    expect(await app.page.getByTestId('time-limit-mode').inputValue()).toBe('relative');
    expect(await app.page.getByTestId('stop-after-timeouts').inputValue()).toBe('3');
    await app.page.getByTestId('run-tests').click();

    const stop = app.page.getByTestId('timeout-stop');
    await stop.waitFor({ timeout: 90_000 });
    const line = await stop.innerText();
    console.log(line);
    const notRun = Number(/: (\d+) tests were not run/.exec(line)?.[1]);
    expect(line).toMatch(/^Stopped after 3 timeouts in a row: \d+ tests were not run\./);
    expect(notRun).toBeGreaterThan(300);
    // The floor for (nearly) every case: the oracle takes milliseconds, though a busy machine may slow a few runs.
    expect(await app.page.getByTestId('run-limit').innerText()).toMatch(/^time limit 1\.00 s( to [\d.]+ s)? per test$/);
    expect(await app.page.locator('tr[data-verdict="timeout"]').count()).toBeGreaterThanOrEqual(3);
    expect(await app.page.locator('tr[data-verdict="cancelled"]').count()).toBe(notRun);
    expect(await app.page.getByTestId('run-tests').isEnabled()).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
