import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** How long a test file waits for another one's build of the site before it gives up. */
const SHARED_BUILD_WAIT_MS = 600_000;

/**
 * The production site, built once per test run however many test files ask (they run in parallel worker processes,
 * and each `vite build` takes tens of seconds on two cores): the first file to ask builds into APP_BUILD_DIR, the
 * others wait for its stamp. The run's name comes from tests/global-setup.ts; outside vitest each process builds.
 * Every caller only reads the folder (preview servers), so sharing it is safe. Returns the folder.
 */
export async function sharedAppBuild(): Promise<string> {
  const run = process.env.MIRRORBOX_TEST_RUN ?? `process-${process.pid}`;
  const stamp = join(APP_BUILD_DIR, '.built-for-test-run');
  const lock = `${APP_BUILD_DIR}.building`;
  const builtForThisRun = (): boolean => existsSync(stamp) && readFileSync(stamp, 'utf8') === run;
  const deadline = Date.now() + SHARED_BUILD_WAIT_MS;
  for (;;) {
    if (builtForThisRun()) return APP_BUILD_DIR;
    // A lock left by an earlier run (killed mid-build) is stale: only this run's builder may hold it.
    // So is one without a run's name after a minute (killed between taking it and naming it).
    if (existsSync(lock)) {
      const holder = readIfThere(join(lock, 'run'));
      const named = holder !== undefined || Date.now() - statSync(lock).mtimeMs < 60_000;
      if (!named || (holder !== undefined && holder !== run)) rmSync(lock, { recursive: true, force: true });
    }
    if (takeLock(lock)) {
      try {
        writeFileSync(join(lock, 'run'), run);
        await buildApp(APP_BUILD_DIR);
        writeFileSync(stamp, run);
        return APP_BUILD_DIR;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
    // Another file is building; if it fails, its lock goes without a stamp and the next turn here builds instead.
    if (Date.now() > deadline) throw new Error(`no build of the site appeared in ${APP_BUILD_DIR} (lock ${lock})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** mkdir is atomic: exactly one process creates the folder. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    return false;
  }
}

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
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
