import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleToFile } from '../worker-bundle.ts';

/** The files a sandboxed runner child reads: its bundled entry and the one engine package not bundled (Pyodide). */
export interface EngineFiles {
  /** A private folder of this CLI process holding `child.mjs` and `node_modules/pyodide` (a link to the package). */
  dir: string;
  entry: string;
  /** The Pyodide package folder in the checkout (its wasm, its stdlib zip, its loader). */
  pyodideDir: string;
}

const PREFIX = 'mirrorbox-sandbox-';

/**
 * Removes the folders of processes that ended without their exit handler (killed by a signal, as test runners end
 * their workers): each folder is named after the pid that made it.
 */
function removeOrphans(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(/^mirrorbox-sandbox-(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid <= 0 || isAlive(pid)) continue;
    try {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // Another user's, or already gone.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive, another user's.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const entrySource = fileURLToPath(new URL('../../../workers/runner.sandbox-child.ts', import.meta.url));
let staged: EngineFiles | undefined;

/**
 * Bundles the child entry once per process (QuickJS, comlink and the runner code go in; Pyodide, loaded by path at
 * run time, stays out) into a fresh temporary folder, removed when the process exits. The folder mirrors what the
 * child sees in the sandbox: `child.mjs` beside `node_modules/pyodide`, so that Pyodide's own resolution from the
 * bundle's location finds it there.
 */
export function stageEngineFiles(): EngineFiles {
  if (staged) return staged;
  const pyodideDir = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
  removeOrphans();
  const dir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const entry = join(dir, 'child.mjs');
  bundleToFile(entrySource, entry);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(pyodideDir, join(dir, 'node_modules', 'pyodide'), 'dir');
  staged = { dir, entry, pyodideDir };
  return staged;
}
