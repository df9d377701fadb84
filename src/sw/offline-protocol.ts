/** What the page and the service worker (src/sw/sw.ts) share. */

/** The Cache Storage cache of toolchain files the service worker keeps after their first fetch. */
export const TOOLCHAIN_CACHE = 'mirrorbox-toolchains';

/** The page's messages to a waiting service worker. */
export type OfflineMessage = { kind: 'skip-waiting' };
