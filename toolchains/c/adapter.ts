import type { SourceFile } from '../../src/core/source-file.ts';
import type { BuildProgress, BuildResult, Toolchain } from '../toolchain.ts';
import { cStarterFiles } from './starter.ts';

/** A page's main thread hands compiles to a worker (the compiler blocks for seconds); Node and workers compile here. */
const onPageThread = typeof window !== 'undefined' && typeof document !== 'undefined';

/** C11/C17 in several .c and .h files, compiled by @yowasp/clang (WebAssembly, fetched on the first build). */
export const cToolchain: Toolchain = {
  id: 'c',
  label: 'C (C17, compiled in the browser)',
  summary: 'Write C17 in one or more .c and .h files; clang compiles it to WASI here, nothing to install.',
  extensions: ['.c', '.h'],
  starterFiles: (target) => cStarterFiles(target.program),
  async build(
    files: readonly SourceFile[],
    options: { signal?: AbortSignal; onProgress?: (p: BuildProgress) => void } = {},
  ): Promise<BuildResult> {
    // Imported here, not at the top: the compiler is 100 MB and listing the toolchain table must stay cheap.
    const { compileC } = onPageThread ? await import('../../src/browser/c-compiler.ts') : await import('./compile.ts');
    return compileC(files, options);
  },
};
