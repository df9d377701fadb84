import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/node/paths.ts';
import { WORKER_ASSET_DIR, WORKER_CSP, isWorkerScript } from '../../scripts/vite-worker-csp-plugin.ts';
import { ISOLATION_HEADERS, headersFile, headersFor } from '../../src/sw/hosting-headers.ts';
import { startDevServer } from '../browser/chromium.ts';

describe('hosting headers', () => {
  it('the _headers file a build writes for static hosts sends what the dev and preview servers send', () => {
    const file = headersFile();
    expect(file).toContain('/*\n  Cross-Origin-Opener-Policy: same-origin\n');
    expect(file).toContain('  Cross-Origin-Embedder-Policy: require-corp\n');
    expect(file).toContain(`/${WORKER_ASSET_DIR}/*\n  Content-Security-Policy: ${WORKER_CSP}\n`);
  });

  it('the service worker adds the isolation headers everywhere and the CSP to worker scripts only', () => {
    expect(headersFor('index.html')).toEqual(ISOLATION_HEADERS);
    expect(headersFor(`${WORKER_ASSET_DIR}/runner.worker-abc.js`)).toEqual({
      ...ISOLATION_HEADERS,
      'Content-Security-Policy': WORKER_CSP,
    });
    expect(headersFor('packs/uuidparse/oracle.wasm')['Content-Security-Policy']).toBeUndefined();
  });

  it('docs/hosting.md gives nginx the same worker CSP', () => {
    const doc = readFileSync(`${repoRoot}docs/hosting.md`, 'utf8');
    expect(doc).toContain(`location /${WORKER_ASSET_DIR}/`);
    expect(doc).toContain(`add_header Content-Security-Policy "${WORKER_CSP}" always;`);
  });

  it('the dev server sends the CSP with the runner worker script and cross-origin isolation everywhere', async () => {
    const { server, url } = await startDevServer();
    try {
      const worker = await fetch(`${url}/workers/runner.worker.ts?worker_file&type=module`);
      expect(worker.status).toBe(200);
      expect(worker.headers.get('content-security-policy')).toBe(WORKER_CSP);
      const page = await fetch(`${url}/`);
      expect(page.headers.get('content-security-policy')).toBeNull();
      expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    } finally {
      await server.close();
    }
  });

  it('recognises worker scripts in production and in vite dev, and nothing else', () => {
    expect(isWorkerScript(`/${WORKER_ASSET_DIR}/runner.worker-abc.js`)).toBe(true);
    expect(isWorkerScript('/workers/runner.worker.ts?worker_file&type=module')).toBe(true);
    expect(isWorkerScript('/assets/index-abc.js')).toBe(false);
    expect(isWorkerScript('/src/app/main.ts?t=1')).toBe(false);
  });
});
