import { join } from 'node:path';
import { build, preview, type BuildEnvironmentOptions, type PreviewServer } from 'vite';
import { buildDir, repoRoot } from '../../src/node/paths.ts';

/** Where the app tests and the app benchmark build the site, apart from dist/ so a running `npm run serve` is safe. */
export const APP_BUILD_DIR = join(buildDir, 'app-under-test');

/** Builds the production site (`vite build`) into `outDir`; `options` adds build options (e.g. a manifest). */
export async function buildApp(outDir = APP_BUILD_DIR, options: BuildEnvironmentOptions = {}): Promise<void> {
  await build({
    root: repoRoot,
    configFile: join(repoRoot, 'vite.config.ts'),
    logLevel: 'error',
    build: { ...options, outDir, emptyOutDir: true },
  });
}

/** `vite preview` of a built site on a free loopback port, as `npm run preview` serves it (headers included). */
export async function startPreviewServer(outDir = APP_BUILD_DIR): Promise<{ server: PreviewServer; url: string }> {
  const server = await preview({
    root: repoRoot,
    configFile: join(repoRoot, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no TCP address');
  return { server, url: `http://127.0.0.1:${address.port}` };
}
