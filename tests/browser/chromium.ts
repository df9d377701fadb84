import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { repoRoot } from '../../src/node/paths.ts';

export const CHROMIUM = process.env.MIRRORBOX_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for Debian's Chromium on a machine with a closed network, run as root in CI. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run npm run setup (it installs Debian's chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** The Vite dev server on a free loopback port, for pages that import the project's TypeScript directly. */
export async function startDevServer(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    root: repoRoot,
    configFile: `${repoRoot}vite.config.ts`,
    server: { port: 0, host: '127.0.0.1' },
    // The harness imports only ES modules: no dependency scan, so no mid-test reload when the app's deps change.
    optimizeDeps: { noDiscovery: true, entries: [] },
    logLevel: 'error',
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('dev server has no TCP address');
  return { server, url: `http://127.0.0.1:${address.port}` };
}
