import { buildSync, type BuildOptions } from 'esbuild';
import { pathToFileURL } from 'node:url';

/**
 * A worker_threads script as one plain-JS module bundled by esbuild from the TypeScript sources, as a data: URL. A
 * worker made from it starts without a TypeScript loader (tens of milliseconds, and no loader scanning what it
 * imports) and can never be stale. `from` is the module the bundle stands for: it becomes the bundle's
 * `import.meta.url`, since a data: URL is refused by Node's createRequire and resolves nothing relative to itself.
 */
export function workerBundleUrl(
  input: Pick<BuildOptions, 'entryPoints' | 'stdin' | 'external'>,
  from: string,
  finish: (code: string) => string = (code) => code,
): URL {
  const out = buildSync({
    ...input,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'error',
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(from).href) },
  });
  return new URL(`data:text/javascript,${encodeURIComponent(finish(out.outputFiles[0]?.text ?? ''))}`);
}

/**
 * A script for a child process, bundled by esbuild into one plain-JS module written at `outfile`. Unlike the
 * worker_threads bundle it runs from a real file, so its `import.meta.url` is its own location: a child in a
 * sandbox sees only the files bound next to it, and resolves the engines from there.
 */
export function bundleToFile(entry: string, outfile: string): void {
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
}
