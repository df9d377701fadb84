/**
 * The app's syntax check (a Python program run in a runner worker) must say exactly what the CLI's in-process check
 * says: the same files, lines, columns and messages. Both run here on Node — the worker one through the real Node
 * pool, the same runner API the browser's workers expose.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createNodePool } from '../node/node-pool.ts';
import { checkPythonSyntax } from '../runtimes/pyodide/check-syntax.ts';
import { checkPythonSyntaxInWorker } from './python-syntax.ts';

const FILES: Record<string, string> = {
  'main.py': 'import helpers\n\nprint(helpers.twice(2)\n',
  'helpers.py': 'def twice(x):\n    return 2 * x\n',
  'bad_def.py': 'def f(:\n    pass\n',
  'indent.py': 'if True:\nprint(1)\n',
  'nul.py': 'a = 1\0\n',
  'unicode.py': 'naïve = "ü"\nprint(naïve))\n',
};

describe('the Python syntax check in a runner worker', () => {
  const pool = createNodePool(1);
  afterAll(() => pool.close());

  it('reports what the in-process check reports, file by file', async () => {
    const inWorker = await checkPythonSyntaxInWorker(FILES, { runner: pool });
    const inProcess = await checkPythonSyntax(FILES);
    expect(inWorker).toEqual({ kind: 'checked', problems: inProcess });
    expect(inProcess.map((p) => p.file)).toEqual(['main.py', 'bad_def.py', 'indent.py', 'nul.py', 'unicode.py']);
    expect(inProcess[0]).toMatchObject({ file: 'main.py', line: 3, message: "SyntaxError: '(' was never closed" });
  });

  it('finds nothing in valid files, and a cancelled check is skipped rather than failing the build', async () => {
    expect(await checkPythonSyntaxInWorker({ 'main.py': 'print(1)\n' }, { runner: pool })).toEqual({
      kind: 'checked',
      problems: [],
    });
    const controller = new AbortController();
    controller.abort();
    const cancelled = await checkPythonSyntaxInWorker(FILES, { runner: pool, signal: controller.signal });
    expect(cancelled.kind).toBe('skipped');
  });
});
