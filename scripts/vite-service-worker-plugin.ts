import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { WORKER_ASSET_DIR } from '../src/sw/hosting-headers.ts';
import {
  CLANG_CACHE,
  OFFLINE_FILES,
  TOOLCHAIN_CACHE,
  type OfflineFile,
  type OfflineFiles,
} from '../src/sw/offline-protocol.ts';

/**
 * The toolchains: large, and only needed by a language or runtime someone picks, so the service worker caches them
 * at first use (or on "Make available offline") instead of at install. Globs relative to the build's folder.
 * QuickJS is inside the candidate realm's bundle, which is part of the shell.
 */
export const TOOLCHAINS: readonly { name: string; cache: string; globs: readonly string[] }[] = [
  { name: 'C (clang)', cache: CLANG_CACHE, globs: ['assets/*.wasm', 'assets/*.tar'] },
  { name: 'Python (Pyodide)', cache: TOOLCHAIN_CACHE, globs: ['assets/pyodide-*/**'] },
  {
    name: 'Wasmer runtime (SDK, binaryen)',
    cache: TOOLCHAIN_CACHE,
    globs: [`${WORKER_ASSET_DIR}/wasmer-sdk-*/**`, `${WORKER_ASSET_DIR}/binaryen*`],
  },
];

const TOOLCHAIN_GLOBS = TOOLCHAINS.flatMap((t) => t.globs);

/** Precached at install: the app shell (page, scripts, styles, workers, this list) and every target pack. */
const SHELL_GLOBS = ['index.html', '*.svg', OFFLINE_FILES, 'assets/**/*.{js,css,svg}', 'packs/**/*'];

/** The largest file the precache takes: a pack's oracle is a few MB; toolchains are excluded by name above. */
const MAX_PRECACHED_FILE_BYTES = 64 * 1024 * 1024;

/** The build's name shown in the app (and changed by the update test): MIRRORBOX_BUILD_ID, or none. */
export const BUILD_ID = process.env.MIRRORBOX_BUILD_ID ?? '';

function filesUnder(root: string, dir = ''): OfflineFile[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(root, path) : [{ path, bytes: statSync(join(root, path)).size }];
  });
}

const escaped = (text: string): string => text.replace(/[.+^$()|[\]\\?]/g, '\\$&');

/**
 * The globs above as a regular expression, in the dialect Workbox reads them (`*` within a name, `**` across
 * folders, `{a,b}`): Node 20's own glob matching is still experimental and warns on every build.
 */
export function globRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith('**/', i)) {
      source += '(?:[^/]+/)*';
      i += 2;
    } else if (glob.startsWith('/**', i) && i + 3 === glob.length) {
      source += '(?:/.*)?';
      i += 2;
    } else if (glob[i] === '*') {
      source += '[^/]*';
    } else if (glob[i] === '{' && glob.includes('}', i)) {
      const end = glob.indexOf('}', i);
      source += `(?:${glob
        .slice(i + 1, end)
        .split(',')
        .map(escaped)
        .join('|')})`;
      i = end;
    } else {
      source += escaped(glob[i] ?? '');
    }
  }
  return new RegExp(`^${source}$`);
}

const matches = (path: string, globs: readonly string[]): boolean => globs.some((g) => globRegExp(g).test(path));

/** Lists the written build in `offline-files.json` (before the service worker's build globs it). */
function offlineFilesPlugin(): Plugin {
  return {
    name: 'mirrorbox-offline-files',
    writeBundle(options) {
      if (this.environment.name !== 'client' || !options.dir) return;
      const files = filesUnder(options.dir);
      const listing: OfflineFiles = {
        build: BUILD_ID,
        shell: files.filter((f) => matches(f.path, SHELL_GLOBS) && !matches(f.path, TOOLCHAIN_GLOBS)),
        toolchains: TOOLCHAINS.map((t) => ({
          name: t.name,
          cache: t.cache,
          files: files.filter((f) => matches(f.path, t.globs)),
        })),
      };
      writeFileSync(join(options.dir, OFFLINE_FILES), JSON.stringify(listing));
    },
  };
}

/**
 * The service worker (src/sw/sw.ts), built by vite-plugin-pwa from that file with Workbox's precache manifest
 * injected. Registered by the app itself (src/app/offline/hosting-state.svelte.ts), not by the plugin, so that it can
 * reload the page once into isolation on hosts that send no headers.
 */
export function serviceWorkerPlugin(): Plugin[] {
  return [
    {
      // Whether the page registers the service worker: only a build has one (not `vite dev`, whatever the mode).
      name: 'mirrorbox-service-worker-flag',
      config: (_config, env) => ({
        define: { 'import.meta.env.MIRRORBOX_SERVICE_WORKER': JSON.stringify(env.command === 'build') },
      }),
    },
    offlineFilesPlugin(),
    ...VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      manifest: false,
      injectManifest: {
        globPatterns: SHELL_GLOBS,
        globIgnores: TOOLCHAIN_GLOBS,
        maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE_BYTES,
        rollupFormat: 'iife',
      },
    }),
  ];
}
