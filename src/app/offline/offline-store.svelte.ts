import { OFFLINE_FILES, TOOLCHAIN_CACHE, type OfflineFile, type OfflineFiles } from '../../sw/offline-protocol.ts';

/** One line of the offline panel: a part of the app, how much of it this browser holds. */
export interface StoredPart {
  name: string;
  files: number;
  storedFiles: number;
  bytes: number;
  storedBytes: number;
}

export type OfflineProgress =
  | { kind: 'idle' }
  | { kind: 'downloading'; doneBytes: number; totalBytes: number; file: string }
  | { kind: 'done' }
  | { kind: 'failed'; message: string };

const url = (file: OfflineFile): string => new URL(`${import.meta.env.BASE_URL}${file.path}`, location.href).href;

/**
 * What of the app this browser holds for offline use, and the "Make available offline" download. The shell (app,
 * workers, packs) is the service worker's precache; the toolchains are kept in TOOLCHAIN_CACHE, by the service worker
 * at first use or here on request. Sizes are the build's (offline-files.json), counted for the files found stored.
 */
class OfflineStore {
  parts = $state<StoredPart[]>([]);
  progress = $state<OfflineProgress>({ kind: 'idle' });
  /** The browser's own figure for everything this site stores (Cache Storage, IndexedDB…), when it gives one. */
  usageBytes = $state<number | undefined>();
  private listing: Promise<OfflineFiles> | undefined;

  private files(): Promise<OfflineFiles> {
    this.listing ??= fetch(`${import.meta.env.BASE_URL}${OFFLINE_FILES}`).then(async (r) => {
      if (!r.ok) throw new Error(`${OFFLINE_FILES}: HTTP ${r.status}`);
      return (await r.json()) as OfflineFiles;
    });
    this.listing.catch(() => (this.listing = undefined));
    return this.listing;
  }

  /** Looks up every file of the build in Cache Storage (any revision of it: the precache adds one to some URLs). */
  async refresh(): Promise<void> {
    if (!('caches' in globalThis)) {
      this.progress = { kind: 'failed', message: 'this browser offers no Cache Storage here' };
      return;
    }
    try {
      const listing = await this.files();
      const part = async (name: string, files: OfflineFile[]): Promise<StoredPart> => {
        const found = await Promise.all(
          files.map(async (f) => (await caches.match(url(f), { ignoreSearch: true })) !== undefined),
        );
        const stored = files.filter((_, i) => found[i]);
        const sum = (list: OfflineFile[]) => list.reduce((total, f) => total + f.bytes, 0);
        return { name, files: files.length, storedFiles: stored.length, bytes: sum(files), storedBytes: sum(stored) };
      };
      this.parts = await Promise.all([
        part('App and target packs', listing.shell),
        ...listing.toolchains.map((t) => part(t.name, t.files)),
      ]);
      this.usageBytes = (await navigator.storage?.estimate?.())?.usage;
    } catch (e) {
      this.progress = { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
  }

  /**
   * Downloads whatever is not stored yet: the shell once the service worker has precached it (waiting for that),
   * the toolchains here, each file streamed into the cache with the bytes counted for the progress bar.
   */
  async makeAvailable(): Promise<void> {
    if (this.progress.kind === 'downloading') return;
    try {
      const listing = await this.files();
      // The precache is the service worker's install: done when it is ready.
      if ('serviceWorker' in navigator) await navigator.serviceWorker.ready;
      void navigator.storage?.persist?.().catch(() => false);
      // A shell file missing after the install (evicted) goes with the toolchains' files.
      const everything = [
        ...listing.shell.map((file) => ({ file, cache: TOOLCHAIN_CACHE })),
        ...listing.toolchains.flatMap((t) => t.files.map((file) => ({ file, cache: t.cache }))),
      ];
      const wanted: typeof everything = [];
      for (const entry of everything)
        if ((await caches.match(url(entry.file), { ignoreSearch: true })) === undefined) wanted.push(entry);
      const totalBytes = wanted.reduce((total, { file }) => total + file.bytes, 0);
      let doneBytes = 0;
      for (const { file, cache: cacheName } of wanted) {
        const cache = await caches.open(cacheName);
        this.progress = { kind: 'downloading', doneBytes, totalBytes, file: file.path };
        const response = await fetch(url(file));
        if (!response.ok || !response.body) throw new Error(`${file.path}: HTTP ${response.status}`);
        const counted = response.body.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform: (chunk, controller) => {
              doneBytes += chunk.byteLength;
              this.progress = { kind: 'downloading', doneBytes, totalBytes, file: file.path };
              controller.enqueue(chunk);
            },
          }),
        );
        await cache.put(url(file), new Response(counted, { status: response.status, headers: response.headers }));
      }
      this.progress = { kind: 'done' };
    } catch (e) {
      this.progress = { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
    await this.refresh();
  }
}

export const offlineStore = new OfflineStore();
