import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Where things live in a checkout. Built outputs all go under build/ (gitignored). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const targetsSourceDir = join(repoRoot, 'targets-wasm');
export const buildDir = join(repoRoot, 'build');
export const builtTargetsDir = join(buildDir, 'targets');

export function targetSourceDir(id: string): string {
  return join(targetsSourceDir, id);
}

export function builtTargetDir(id: string): string {
  return join(builtTargetsDir, id);
}
