/** What the page, the service worker (src/sw/sw.ts) and the build (scripts/vite-service-worker-plugin.ts) share. */

/** The Cache Storage cache of toolchain files, filled at their first fetch or by "Make available offline". */
export const TOOLCHAIN_CACHE = 'mirrorbox-toolchains';

/** The page's messages to a waiting service worker. */
export type OfflineMessage = { kind: 'skip-waiting' };

/** Where a build lists its files for the offline panel, below the site's base. */
export const OFFLINE_FILES = 'offline-files.json';

/** One file of the build, by path below the site's base. */
export interface OfflineFile {
  path: string;
  bytes: number;
}

/** A toolchain the service worker caches at first use, with the files it needs. */
export interface ToolchainFiles {
  name: string;
  files: OfflineFile[];
}

/** `offline-files.json`: the precached shell (app and packs) and the toolchains. */
export interface OfflineFiles {
  build: string;
  shell: OfflineFile[];
  toolchains: ToolchainFiles[];
}
