import { scriptProgram } from '../script-program.ts';
import type { SourceFile } from '../../src/core/source-file.ts';
import type { BuildResult, Diagnostic } from '../toolchain.ts';

/** What one language of the JS family accepts: the files it runs, those it transpiles, and its usual entry names. */
export interface ScriptLanguage {
  /** Sources that become modules of the program. */
  sources: readonly string[];
  /** Of those, the ones TypeScript must be stripped from. */
  typescript: readonly string[];
  /** Tried in order when the workspace has several sources. */
  entries: readonly string[];
}

/**
 * Turns workspace files into a QuickJS script program: every source is parsed (and TypeScript stripped of its
 * types) by sucrase, a small transpiler that runs unchanged in browsers and Node. No type checking: like `tsx`, the
 * program runs as written, and a syntax error is a diagnostic at file:line:col.
 */
export async function buildScript(files: readonly SourceFile[], language: ScriptLanguage): Promise<BuildResult> {
  const sources = files.filter((f) => language.sources.some((ext) => f.name.endsWith(ext)));
  if (sources.length === 0) {
    return {
      kind: 'error',
      diagnostics: [{ file: '', message: `there is no ${language.sources.join(' or ')} file in the workspace` }],
    };
  }
  const entry =
    sources.length === 1
      ? (sources[0] as SourceFile).name
      : language.entries.find((name) => sources.some((f) => f.name === name));
  if (entry === undefined) {
    return {
      kind: 'error',
      diagnostics: [
        { file: '', message: `several sources and no ${language.entries.join(' or ')}: name the entry so` },
      ],
    };
  }
  // Imported here: listing the toolchain table must not load the transpiler.
  const { transform } = await import('sucrase');
  const out: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  for (const file of sources) {
    if (typeof file.content !== 'string') {
      diagnostics.push({ file: file.name, message: 'this file holds bytes, not source text' });
      continue;
    }
    const typescript = language.typescript.some((ext) => file.name.endsWith(ext));
    try {
      out[file.name] = transform(file.content, {
        transforms: typescript ? ['typescript'] : [],
        filePath: file.name,
        // QuickJS runs modern JavaScript as it is; only types are removed.
        disableESTransforms: true,
        keepUnusedImports: true,
      }).code;
    } catch (e) {
      diagnostics.push(syntaxDiagnostic(file.name, e));
    }
  }
  if (diagnostics.length > 0) return { kind: 'error', diagnostics };
  const program = scriptProgram('quickjs', entry, out);
  return { kind: 'ok', program };
}

/** Sucrase says `Error transforming main.ts: Unexpected token (2:10)` and gives a 1-based `loc`. */
function syntaxDiagnostic(file: string, e: unknown): Diagnostic {
  const error = e as { message?: string; loc?: { line: number; column: number } };
  const message = String(error.message ?? e)
    .replace(/^Error transforming [^:]*: /, '')
    .replace(/ \(\d+:\d+\)$/, '');
  const where = error.loc ? { line: error.loc.line, column: error.loc.column } : {};
  return { file, ...where, message, severity: 'error' };
}
