/** What the page, the service worker (src/sw/sw.ts) and the build (scripts/vite-service-worker-plugin.ts) share. */

/** The Cache Storage cache of toolchain files, filled at their first fetch or by "Make available offline". */
export const TOOLCHAIN_CACHE = 'mirrorbox-toolchains';

/**
 * The C compiler worker's own cache of clang's files (src/browser/cached-fetch.ts keeps them there at first use, and
 * "Make available offline" stores them there too, so they are never kept twice). Bump with the @yowasp/clang version
 * in package.json: a new version must not read the old version's files.
 */
export const CLANG_CACHE = 'mirrorbox-clang-22.0.0-git20542-10';

/** clang's files, below the site's base: the service worker leaves their caching to the compiler worker. */
export const CLANG_FILE = /^assets\/[^/]+\.(wasm|tar)$/;

/** The page's messages to a waiting service worker. */
export type OfflineMessage = { kind: 'skip-waiting' };

/** Where a build lists its files for the offline panel, below the site's base. */
export const OFFLINE_FILES = 'offline-files.json';

/** One file of the build, by path below the site's base. */
export interface OfflineFile {
  path: string;
  bytes: number;
}

/** A toolchain cached at first use, with the files it needs and the cache that keeps them. */
export interface ToolchainFiles {
  name: string;
  cache: string;
  files: OfflineFile[];
}

/** `offline-files.json`: the precached shell (app and packs) and the toolchains. */
export interface OfflineFiles {
  build: string;
  shell: OfflineFile[];
  toolchains: ToolchainFiles[];
}
