/**
 * The engine's walls below Python, in this process (no pool): the WebAssembly module's imports that would act on
 * the host are refused even when called from the C level, and a run during which Python got hold of a JavaScript
 * object leaves the next run a fresh engine.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_EPOCH, contractEnv, instantToNs } from '../../src/core/environment.ts';
import { DEFAULT_LIMITS } from '../../src/core/limits.ts';
import type { ScriptProgram } from '../../src/core/run-request.ts';
import { runPython, startPyodide } from '../../src/runtimes/pyodide/run-python.ts';
import { scriptProgram } from '../../toolchains/script-program.ts';

interface Module {
  _system(command: number): number;
  stringToNewUTF8(s: string): number;
  _free(ptr: number): void;
}

const input = {
  argv: ['main'],
  env: contractEnv(),
  clockNs: instantToNs(CONTRACT_EPOCH) ?? 0n,
  seed: 1,
  limits: { ...DEFAULT_LIMITS, wallMs: 5000 },
};
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const hello: ScriptProgram = scriptProgram('pyodide', 'main.py', { 'main.py': 'print("hello")' });

describe("Pyodide's engine below Python", { timeout: 60_000 }, () => {
  it("the C library's system() finds no shell: Emscripten's system import is refused", async () => {
    const engine = await startPyodide();
    const module = (engine.pyodide as unknown as { _module: Module })._module;
    const marker = join(mkdtempSync(join(tmpdir(), 'mirrorbox-system-')), 'pwned.txt');
    const command = module.stringToNewUTF8(`id > ${marker}`);
    try {
      // Before: 0, and the marker written by a host shell (Emscripten runs system() through child_process in Node).
      expect(module._system(command)).toBe(-1);
      expect(module._system(0)).toBe(0); // "is there a shell?": no
    } finally {
      module._free(command);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('a run during which Python was handed a JavaScript object is followed by a fresh engine', async () => {
    const engine = await startPyodide();
    const first = runPython(engine, hello, input);
    expect(first.kind === 'exited' && text(first.stdout)).toBe('hello\n');
    expect(await startPyodide()).toBe(engine); // a clean run keeps the engine
    // No program has a way to a JavaScript object any more: the test hands one over during the run itself.
    const run = engine.run;
    engine.run = (...args: unknown[]) => {
      const proxy = engine.pyodide.toPy(new (class Handle {})()) as { destroy?: () => void };
      proxy.destroy?.();
      return run(...args);
    };
    try {
      const touched = runPython(engine, hello, input);
      expect(touched.kind === 'exited' && text(touched.stdout)).toBe('hello\n');
    } finally {
      engine.run = run;
    }
    const next = await startPyodide();
    expect(next).not.toBe(engine);
    const after = runPython(next, hello, input);
    expect(after.kind === 'exited' && text(after.stdout)).toBe('hello\n');
  });
});
