import { Workbox } from 'workbox-window';
import type { CspCheck } from '../../../workers/csp-self-check.ts';
import type { OfflineMessage } from '../../sw/offline-protocol.ts';

/**
 * How this page is hosted, as the offline/hosting panel shows it: whether the page is cross-origin isolated, whether
 * its same-origin workers run under their CSP, whether the service worker is setting up (the one reload on a host
 * that sends no headers) and whether a new deployment is waiting.
 */
class HostingState {
  /** `crossOriginIsolated` of this page. */
  isolated = $state(globalThis.crossOriginIsolated === true);
  /** Set while the service worker installs on a page that needs it for isolation: the page reloads once after. */
  reloadingIntoIsolation = $state(false);
  /** The service worker cannot run here (no support, or it failed to register): the reason. */
  serviceWorkerProblem = $state<string | undefined>();
  /** The CSP self-check of a same-origin worker; undefined until it reported. */
  workerCsp = $state<CspCheck | undefined>();
  /** A new deployment is installed and waits for the user's reload. */
  updateWaiting = $state(false);
  private workbox: Workbox | undefined;

  start(): void {
    this.checkWorkerCsp();
    // `vite dev` serves no service worker (its files are built by `vite build`); its server sends the headers.
    if (import.meta.env.MIRRORBOX_SERVICE_WORKER !== true) return;
    if (!('serviceWorker' in navigator)) {
      this.serviceWorkerProblem = 'this browser has no service workers here (a private window, or not https)';
      return;
    }
    const base = import.meta.env.BASE_URL;
    const workbox = new Workbox(`${base}sw.js`, { scope: base });
    this.workbox = workbox;
    // Not isolated and not yet under the service worker: once it is active the page reloads, and the reloaded page
    // gets the headers from it. Once per tab session, so a browser that ignores them never loops. A page that is
    // isolated already is not taken over: its later loads are the service worker's.
    const needsReload = !this.isolated && !navigator.serviceWorker.controller && !sessionStorage.getItem(RELOADED);
    this.reloadingIntoIsolation = needsReload;
    if (needsReload)
      void workbox.active.then(() => {
        sessionStorage.setItem(RELOADED, String(Date.now()));
        location.reload();
      });
    // The user chose to reload into a new deployment (update): it now controls this page, which holds the old one.
    workbox.addEventListener('controlling', (event) => {
      if (event.isUpdate) location.reload();
    });
    workbox.addEventListener('waiting', () => (this.updateWaiting = true));
    workbox.register().catch((e: unknown) => {
      this.reloadingIntoIsolation = false;
      this.serviceWorkerProblem = `the service worker did not register: ${e instanceof Error ? e.message : String(e)}`;
    });
  }

  /** The user's "reload" on a waiting deployment: it takes over, and the page reloads into it (see `controlling`). */
  update(): void {
    const message: OfflineMessage = { kind: 'skip-waiting' };
    this.workbox?.messageSW(message).catch(() => undefined);
  }

  private checkWorkerCsp(): void {
    const worker = new Worker(new URL('../../../workers/csp-probe.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<CspCheck>) => {
      this.workerCsp = event.data;
      worker.terminate();
    };
    worker.onerror = () => {
      this.workerCsp = { kind: 'missing', found: ['the check worker did not start'] };
      worker.terminate();
    };
  }
}

/** sessionStorage key: this tab already reloaded once to come under the service worker. */
const RELOADED = 'mirrorbox-reloaded-into-isolation';

export const hostingState = new HostingState();
