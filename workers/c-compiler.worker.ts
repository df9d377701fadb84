// The C compiler worker: @yowasp/clang blocks for hundreds of milliseconds per compile, so it never runs on the page's
// thread. Main-thread wrapper: src/browser/c-compiler.ts.
import { expose, type ProxyMarked } from 'comlink';
import type { SourceFile } from '../src/core/source-file.ts';
import { installCachedFetch } from '../src/browser/cached-fetch.ts';
import type { BuildProgress, BuildResult } from '../toolchains/toolchain.ts';
import { CLANG_CACHE } from '../src/sw/offline-protocol.ts';

installCachedFetch(CLANG_CACHE);

export interface CCompilerWorkerApi {
  compile(files: SourceFile[], onProgress?: ((p: BuildProgress) => void) & ProxyMarked): Promise<BuildResult>;
}

const api: CCompilerWorkerApi = {
  async compile(files, onProgress) {
    // Imported after installCachedFetch, for the reason given there.
    const { compileC } = await import('../toolchains/c/compile.ts');
    return compileC(files, onProgress ? { onProgress: throttled(onProgress) } : {});
  },
};

/** The download reports every network chunk (thousands); the page needs a few updates a second, and the last one. */
function throttled(send: (p: BuildProgress) => void): (p: BuildProgress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (p.phase === 'download' && p.doneBytes < p.totalBytes && p.doneBytes > 0 && now - last < 100) return;
    last = now;
    void send(p);
  };
}

expose(api);
