import { CONTRACT_EPOCH, CONTRACT_RANDOM_SEED, contractEnv, instantToNs } from '../../core/environment.ts';
import type { Limits } from '../../core/limits.ts';
import type { RunRequest, WasmProgram } from '../../core/run-request.ts';

/** What the oracle console runs: argv after argv[0], stdin bytes and input files. */
export interface ConsoleInput {
  argv: string[];
  stdin: Uint8Array;
  files: Record<string, Uint8Array>;
}

/**
 * The run request for a console run: exactly what `mirrorbox oracle <target> -- ARGS…` builds (contract environment,
 * default clock and seed), so the console shows the CLI's bytes.
 */
export function consoleRequest(
  program: WasmProgram,
  programName: string,
  input: ConsoleInput,
  limits: Limits,
): RunRequest {
  return {
    program,
    argv: [programName, ...input.argv],
    stdin: input.stdin,
    files: input.files,
    env: contractEnv(),
    clockNs: instantToNs(CONTRACT_EPOCH) as bigint,
    seed: CONTRACT_RANDOM_SEED,
    limits,
  };
}
