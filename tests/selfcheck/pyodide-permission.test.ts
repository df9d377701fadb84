/**
 * Pyodide in a Node process under the permission model (`--experimental-permission`), as the CLI's sandboxed child
 * runs it: reads allowed only in Pyodide's own folder and the script, no child processes, no writes. The script is a
 * bundle (esbuild) of the engine's real code; it is handed the folder (usePyodideFrom) and answers Emscripten's one
 * denied call (allowPyodideUnderPermissionModel).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/node/paths.ts';

const pyodideDir = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));

/** A script that starts Pyodide (optionally without the permission-model shim) and runs argv[3] as a program. */
function bundle(allow: boolean): string {
  const engine = join(repoRoot, 'src/runtimes/pyodide');
  const source = [
    `import { allowPyodideUnderPermissionModel } from ${JSON.stringify(join(engine, 'permission-model.ts'))};`,
    `import { usePyodideFrom } from ${JSON.stringify(join(engine, 'engine.ts'))};`,
    `import { runPython, startPyodide } from ${JSON.stringify(join(engine, 'run-python.ts'))};`,
    allow ? 'allowPyodideUnderPermissionModel();' : '',
    'usePyodideFrom(process.argv[2]);',
    'const engine = await startPyodide();',
    "const program = { kind: 'script', engine: 'pyodide', id: 'p', entry: 'main.py', files: { 'main.py': process.argv[3] } };",
    'const limits = { wallMs: 10000, outputBytes: 1 << 20, memoryBytes: 1 << 28, fileBytes: 1 << 20 };',
    "const r = runPython(engine, program, { argv: ['main'], env: {}, clockNs: 0n, seed: 1, limits });",
    "process.stdout.write(JSON.stringify({ kind: r.kind, code: r.code, stdout: new TextDecoder().decode(r.stdout), stderr: new TextDecoder().decode(r.stderr).split('\\n').slice(-2).join('\\n') }));",
  ].join('\n');
  const out = buildSync({
    stdin: { contents: source, resolveDir: repoRoot, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'error',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'mirrorbox-pyodide-permission-')), 'child.mjs');
  writeFileSync(file, out.outputFiles[0]?.text ?? '');
  return file;
}

function runChild(script: string, source: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--experimental-permission',
        // One flag per path: Node 20 no longer takes a comma-separated list.
        `--allow-fs-read=${pyodideDir}/`,
        `--allow-fs-read=${script}`,
        '--no-warnings',
        script,
        pyodideDir,
        source,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('Pyodide under Node’s permission model', { timeout: 60_000 }, () => {
  it('starts with allowPyodideUnderPermissionModel and runs a program; host reads and processes stay denied', async () => {
    const source = [
      'import os, sys',
      'print("hello", sys.version_info[:2])',
      'try:',
      '    os.system("id")',
      'except OSError as e:',
      '    print("system", e.strerror)',
      'print(sorted(os.listdir(".")))',
    ].join('\n');
    const r = await runChild(bundle(true), source);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      kind: 'exited',
      code: 0,
      stdout: 'hello (3, 14)\nsystem Function not implemented\n[]\n',
      stderr: '',
    });
    expect(r.status).toBe(0);
  });

  it('does not start without it: Emscripten’s process.binding("constants") is denied', async () => {
    const r = await runChild(bundle(false), 'print(1)');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/ERR_ACCESS_DENIED\]: process\.binding\n/);
  });
});
