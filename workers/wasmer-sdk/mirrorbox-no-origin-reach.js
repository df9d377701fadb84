// Evaluated first in every @wasmer/sdk inner worker (mirrorbox-worker-entry.js): the workers where guest modules,
// candidates' included, run. The SDK starts them by URL, so they are of the app's origin, and their global holds what
// the candidate realm's opaque origin keeps from candidates: the origin's IndexedDB (workspaces, settings), its Cache
// Storage (the service worker's precache and toolchain cache, served to every later load of the app), origin-wide
// storage (navigator.storage), messages to the app's other contexts (BroadcastChannel), and same-origin requests (the
// packs and their oracles; the worker CSP allows connect-src 'self'). A guest reaches nothing but its imports; this
// is for code that got past that. The SDK's inner worker uses none of these: it gets its module and memory by
// message. Removed before any SDK code runs, from the global and every prototype that holds them. Plain JavaScript:
// the browser loads it unbundled.
const REMOVED = [
  'caches',
  'indexedDB',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'WebTransport',
  'BroadcastChannel',
];

function removeEverywhere(start, name) {
  for (let object = start; object !== null; object = Object.getPrototypeOf(object))
    if (Object.prototype.hasOwnProperty.call(object, name)) delete object[name];
}

for (const name of REMOVED) removeEverywhere(globalThis, name);
removeEverywhere(globalThis.navigator, 'storage');
