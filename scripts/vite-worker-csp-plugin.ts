import type { Connect, Plugin } from 'vite';
import { WORKER_ASSET_DIR, WORKER_CSP, headersFile, isWorkerScript } from '../src/sw/hosting-headers.ts';

export { WORKER_ASSET_DIR, WORKER_CSP, isWorkerScript };

/**
 * Adds WORKER_CSP to worker script responses in the dev and preview servers, and writes `dist/_headers` (the same
 * table, for static hosts that read that file).
 */
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
    generateBundle() {
      if (this.environment.name !== 'client') return;
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
    },
  };
}
