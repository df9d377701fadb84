import type { Toolchain } from './toolchain.ts';
import { cToolchain } from './c/adapter.ts';
import { wasmToolchain } from './wasm/adapter.ts';

export type { BuildProgress, BuildResult, Diagnostic, Toolchain } from './toolchain.ts';

/**
 * Every candidate kind, in the order the app's selector shows them. Python and JS/TS adapters join this table
 * (toolchains issue); the app and the CLI read nothing else.
 */
export const TOOLCHAINS: readonly Toolchain[] = [wasmToolchain, cToolchain];

export const DEFAULT_TOOLCHAIN_ID = wasmToolchain.id;

export function toolchainById(id: string): Toolchain | undefined {
  return TOOLCHAINS.find((t) => t.id === id);
}
