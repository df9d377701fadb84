import { Wasmer } from '@wasmer/sdk/node';
import { availableParallelism } from 'node:os';
import { WasmerRunner } from '../runtimes/wasmer/wasmer-runner.ts';

/**
 * The wasmer backend in Node. The client is made here, not in the runner, because the SDK has one entry point per
 * platform. No package cache on disk: mirrorbox runs only its own modules and never fetches registry packages.
 */
export function createWasmerNodeRunner(parallelism = availableParallelism()): WasmerRunner {
  return new WasmerRunner(new Wasmer({ cache: false }), parallelism);
}
