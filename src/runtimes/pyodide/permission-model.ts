/**
 * Lets Pyodide start in a Node process under the permission model (`--experimental-permission`), where the CLI runs
 * candidates: Emscripten's file-system set-up reads `process.binding('constants').fs` (the flags of Node's own file
 * system, for NODEFS, which the runner never mounts), and `process.binding` is denied there. This answers that one
 * call with the same values from `node:fs` and passes every other call through, still denied. Node only; await it
 * once, before startPyodide().
 */
export async function allowPyodideUnderPermissionModel(): Promise<void> {
  const host = (globalThis as unknown as { process?: { binding(name: string): unknown } }).process;
  if (!host) throw new Error('allowPyodideUnderPermissionModel is for Node');
  // A computed specifier, as in engine.ts: this folder is bundled for browsers too.
  const nodeFs = 'node:fs';
  const { constants } = (await import(/* @vite-ignore */ nodeFs)) as typeof import('node:fs');
  const binding = host.binding.bind(host);
  const answer = Object.freeze({ fs: constants });
  host.binding = (name: string) => (name === 'constants' ? answer : binding(name));
}
