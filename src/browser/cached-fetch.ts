/**
 * Makes this worker's fetch keep the compiler's big files (.wasm modules, the headers .tar) in Cache Storage, so the
 * ~105 MB toolchain downloads once and survives reloads. Must run before @yowasp/clang is imported: the package
 * captures globalThis.fetch when its module is evaluated. Only same-origin GETs are cached (the toolchain is
 * self-hosted); a failing cache (private mode, quota) falls back to the network.
 */
export function installCachedFetch(cacheName: string): void {
  const network = globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), self.location.href);
    const cacheable =
      url.origin === self.location.origin && (init?.method ?? 'GET') === 'GET' && /\.(wasm|tar)$/.test(url.pathname);
    if (!cacheable || typeof caches === 'undefined') return network(input, init);
    try {
      const cache = await caches.open(cacheName);
      const hit = await cache.match(url);
      if (hit) return hit;
      const response = await network(input, init);
      if (response.ok) await cache.put(url, response.clone());
      return response;
    } catch {
      return network(input, init);
    }
  };
}
