import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Connect, Plugin } from 'vite';

/**
 * The files `loadPyodide({ indexURL, fullStdLib: false })` reads in a browser worker: the loader the engine imports,
 * the Emscripten module it imports, the interpreter's WebAssembly, the standard library and the package lock (read
 * at start-up even when no package is loaded). Packages beyond the standard library are not served: a program that
 * imports one fails like a missing module.
 */
export const PYODIDE_FILES = [
  'pyodide.mjs',
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
] as const;

const CONTENT_TYPES: Record<string, string> = {
  mjs: 'text/javascript',
  wasm: 'application/wasm',
  zip: 'application/zip',
  json: 'application/json',
};

/** The installed (pinned) pyodide package: its folder and version. */
export function pyodidePackage(): { dir: string; version: string } {
  const manifest = createRequire(import.meta.url).resolve('pyodide/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { dir: dirname(manifest), version };
}

/**
 * Where the site serves Pyodide, relative to the base. Under assets/ with the version in the folder name: hosts cache
 * assets/ for good (docs/hosting.md), which is only right because a new Pyodide gets a new folder.
 */
export function pyodideServedDir(version: string): string {
  return `assets/pyodide-${version}/`;
}

/**
 * Self-hosts Pyodide from node_modules/pyodide: copies its files into the build (`dist/assets/pyodide-<version>/`,
 * as they are, never inlined) and serves them from node_modules under the same path in `vite dev`. The bundle learns
 * the folder as `import.meta.env.MIRRORBOX_PYODIDE_DIR` (src/runtimes/pyodide/engine.ts turns it into `indexURL`).
 * Nothing is fetched from anywhere but the app's origin.
 */
export function pyodidePlugin(): Plugin {
  const { dir, version } = pyodidePackage();
  const served = pyodideServedDir(version);
  let base = '/';
  return {
    name: 'mirrorbox-pyodide',
    config: () => ({
      define: { 'import.meta.env.MIRRORBOX_PYODIDE_DIR': JSON.stringify(served) },
      // Pre-bundling would move pyodide.mjs away from the files it loads relative to itself.
      optimizeDeps: { exclude: ['pyodide'] },
    }),
    configResolved(config) {
      base = config.base;
    },
    configureServer(server) {
      const prefix = `${base}${served}`;
      const middleware: Connect.NextHandleFunction = (req, res, next) => {
        const path = (req.url ?? '').split('?', 1)[0] ?? '';
        const name = path.startsWith(prefix) ? path.slice(prefix.length) : '';
        if (!(PYODIDE_FILES as readonly string[]).includes(name)) return next();
        const file = join(dir, name);
        // This answer bypasses Vite's static serving, which is what would add server.headers (cross-origin isolation).
        for (const [header, value] of Object.entries(server.config.server.headers ?? {}))
          if (value !== undefined) res.setHeader(header, value);
        res.setHeader(
          'Content-Type',
          CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
        );
        res.setHeader('Content-Length', statSync(file).size);
        if (req.method === 'HEAD') res.end();
        else createReadStream(file).pipe(res);
      };
      server.middlewares.use(middleware);
    },
    generateBundle() {
      // Only the page's build: worker bundles are built by their own pipeline and must not get a second copy.
      if (this.environment.name !== 'client') return;
      for (const name of PYODIDE_FILES)
        this.emitFile({ type: 'asset', fileName: `${served}${name}`, source: readFileSync(join(dir, name)) });
    },
  };
}
