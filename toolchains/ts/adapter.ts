import type { SourceFile } from '../../src/core/source-file.ts';
import { buildScript } from '../js/build-script.ts';
import { scriptStarterFiles } from '../js/starter.ts';
import type { BuildResult, Toolchain } from '../toolchain.ts';

/** TypeScript, stripped of its types by sucrase and run like JavaScript (toolchains/js/README.md). */
export const tsToolchain: Toolchain = {
  id: 'ts',
  label: 'TypeScript (QuickJS)',
  summary: 'Write TypeScript in one or more .ts modules; types are stripped (not checked) and it runs in QuickJS.',
  extensions: ['.ts'],
  starterFiles: (target) => scriptStarterFiles(target.program, 'ts'),
  build(files: readonly SourceFile[]): Promise<BuildResult> {
    // Plain .js modules may sit beside the TypeScript ones.
    return buildScript(files, { sources: ['.ts', '.js', '.mjs'], typescript: ['.ts'], entries: ['main.ts'] });
  },
};
