import type { SourceFile } from '../../src/core/source-file.ts';
import type { BuildResult, Toolchain } from '../toolchain.ts';
import { buildScript } from './build-script.ts';
import { scriptStarterFiles } from './starter.ts';

/** JavaScript modules run by QuickJS in the runner's workers (see README.md for why QuickJS). */
export const jsToolchain: Toolchain = {
  id: 'js',
  label: 'JavaScript (QuickJS)',
  summary: 'Write modern JavaScript in one or more .js/.mjs modules; it runs in QuickJS with a process-like API.',
  extensions: ['.js', '.mjs'],
  starterFiles: (target) => scriptStarterFiles(target.program, 'js'),
  build(files: readonly SourceFile[]): Promise<BuildResult> {
    return buildScript(files, { sources: ['.js', '.mjs'], typescript: [], entries: ['main.js', 'main.mjs'] });
  },
};
