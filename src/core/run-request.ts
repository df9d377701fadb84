import type { Limits } from './limits.ts';

/** A WebAssembly program to run, identified by the SHA-256 of its bytes so backends can cache its compilation. */
export interface WasmProgram {
  /** Hex SHA-256 of `bytes`. */
  id: string;
  bytes: Uint8Array;
}

/** Everything a run depends on. Same request, same bytes out — in every backend. */
export interface RunRequest {
  program: WasmProgram;
  /** Full argv, argv[0] included (the target's program name). */
  argv: string[];
  stdin?: Uint8Array;
  /** Files in the working directory `/`, by relative path (`dir/name` creates `dir`). */
  files?: Record<string, Uint8Array>;
  /** The complete environment (see contractEnv). */
  env: Record<string, string>;
  /** Start of the realtime clock, nanoseconds since the Unix epoch. */
  clockNs: bigint;
  /** Seed of random_get. */
  seed: number;
  limits: Limits;
}
