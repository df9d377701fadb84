import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

/**
 * The app imports the providers table at start; the SDKs must stay out of that first chunk and load only when a
 * client of their provider is made (each in a chunk of its own).
 */
it('the providers table bundles without either SDK; each SDK is loaded lazily', async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../src/models/providers.ts', import.meta.url))],
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    outdir: '/bundle',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const outputs = result.metafile.outputs;
  const entry = Object.entries(outputs).find(([, o]) => o.entryPoint?.endsWith('providers.ts'));
  expect(entry).toBeDefined();
  // What the entry chunk loads at once, itself and its static imports, transitively.
  const eager = new Set<string>();
  const visit = (path: string): void => {
    if (eager.has(path)) return;
    eager.add(path);
    for (const i of outputs[path]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry![0]);
  const eagerInputs = [...eager].flatMap((path) => Object.keys(outputs[path]?.inputs ?? {}));
  expect(eagerInputs.filter((input) => input.includes('node_modules'))).toEqual([]);
  const eagerBytes = [...eager].reduce((sum, path) => sum + (outputs[path]?.bytes ?? 0), 0);
  expect(eagerBytes).toBeLessThan(16_000);
  // And both SDKs are in the bundle at all (lazily), so the checks above are not met by leaving them out.
  for (const pkg of ['@anthropic-ai/sdk', 'openai']) {
    const chunks = Object.entries(outputs).filter(([, o]) =>
      Object.keys(o.inputs).some((input) => input.includes(`node_modules/${pkg}/`)),
    );
    expect(chunks.length, pkg).toBeGreaterThan(0);
    for (const [path] of chunks) expect(eager.has(path), path).toBe(false);
  }
});
