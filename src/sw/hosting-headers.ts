/**
 * The response headers the app needs from whatever serves it, as one table: the dev and preview servers
 * (vite.config.ts, scripts/vite-worker-csp-plugin.ts), the `_headers` file a build writes for static hosts, and the
 * service worker (src/sw/sw.ts), which adds them itself on hosts that send none. docs/hosting.md says why each is
 * needed.
 */

/** Cross-origin isolation (SharedArrayBuffer for Wasmer and Pyodide's interrupt), on every response. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The Content-Security-Policy of every same-origin worker script (the oracle's runners, the terminal, Wasmer, the C
 * compiler). A page's CSP does not govern its workers; the worker script's own response does.
 */
export const WORKER_CSP = "default-src 'none'; connect-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

/** Where `vite build` puts worker bundles, so a static host can match them with one path rule. */
export const WORKER_ASSET_DIR = 'assets/workers';

/**
 * Worker scripts, by their path below the site's base (`assets/workers/…` in a build), or Vite dev's `?worker_file`
 * module URLs.
 */
export function isWorkerScript(url: string): boolean {
  const [path = '', query = ''] = url.split('?', 2);
  return path.replace(/^\//, '').startsWith(`${WORKER_ASSET_DIR}/`) || /(^|&)worker_file(&|=|$)/.test(query);
}

/** Every header a response for `url` (a path below the site's base, with its query) must carry. */
export function headersFor(url: string): Record<string, string> {
  return isWorkerScript(url)
    ? { ...ISOLATION_HEADERS, 'Content-Security-Policy': WORKER_CSP }
    : { ...ISOLATION_HEADERS };
}

/** The `_headers` file of Netlify and Cloudflare Pages, written into each build from the table above. */
export function headersFile(): string {
  const lines = (headers: Readonly<Record<string, string>>): string[] =>
    Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
  return [
    '# Written by vite build from src/sw/hosting-headers.ts; see docs/hosting.md.',
    '/*',
    ...lines({ ...ISOLATION_HEADERS, 'X-Content-Type-Options': 'nosniff' }),
    '',
    `/${WORKER_ASSET_DIR}/*`,
    ...lines({ 'Content-Security-Policy': WORKER_CSP }),
    '',
  ].join('\n');
}
