import { utf8Bytes } from '../core/bytes.ts';
import { digestFields } from '../core/digest.ts';
import { CONTRACT_ENV, CONTRACT_RANDOM_SEED } from '../core/environment.ts';
import { DEFAULT_LIMITS } from '../core/limits.ts';
import type { ScriptProgram } from '../core/run-request.ts';
import type { Runner } from '../core/runner.ts';
import type { SyntaxProblem } from '../runtimes/pyodide/check-syntax.ts';
import { candidatePool } from './browser-pool.ts';

/**
 * A Python program that compiles each of `[[name, source], …]` read from stdin and prints
 * `[[name, line, column, message], …]` for those that do not. The same logic as the prelude's `_mirrorbox_syntax`
 * (src/runtimes/pyodide/prelude.ts), which the CLI's checkPythonSyntax calls; a run cannot reach the prelude's
 * namespace (it gets a fresh `__main__`), so the few lines are repeated here and python-syntax.test.ts holds the two
 * to the same answers.
 */
const CHECKER = `import json, sys
problems = []
for name, source in json.loads(sys.stdin.buffer.read().decode('utf-8')):
    try:
        compile(source, name, 'exec', dont_inherit=True)
    except SyntaxError as e:
        problems.append([name, e.lineno or 0, e.offset or 0, type(e).__name__ + ': ' + str(e.msg)])
    except ValueError as e:
        problems.append([name, 0, 0, 'ValueError: ' + str(e)])
sys.stdout.write(json.dumps(problems))
`;

const CHECKER_PROGRAM: ScriptProgram = {
  kind: 'script',
  engine: 'pyodide',
  id: digestFields('mirrorbox-python-syntax/1\n', [utf8Bytes(CHECKER)]),
  files: { 'check_syntax.py': CHECKER },
  entry: 'check_syntax.py',
};

export type BrowserSyntaxCheck =
  | { kind: 'checked'; problems: SyntaxProblem[] }
  /** Pyodide cannot start in the workers: no run can work either, so the build fails with this message. */
  | { kind: 'no-engine'; message: string }
  /** The check itself did not finish (cancelled, or a limit): the runs will show CPython's traceback instead. */
  | { kind: 'skipped'; reason: string };

/**
 * CPython's own parser over each file, in a worker of the candidate realm (the source is the candidate's) rather than on the page's thread, where
 * starting Pyodide would freeze the page for seconds. The worker that checks keeps its interpreter for the runs that
 * follow, so the check costs the first run nothing but the check itself.
 */
export async function checkPythonSyntaxInWorker(
  files: Record<string, string>,
  options: { signal?: AbortSignal; runner?: Runner } = {},
): Promise<BrowserSyntaxCheck> {
  const runner = options.runner ?? candidatePool();
  const result = await runner.run(
    {
      program: CHECKER_PROGRAM,
      argv: ['check_syntax.py'],
      stdin: utf8Bytes(JSON.stringify(Object.entries(files))),
      env: { ...CONTRACT_ENV },
      clockNs: 0n,
      seed: CONTRACT_RANDOM_SEED,
      limits: { ...DEFAULT_LIMITS },
    },
    options.signal ? { signal: options.signal } : {},
  );
  if (result.kind === 'invalid-module') return { kind: 'no-engine', message: result.message };
  if (result.kind !== 'exited' || result.code !== 0) {
    const how = result.kind === 'exited' ? `exit code ${result.code}` : result.kind;
    const said = 'stderr' in result ? new TextDecoder().decode(result.stderr).trim().split('\n').at(-1) : undefined;
    return { kind: 'skipped', reason: `the syntax check did not finish (${how}${said ? `: ${said}` : ''})` };
  }
  const found = JSON.parse(new TextDecoder().decode(result.stdout)) as [string, number, number, string][];
  return {
    kind: 'checked',
    problems: found.map(([file, line, column, message]) => ({
      file,
      ...(line > 0 ? { line } : {}),
      ...(column > 0 ? { column } : {}),
      message,
    })),
  };
}
