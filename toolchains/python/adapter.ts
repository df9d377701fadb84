import { utf8Bytes } from '../../src/core/bytes.ts';
import { digestFields } from '../../src/core/digest.ts';
import type { ScriptProgram } from '../../src/core/run-request.ts';
import type { SourceFile } from '../../src/core/source-file.ts';
import type { BuildResult, Toolchain } from '../toolchain.ts';

/** Syntax errors by CPython's parser; none where Pyodide cannot start (browsers, for now): the run reports why. */
async function syntaxProblems(files: Record<string, string>) {
  try {
    const { checkPythonSyntax } = await import('../../src/runtimes/pyodide/check-syntax.ts');
    return await checkPythonSyntax(files);
  } catch {
    return [];
  }
}

const DIGEST_DOMAIN = 'mirrorbox-script/1\n';

/**
 * Python 3 run by Pyodide in the runner's workers (src/runtimes/pyodide/). The sources become a script program as
 * they are; CPython's own parser (Pyodide's compile(), loaded on the first build) turns syntax errors into
 * file:line:col diagnostics. Node only for now: in a browser the parser cannot start, the check is skipped, and a run
 * reports that the app does not serve Pyodide yet.
 */
export const pythonToolchain: Toolchain = {
  id: 'python',
  label: 'Python 3 (Pyodide)',
  // Pyodide's files are not served by the app yet; the CLI runs Python today.
  inBrowser: false,
  summary: 'Write Python 3 in one or more .py files; main.py (or the only file) runs as __main__.',
  extensions: ['.py'],
  starterFiles: (target) => [
    {
      name: 'main.py',
      content: `import sys\n\n\ndef main() -> int:\n    args = sys.argv[1:]\n    data = sys.stdin.read()\n    sys.stdout.write(f"${target.program}: {len(args)} arguments, {len(data)} characters on stdin\\n")\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n`,
    },
  ],
  async build(files: readonly SourceFile[]): Promise<BuildResult> {
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
    const problems = await syntaxProblems(out);
    if (problems.length > 0)
      return { kind: 'error', diagnostics: problems.map((p) => ({ ...p, severity: 'error' as const })) };
    const names = Object.keys(out).sort();
    const id = digestFields(DIGEST_DOMAIN, [
      utf8Bytes('pyodide'),
      utf8Bytes(entry),
      ...names.flatMap((n) => [utf8Bytes(n), utf8Bytes(out[n] as string)]),
    ]);
    const program: ScriptProgram = { kind: 'script', engine: 'pyodide', id, files: out, entry };
    return { kind: 'ok', program };
  },
};
