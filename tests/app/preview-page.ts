import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../browser/chromium.ts';
import { sharedAppBuild, startPreviewServer } from './preview.ts';

export interface PreviewPage {
  /** The served site's origin, e.g. http://127.0.0.1:4173. */
  readonly base: string;
  readonly page: Page;
  /** Uncaught errors of the page, for a test to check it stayed clean. */
  readonly pageErrors: string[];
}

/**
 * For the describe block it is called in: the shared production build served by `vite preview`, Debian Chromium and
 * one page of the given viewport, opened before the block's tests and closed after them.
 */
export function usePreviewPage(viewport: { width: number; height: number }): PreviewPage {
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let base: string | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const started = await startPreviewServer(await sharedAppBuild());
    server = started.server;
    base = started.url;
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('usePreviewPage: read before its beforeAll ran');
    return value;
  };
  return {
    get base() {
      return ready(base);
    },
    get page() {
      return ready(page);
    },
    pageErrors,
  };
}
