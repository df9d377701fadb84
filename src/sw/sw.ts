/**
 * The app's service worker (built by vite-plugin-pwa's injectManifest from this file; registered by
 * src/app/offline/service-worker.ts). Two jobs:
 *
 * - **Any static host**: every response it hands the page gets the headers of src/sw/hosting-headers.ts —
 *   cross-origin isolation everywhere, the worker CSP on worker scripts — so a host that sends none (GitHub Pages,
 *   `python3 -m http.server`) still gives an isolated page and workers under their CSP. Responses from cache and from
 *   the network alike pass through `withHostingHeaders`.
 * - **Offline after one visit**: Workbox precaches the app shell and every target pack at install (a new deployment
 *   installs beside the old one and takes over only when the page asks, so no page ever mixes two versions), and
 *   caches the toolchains (clang, Pyodide, the Wasmer SDK, binaryen) the first time they are fetched.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, addPlugins, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkOnly } from 'workbox-strategies';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { headersFor } from './hosting-headers.ts';
import { CLANG_FILE, TOOLCHAIN_CACHE, type OfflineMessage } from './offline-protocol.ts';

interface ServiceWorkerScope {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
  registration: { scope: string };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

// The service worker's global, typed here (the project's lib is the DOM's). Workbox's build replaces the literal
// `self.__WB_MANIFEST` with the precache list.
declare const self: ServiceWorkerScope;
const sw = self;
const scopePath = new URL(sw.registration.scope).pathname;

/** The URL's path and query below the site's base: what the header table is keyed by. */
function sitePath(url: URL): string {
  const path = url.pathname.startsWith(scopePath) ? url.pathname.slice(scopePath.length) : url.pathname;
  return `${path}${url.search.slice(1) ? url.search : ''}`;
}

/**
 * A copy of `response` carrying the hosting headers for `request`'s URL. Only same-origin, readable responses are
 * rebuilt (the app fetches nothing else); an opaque or error response goes as it came.
 */
function withHostingHeaders(request: Request, response: Response): Response {
  const url = new URL(request.url);
  if (url.origin !== location.origin || response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(headersFor(sitePath(url)))) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

const hostingHeaders: WorkboxPlugin = {
  handlerWillRespond: ({ request, response }) => Promise.resolve(withHostingHeaders(request, response)),
};

addPlugins([hostingHeaders]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every address of the app is its one page (the target and tab are in the query); a navigation to a file (a pack's
// docs opened on their own) gets that file.
const appPage = new RegExp(`^${scopePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(index\\.html)?(\\?.*)?$`);
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { allowlist: [appPage] }));

// Toolchains: versioned or content-hashed names that never change, fetched on first use and kept. clang's files are
// the compiler worker's to keep (CLANG_CACHE): cached here too they would be stored twice.
registerRoute(
  ({ url }) =>
    url.origin === location.origin &&
    url.pathname.startsWith(`${scopePath}assets/`) &&
    !CLANG_FILE.test(url.pathname.slice(scopePath.length)),
  new CacheFirst({ cacheName: TOOLCHAIN_CACHE, plugins: [hostingHeaders] }),
);

// Anything else of the origin still gets its headers; other origins (an agent's model provider) are not touched.
registerRoute(({ url }) => url.origin === location.origin, new NetworkOnly({ plugins: [hostingHeaders] }));

sw.addEventListener('message', (event) => {
  const message = event.data as OfflineMessage | undefined;
  if (message?.kind === 'skip-waiting') void sw.skipWaiting();
});
