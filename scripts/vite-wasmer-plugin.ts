import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { OutgoingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connect, Plugin } from 'vite';
import { WASMER_SDK_PATH, WASMER_SDK_VERSION } from '../src/browser/wasmer-sdk-path.ts';
import { WORKER_ASSET_DIR, WORKER_CSP } from './vite-worker-csp-plugin.ts';

/** The SDK's files a browser needs: its modules, its core wasm, and the licences that travel with them. */
const SERVED = /\.(js|mjs|wasm)$|LICENSE$/;
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};
/** The project's own additions, served into the SDK's dist/ folder (see workers/wasmer-sdk/*.js). */
const OWN_FILES = fileURLToPath(new URL('../workers/wasmer-sdk/', import.meta.url));

/**
 * Serves @wasmer/sdk's dist/ and pkg/ folders unchanged at WASMER_SDK_PATH, plus the project's worker entry for the
 * SDK: from node_modules in `vite dev`, copied into the build by `vite build` (which `vite preview` then serves as
 * static files). The SDK cannot be bundled: its inner worker (`new URL('./browser-worker.js', import.meta.url)`)
 * comes out of `vite build` with unresolved imports, so workers/terminal.worker.ts imports it at run time from here.
 * The plugin also keeps Vite from pre-bundling the SDK, which would break the SDK's own relative URLs.
 */
export function wasmerSdkPlugin(): Plugin {
  const files = servedFiles();
  return {
    name: 'mirrorbox-wasmer-sdk',
    config: () => ({ optimizeDeps: { exclude: ['@wasmer/sdk'] } }),
    configResolved() {
      const installed = (JSON.parse(readFileSync(join(sdkRoot(), 'package.json'), 'utf8')) as { version: string })
        .version;
      if (installed !== WASMER_SDK_VERSION)
        throw new Error(
          `@wasmer/sdk ${installed} is installed but src/browser/wasmer-sdk-path.ts names ${WASMER_SDK_VERSION}`,
        );
      if (!WASMER_SDK_PATH.startsWith(`${WORKER_ASSET_DIR}/`))
        throw new Error(`${WASMER_SDK_PATH} must stay under ${WORKER_ASSET_DIR}/, where worker scripts get their CSP`);
    },
    configureServer(server) {
      server.middlewares.use(serveSdk(files, server.config.server.headers ?? {}));
    },
    generateBundle() {
      for (const [path, source] of files)
        this.emitFile({ type: 'asset', fileName: `${WASMER_SDK_PATH}/${path}`, source: readFileSync(source) });
    },
  };
}

function sdkRoot(): string {
  // The package's exports do not include package.json; its Node entry is dist/node.js.
  return dirname(dirname(createRequire(import.meta.url).resolve('@wasmer/sdk')));
}

/** Served path (relative to WASMER_SDK_PATH, with `/`) → file on disk. */
function servedFiles(): Map<string, string> {
  const root = sdkRoot();
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir)).flatMap((name) => {
      const path = join(dir, name);
      return statSync(join(root, path)).isDirectory() ? walk(path) : SERVED.test(name) ? [path] : [];
    });
  const files = new Map<string, string>();
  for (const path of [...walk('dist'), ...walk('pkg')]) files.set(path.split(sep).join('/'), join(root, path));
  files.set('LICENSE', join(root, 'LICENSE'));
  for (const name of readdirSync(OWN_FILES)) files.set(`dist/${name}`, join(OWN_FILES, name));
  return files;
}

/**
 * The dev server's handler for WASMER_SDK_PATH. It answers before Vite's own middleware, so it sets the isolation
 * headers itself (the SDK's workers need SharedArrayBuffer) and the worker CSP: the SDK's inner workers run guest
 * programs, and a worker's CSP comes from its own script's response.
 */
function serveSdk(files: Map<string, string>, headers: OutgoingHttpHeaders): Connect.NextHandleFunction {
  const prefix = `/${WASMER_SDK_PATH}/`;
  return (req, res, next) => {
    const path = (req.url ?? '').split('?', 1)[0] as string;
    if (!path.startsWith(prefix)) return next();
    // Only the listed files: no other path on disk can be asked for.
    const file = files.get(decodeURIComponent(path.slice(prefix.length)));
    if (!file) {
      res.statusCode = 404;
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
    res.setHeader('Content-Security-Policy', WORKER_CSP);
    res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'text/plain; charset=utf-8');
    res.end(readFileSync(file));
  };
}
