import type { Limits } from './limits.ts';

/** A WebAssembly program to run, identified by the SHA-256 of its bytes so backends can cache its compilation. */
export interface WasmProgram {
  /**
   * Optional so that every WasmProgram written before scripts existed (oracles, packs, uploads) stays one: a program
   * without `kind` is a WASI module.
   */
  kind?: 'wasm';
  /** Hex SHA-256 of `bytes`. */
  id: string;
  bytes: Uint8Array;
}

/** The interpreters a script program can name: QuickJS (JS/TS) and Pyodide (Python, src/runtimes/pyodide/). */
export type ScriptEngine = 'quickjs' | 'pyodide';

/**
 * Source code for an engine that the runner's workers host (QuickJS today). Plain data like WasmProgram, so it
 * crosses postMessage and is cached per worker under its id.
 */
export interface ScriptProgram {
  kind: 'script';
  engine: ScriptEngine;
  /** Hex digest of engine, entry and files: the same program always has the same id. */
  id: string;
  /** Ready-to-run sources by relative path (TypeScript already transpiled), e.g. `main.js`, `lib/util.js`. */
  files: Record<string, string>;
  /** The file the run starts with; a key of `files`. */
  entry: string;
}

/** Anything a Runner can run: a WASI module, or a script for one of the engines. */
export type Program = WasmProgram | ScriptProgram;

/**
 * Everything a run depends on. Same request, same bytes out — in every backend.
 *
 * `P` lets a backend that runs only WASI modules say so (`RunRequest<WasmProgram>`); it defaults to WasmProgram so
 * that code written before script programs keeps its meaning. Runners accept `RunRequest<Program>`.
 */
export interface RunRequest<P extends Program = WasmProgram> {
  program: P;
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
