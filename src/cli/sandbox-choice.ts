import type { Program } from '../core/run-request.ts';
import { BWRAP_HINT, probeBwrap, type Isolation } from '../node/sandbox/bwrap.ts';
import { stageEngineFiles } from '../node/sandbox/engine-files.ts';
import { CliError } from './cli-error.ts';

/** The flag by which a user accepts running script candidates without the OS sandbox. */
export const UNSANDBOXED_FLAG = '--unsandboxed';

/**
 * How a candidate's engine is isolated. C and .wasm candidates reach only WASI imports and need no sandbox (the
 * answer does not matter for them). Python and JavaScript candidates run in bubblewrap; where it cannot run they
 * are refused (exit 2) with what is missing and how to fix it, unless the user passed --unsandboxed: then they run
 * in a child process under Node's permission model alone, and `warn` is told so.
 */
export function isolationFor(program: Program, unsandboxed: boolean, warn?: (line: string) => void): Isolation {
  if (program.kind !== 'script') return 'bwrap';
  const status = probeBwrap(stageEngineFiles());
  if (status.kind === 'available') return 'bwrap';
  const language = program.engine === 'pyodide' ? 'Python' : 'JavaScript';
  if (!unsandboxed)
    throw new CliError(
      `${language} candidates run only inside an OS sandbox, which cannot start here: ${status.reason}.\n` +
        `  To fix it: ${BWRAP_HINT}.\n` +
        `  Or pass ${UNSANDBOXED_FLAG} to run it under Node's permission model alone, accepting that a program ` +
        `escaping the ${language} engine is then held only by that experimental model, not by the operating system.`,
    );
  warn?.(
    `mirrorbox: warning: running the ${language} candidate without the OS sandbox (${status.reason}); ` +
      `only Node's permission model holds it\n`,
  );
  return 'permission';
}
