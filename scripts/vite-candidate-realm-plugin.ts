import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { Connect, Plugin } from 'vite';
import { WORKER_ASSET_DIR } from './vite-worker-csp-plugin.ts';

const ENTRY = fileURLToPath(new URL('../workers/candidate-realm.worker.ts', import.meta.url));

/**
 * The candidate realm's worker (workers/candidate-realm.worker.ts) as one classic script with everything inside:
 * the realm's workers start from a blob: URL the iframe makes of it and can fetch nothing, so there is no chunk to
 * load later. Classic, not a module: Chromium refuses a module worker from a blob: URL in an opaque-origin frame.
 */
export function candidateRealmBundle(): string {
  const out = buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // Node-only branches of the engines (createRequire), never taken in a browser.
    external: ['module', 'node:*'],
    write: false,
    logLevel: 'error',
    // Read only on Node or by a same-origin worker's Pyodide lookup, neither of which happens here.
    define: { 'import.meta.env': '{}', 'import.meta.url': '"about:blank"' },
  });
  const text = out.outputFiles[0]?.text;
  if (text === undefined) throw new Error('esbuild wrote no candidate realm bundle');
  return text;
}

/**
 * Builds that bundle and serves it as a same-origin asset the page fetches on its first candidate run (never at
 * load): `assets/workers/candidate-realm-<hash>.js`, its path given to the page as
 * `import.meta.env.MIRRORBOX_REALM_WORKER`. In `vite dev` the same path is rebuilt at each request.
 */
export function candidateRealmPlugin(): Plugin {
  let bundle: string | undefined;
  const built = (): string => (bundle ??= candidateRealmBundle());
  let fileName = '';
  return {
    name: 'mirrorbox-candidate-realm',
    config(_config, env) {
      // The dev server's name needs no hash (it rebuilds on each request); the build's names the content.
      const hash = env.command === 'build' ? createHash('sha256').update(built()).digest('hex').slice(0, 12) : 'dev';
      fileName = `${WORKER_ASSET_DIR}/candidate-realm-${hash}.js`;
      return { define: { 'import.meta.env.MIRRORBOX_REALM_WORKER': JSON.stringify(fileName) } };
    },
    configureServer(server) {
      const middleware: Connect.NextHandleFunction = (req, res, next) => {
        const path = (req.url ?? '').split('?', 1)[0] ?? '';
        if (path !== `${server.config.base}${fileName}`) return next();
        for (const [header, value] of Object.entries(server.config.server.headers ?? {}))
          if (value !== undefined) res.setHeader(header, value);
        res.setHeader('Content-Type', 'text/javascript');
        res.end(candidateRealmBundle());
      };
      server.middlewares.use(middleware);
    },
    generateBundle() {
      if (this.environment.name !== 'client') return;
      this.emitFile({ type: 'asset', fileName, source: built() });
    },
  };
}
