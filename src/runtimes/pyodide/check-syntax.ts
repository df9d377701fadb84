import { startPyodide } from './engine.ts';

export interface SyntaxProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/**
 * CPython's own parser over each file (`compile()` in a Pyodide of this process, restored to its start-up memory
 * first): the syntax errors, with 1-based line and column, that running the program would report.
 */
export async function checkPythonSyntax(files: Record<string, string>): Promise<SyntaxProblem[]> {
  const engine = await startPyodide();
  const problems: SyntaxProblem[] = [];
  for (const [file, source] of Object.entries(files)) {
    engine.restore();
    const found = engine.syntax(source, file) as { toJs(): unknown[]; destroy(): void } | undefined;
    if (found === undefined || found === null) continue;
    const [line, column, message] = found.toJs() as [number, number, string];
    found.destroy();
    problems.push({ file, ...(line > 0 ? { line } : {}), ...(column > 0 ? { column } : {}), message });
  }
  return problems;
}
