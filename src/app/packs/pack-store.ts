import { sha256Hex } from '../../core/digest.ts';
import { parsePack, type Pack } from '../../core/pack.ts';
import type { WasmProgram } from '../../core/run-request.ts';

/**
 * Fetches what the server publishes under packs/ (see scripts/vite-packs-plugin.ts), once per page: the list of
 * built targets, each target's pack, its oracle and its docs. Relative URLs, so the site works under any base path.
 */
const PACKS = 'packs/';

export type Loaded<T> = { kind: 'ok'; value: T } | { kind: 'error'; message: string };

const cache = new Map<string, Promise<unknown>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let entry = cache.get(key) as Promise<T> | undefined;
  if (!entry) {
    entry = load();
    cache.set(key, entry);
    // A failed load is not remembered, so "Retry" can work.
    entry.catch(() => cache.delete(key));
  }
  return entry;
}

async function fetchOk(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`could not reach the server for ${url} (${(e as Error).message}); check that it is still running`);
  }
  if (!response.ok)
    throw new Error(`${url} answered HTTP ${response.status}; rebuild the targets with npm run setup and reload`);
  return response;
}

function settle<T>(promise: Promise<T>): Promise<Loaded<T>> {
  return promise.then(
    (value) => ({ kind: 'ok', value }),
    (e: unknown) => ({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
}

export function loadTargetIds(): Promise<Loaded<string[]>> {
  return settle(
    once('index', async () => {
      const json = (await (await fetchOk(`${PACKS}index.json`)).json()) as { targets?: unknown };
      if (!Array.isArray(json.targets)) throw new Error('packs/index.json has no target list');
      return json.targets.filter((t): t is string => typeof t === 'string');
    }),
  );
}

export function loadPack(id: string): Promise<Loaded<Pack>> {
  return settle(
    once(`pack:${id}`, async () => {
      const parsed = parsePack(await (await fetchOk(`${PACKS}${encodeURIComponent(id)}/pack.json`)).json());
      if (parsed.kind === 'error') throw new Error(`${id}: ${parsed.message}`);
      return parsed.pack;
    }),
  );
}

/** The target's reference program; its id is the hash of the bytes actually received, not what the pack claims. */
export function loadOracle(pack: Pack): Promise<Loaded<WasmProgram>> {
  return settle(
    once(`oracle:${pack.target.id}`, async () => {
      const response = await fetchOk(`${PACKS}${encodeURIComponent(pack.target.id)}/${pack.oracle.file}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { id: sha256Hex(bytes), bytes };
    }),
  );
}

/** A document of the pack (`docs/man.txt`, `docs/help.txt`). */
export function loadDoc(pack: Pack, path: string): Promise<Loaded<string>> {
  return settle(
    once(`doc:${pack.target.id}:${path}`, async () =>
      (await fetchOk(`${PACKS}${encodeURIComponent(pack.target.id)}/${path}`)).text(),
    ),
  );
}
