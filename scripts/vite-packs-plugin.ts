import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

const PREFIX = '/packs/';
const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};
/** Only these built files are published; recipe stamps and build logs stay private. */
const PUBLISHED = /^(pack\.json|oracle\.wasm|docs\/[^/]+\.txt)$/;

/**
 * Serves built target packs (build/targets/<id>/…) under /packs/ in the dev and preview servers and copies them
 * into dist/ on `vite build`, with /packs/index.json listing the built targets.
 */
export function packsPlugin(builtTargetsDir: string): Plugin {
  const listing = (): string => {
    const ids = existsSync(builtTargetsDir)
      ? readdirSync(builtTargetsDir)
          .filter((id) => existsSync(join(builtTargetsDir, id, 'pack.json')))
          .sort()
      : [];
    return JSON.stringify({ targets: ids });
  };
  const files = (): string[] => {
    if (!existsSync(builtTargetsDir)) return [];
    const out: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else out.push(relative(builtTargetsDir, path).split(sep).join('/'));
      }
    };
    walk(builtTargetsDir);
    return out.filter((f) => PUBLISHED.test(f.slice(f.indexOf('/') + 1)));
  };
  const middleware = (req: { url?: string }, res: import('node:http').ServerResponse, next: () => void): void => {
    const url = (req.url ?? '').split('?')[0] ?? '';
    if (!url.startsWith(PREFIX)) return next();
    const rel = decodeURIComponent(url.slice(PREFIX.length));
    if (rel === 'index.json') {
      res.setHeader('Content-Type', TYPES['.json'] as string);
      res.end(listing());
      return;
    }
    const path = normalize(join(builtTargetsDir, rel));
    if (
      !path.startsWith(builtTargetsDir + sep) ||
      !PUBLISHED.test(rel.slice(rel.indexOf('/') + 1)) ||
      !existsSync(path)
    ) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', TYPES[extname(path)] ?? 'application/octet-stream');
    createReadStream(path).pipe(res);
  };
  return {
    name: 'mirrorbox-packs',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'packs/index.json', source: listing() });
      for (const f of files())
        this.emitFile({ type: 'asset', fileName: `packs/${f}`, source: readFileSync(join(builtTargetsDir, f)) });
    },
  };
}
