/**
 * Lets Pyodide start in a Node process under the permission model (`--experimental-permission`), where the CLI runs
 * candidates: Emscripten's file-system set-up reads `process.binding('constants').fs` (the flags of Node's own file
 * system, for NODEFS, which the runner never mounts), and `process.binding` is denied there. This answers that one
 * call with the same values from `node:fs` and passes every other call through, still denied. Node only (20.16 or
 * later, for process.getBuiltinModule); call once, before startPyodide().
 */
export function allowPyodideUnderPermissionModel(): void {
  // Through globalThis and getBuiltinModule: this folder is bundled for browsers too, so it imports no Node module.
  const host = (
    globalThis as unknown as {
      process?: { binding(name: string): unknown; getBuiltinModule?(id: string): unknown };
    }
  ).process;
  const fs = host?.getBuiltinModule?.('node:fs') as typeof import('node:fs') | undefined;
  if (!host || !fs) throw new Error('allowPyodideUnderPermissionModel needs Node 20.16 or later');
  const binding = host.binding.bind(host);
  const answer = Object.freeze({ fs: fs.constants });
  host.binding = (name: string) => (name === 'constants' ? answer : binding(name));
}
