import type { Connect, Plugin } from 'vite';

/**
 * The Content-Security-Policy every runner worker script is served with. A page's CSP does not govern its workers;
 * the worker script's own response does. Candidate code runs inside these workers, so this is what keeps it from
 * reaching any other origin (fetch, dynamic import, WebSocket): see /work/shared notes and docs/hosting.md.
 */
export const WORKER_CSP = "default-src 'none'; connect-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

/** Where `vite build` puts worker bundles, so static hosts can match them with one path rule. */
export const WORKER_ASSET_DIR = 'assets/workers';

/** Worker scripts: production bundles under assets/workers/, and Vite dev's `?worker_file` module URLs. */
export function isWorkerScript(url: string): boolean {
  const [path = '', query = ''] = url.split('?', 2);
  return path.startsWith(`/${WORKER_ASSET_DIR}/`) || /(^|&)worker_file(&|=|$)/.test(query);
}

/** Adds WORKER_CSP to worker script responses in the dev and preview servers. */
export function workerCspPlugin(): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    if (isWorkerScript(req.url ?? '')) res.setHeader('Content-Security-Policy', WORKER_CSP);
    next();
  };
  return {
    name: 'mirrorbox-worker-csp',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}
