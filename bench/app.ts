/**
 * `npm run bench:app`: the web app's two speed goals, measured on the production build. Not a test: it prints numbers
 * next to their goals and fails on nothing. Results also go to build/bench/app.json.
 *
 * - initial page JavaScript, gzipped: the entry chunk and everything it imports statically (the editor, the chart
 *   and the workers load later and are listed apart);
 * - navigation to the first oracle result: a fresh browser opens the oracle console and presses Run as soon as it
 *   can; measured in the page (performance.now() when the output shows), median of 3 fresh browsers.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildDir } from '../src/node/paths.ts';
import { launchChromium } from '../tests/browser/chromium.ts';
import { buildApp, startPreviewServer } from '../tests/app/preview.ts';

const OUT = join(buildDir, 'bench', 'app-dist');
const GOAL_INITIAL_KB = 250;
const GOAL_FIRST_RESULT_MS = 1000;
const ROUNDS = 3;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const gzipKb = (file: string): number => gzipSync(readFileSync(join(OUT, file))).length / 1024;

await buildApp(OUT, { manifest: true });
const manifest = JSON.parse(readFileSync(join(OUT, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;

/** The entry chunk and the closure of its static imports. */
const initial = new Set<string>();
const visit = (key: string): void => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const dep of chunk.imports ?? []) visit(dep);
};
visit('index.html');
const initialKb = [...initial].reduce((kb, f) => kb + gzipKb(f), 0);
const lazy = Object.values(manifest)
  .filter((c) => c.file.endsWith('.js') && !initial.has(c.file))
  .map((c) => ({ file: c.file, kb: gzipKb(c.file) }))
  .sort((a, b) => b.kb - a.kb);

const { server, url } = await startPreviewServer(OUT);
const firstResult: number[] = [];
try {
  for (let i = 0; i < ROUNDS; i++) {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`${url}/?target=uuidparse&tab=oracle`, { waitUntil: 'commit' });
      await page.locator('#oracle-args').fill('-J 8c6e3fbc-4f5a-11ee-be56-0242ac120002');
      await page.getByTestId('oracle-run').click();
      await page.locator('pre[data-stream="stdout"]').waitFor();
      firstResult.push(await page.evaluate(() => performance.now()));
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
const firstMs = median(firstResult);

const verdict = (ok: boolean): string => (ok ? 'within goal' : 'OVER GOAL');
console.log('mirrorbox app bench — production build, Debian Chromium');
console.log(
  `  initial page JS (gzip)        ${initialKb.toFixed(1)} KB in ${initial.size} file(s)  goal ≤ ${GOAL_INITIAL_KB} KB  ${verdict(initialKb <= GOAL_INITIAL_KB)}`,
);
console.log(
  `  navigation → first oracle run ${firstMs.toFixed(0)} ms (median of ${ROUNDS}: ${firstResult.map((m) => m.toFixed(0)).join(', ')})  goal ≤ ${GOAL_FIRST_RESULT_MS} ms  ${verdict(firstMs <= GOAL_FIRST_RESULT_MS)}`,
);
console.log('  loaded later (gzip):');
for (const { file, kb } of lazy.slice(0, 8)) console.log(`    ${kb.toFixed(1).padStart(6)} KB  ${file}`);
mkdirSync(join(buildDir, 'bench'), { recursive: true });
writeFileSync(
  join(buildDir, 'bench', 'app.json'),
  JSON.stringify({ initialKb, initialFiles: [...initial], firstResultMs: firstResult, lazy }, null, 2),
);
