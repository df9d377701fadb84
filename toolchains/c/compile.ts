import { Exit, commands } from '@yowasp/clang';
import type { Tree } from '@yowasp/clang';
import { sha256Hex } from '../../src/core/digest.ts';
import { fileNameProblem, type SourceFile } from '../../src/core/source-file.ts';
import type { BuildProgress, BuildResult, Diagnostic } from '../toolchain.ts';
import { parseClangDiagnostics } from './diagnostics.ts';
import { C_FLAGS } from './flags.ts';

/** The build's own folder in clang's virtual file system; its name cannot clash with a workspace file's. */
const OUT_DIR = '.mirrorbox-build';
const OUT_FILE = `${OUT_DIR}/program.wasm`;

let fetched: Promise<void> | undefined;

/**
 * Loads clang's modules and headers once per process (worker); no arguments means "only fetch". @yowasp/clang only
 * reports download progress to such a prefetch: runClang drops the fetchProgress option on its way to the driver,
 * which is why it "never fired".
 */
function fetchCompiler(onProgress?: (p: BuildProgress) => void): Promise<void> {
  fetched ??= Promise.resolve(
    commands.clang(
      undefined,
      {},
      {
        fetchProgress: ({ doneLength, totalLength }) =>
          onProgress?.({ phase: 'download', doneBytes: doneLength, totalBytes: totalLength }),
      },
    ),
  ).then(
    () => undefined,
    (e: unknown) => {
      fetched = undefined; // a failed download is retried by the next build
      throw e;
    },
  );
  return fetched;
}

/** Compiles and links the workspace's .c files (headers and other files visible to #include) into a WASI module. */
export async function compileC(
  files: readonly SourceFile[],
  options: { signal?: AbortSignal; onProgress?: (p: BuildProgress) => void } = {},
): Promise<BuildResult> {
  const problems: Diagnostic[] = files.flatMap((f) => {
    const problem = fileNameProblem(f.name);
    return problem ? [{ file: f.name, message: problem }] : [];
  });
  if (problems.length > 0) return { kind: 'error', diagnostics: problems };
  const sources = files.map((f) => f.name).filter((n) => n.endsWith('.c'));
  if (sources.length === 0)
    return { kind: 'error', diagnostics: [{ file: '', message: 'there is no .c file in the workspace to compile' }] };

  try {
    await fetchCompiler(options.onProgress);
  } catch (e) {
    return { kind: 'error', diagnostics: [{ file: '', message: `could not load the C compiler: ${String(e)}` }] };
  }
  if (options.signal?.aborted) return cancelled();
  options.onProgress?.({ phase: 'compile' });

  const stderr: Uint8Array[] = [];
  const collect = (bytes: Uint8Array | null) => {
    if (bytes) stderr.push(bytes.slice());
  };
  let tree: Tree;
  let failed = false;
  try {
    tree = (await commands.clang([...C_FLAGS, ...sources, '-o', OUT_FILE], workspaceTree(files), {
      stdout: collect,
      stderr: collect,
      decodeASCII: false,
    })) as Tree;
  } catch (e) {
    if (!(e instanceof Exit)) {
      return { kind: 'error', diagnostics: [{ file: '', message: `the C compiler crashed: ${String(e)}` }] };
    }
    failed = true;
    tree = e.files;
  }
  const diagnostics = parseClangDiagnostics(new TextDecoder().decode(concat(stderr)));
  const program = (tree[OUT_DIR] as Tree | undefined)?.['program.wasm'];
  if (failed || !(program instanceof Uint8Array) || diagnostics.some((d) => d.severity === 'error')) {
    if (!diagnostics.some((d) => d.severity === 'error'))
      diagnostics.push({ file: '', severity: 'error', message: 'the C compiler failed without saying why' });
    return { kind: 'error', diagnostics };
  }
  if (options.signal?.aborted) return cancelled();
  const bytes = new Uint8Array(program);
  return {
    kind: 'ok',
    program: { id: sha256Hex(bytes), bytes },
    ...(diagnostics.length > 0 ? { warnings: diagnostics } : {}),
  };
}

/** The workspace as clang's file system tree: `src/a.c` becomes a folder `src` holding `a.c`. */
function workspaceTree(files: readonly SourceFile[]): Tree {
  const root: Tree = { [OUT_DIR]: {} };
  for (const file of files) {
    const parts = file.name.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      const next = dir[part];
      if (next === undefined || typeof next === 'string' || next instanceof Uint8Array) dir = dir[part] = {};
      else dir = next;
    }
    dir[parts[parts.length - 1] as string] = file.content;
  }
  return root;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function cancelled(): BuildResult {
  return { kind: 'error', diagnostics: [{ file: '', message: 'the build was cancelled' }] };
}
