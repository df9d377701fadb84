import { scriptProgram } from '../script-program.ts';
import type { SourceFile } from '../../src/core/source-file.ts';
import type { BuildProgress, BuildResult, Diagnostic, Toolchain } from '../toolchain.ts';

/**
 * A page's main thread hands the check to a runner worker (starting Pyodide takes seconds and would freeze the page);
 * Node (the CLI) checks in a Pyodide of its own process.
 */
const onPageThread = typeof window !== 'undefined' && typeof document !== 'undefined';

/** `warnings`: why the check did not run, when it did not (the build goes on: the runs show CPython's traceback). */
type SyntaxOutcome =
  { kind: 'ok'; problems: Diagnostic[]; warnings?: Diagnostic[] } | { kind: 'error'; diagnostics: Diagnostic[] };

/**
 * Syntax errors by CPython's parser, as file:line:col. In Node a check that cannot run is skipped (the run reports
 * why); on a page, a Pyodide that cannot start in the workers fails the build with the workers' reason, and a check
 * that did not finish is said as a warning.
 */
async function syntaxProblems(
  files: Record<string, string>,
  options: { signal?: AbortSignal; onProgress?: (p: BuildProgress) => void },
): Promise<SyntaxOutcome> {
  if (onPageThread) {
    options.onProgress?.({ phase: 'compile' });
    const { checkPythonSyntaxInWorker } = await import('../../src/browser/python-syntax.ts');
    const checked = await checkPythonSyntaxInWorker(files, options.signal ? { signal: options.signal } : {});
    if (checked.kind === 'no-engine') return { kind: 'error', diagnostics: [{ file: '', message: checked.message }] };
    if (checked.kind === 'skipped')
      return { kind: 'ok', problems: [], warnings: [{ file: '', message: checked.reason, severity: 'warning' }] };
    return { kind: 'ok', problems: checked.problems };
  }
  try {
    const { checkPythonSyntax } = await import('../../src/runtimes/pyodide/check-syntax.ts');
    return { kind: 'ok', problems: await checkPythonSyntax(files) };
  } catch {
    return { kind: 'ok', problems: [] };
  }
}

/**
 * Python 3 run by Pyodide in the runner's workers (src/runtimes/pyodide/), in the CLI and in the app (which serves
 * Pyodide itself, scripts/vite-pyodide-plugin.ts). The sources become a script program as they are; CPython's own
 * parser (Pyodide's compile()) turns syntax errors into file:line:col diagnostics: in the CLI's process, on a page in
 * a runner worker, which keeps that interpreter for the runs.
 */
export const pythonToolchain: Toolchain = {
  id: 'python',
  label: 'Python 3 (Pyodide)',
  summary: 'Write Python 3 in one or more .py files; main.py (or the only file) runs as __main__.',
  extensions: ['.py'],
  starterFiles: (target) => [
    {
      name: 'main.py',
      content: `# A reimplementation of ${target.program}. It runs exactly like the oracle: same argv, stdin, files, clock and
# environment. Scoring compares stdout, stderr and the exit code byte for byte.
import sys


def main() -> int:
    # sys.argv[0] is "${target.program}"; the test's arguments follow.
    args = sys.argv[1:]
    data = sys.stdin.read()
    sys.stdout.write(f"${target.program}: {len(args)} arguments, {len(data)} characters on stdin\\n")
    # The exit code: 0 for success, as most programs do.
    return 0


if __name__ == "__main__":
    sys.exit(main())
`,
    },
  ],
  async build(
    files: readonly SourceFile[],
    options: { signal?: AbortSignal; onProgress?: (p: BuildProgress) => void } = {},
  ): Promise<BuildResult> {
    const sources = files.filter((f) => f.name.endsWith('.py'));
    if (sources.length === 0)
      return {
        kind: 'error',
        diagnostics: [{ file: '', message: 'there is no .py file in the workspace' }],
      };
    const entry =
      sources.length === 1 ? (sources[0] as SourceFile).name : sources.find((f) => f.name === 'main.py')?.name;
    if (entry === undefined)
      return {
        kind: 'error',
        diagnostics: [{ file: '', message: 'several .py files and no main.py' }],
      };
    const out: Record<string, string> = {};
    for (const file of sources) {
      if (typeof file.content !== 'string')
        return {
          kind: 'error',
          diagnostics: [{ file: file.name, message: 'this file holds bytes, not source text' }],
        };
      out[file.name] = file.content;
    }
    const syntax = await syntaxProblems(out, options);
    if (syntax.kind === 'error') return syntax;
    if (syntax.problems.length > 0)
      return { kind: 'error', diagnostics: syntax.problems.map((p) => ({ ...p, severity: 'error' as const })) };
    const program = scriptProgram('pyodide', entry, out);
    return { kind: 'ok', program, ...(syntax.warnings ? { warnings: syntax.warnings } : {}) };
  },
};
