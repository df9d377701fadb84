import type { Toolchain } from './toolchain.ts';
import { cToolchain } from './c/adapter.ts';
import { jsToolchain } from './js/adapter.ts';
import { pythonToolchain } from './python/adapter.ts';
import { tsToolchain } from './ts/adapter.ts';
import { wasmToolchain } from './wasm/adapter.ts';

export type { BuildProgress, BuildResult, Diagnostic, Toolchain } from './toolchain.ts';

/**
 * Every candidate kind, in the order the app's selector shows them; the app and the CLI read nothing else.
 */
export const TOOLCHAINS: readonly Toolchain[] = [wasmToolchain, cToolchain, pythonToolchain, jsToolchain, tsToolchain];

/** A new workspace starts in a language the browser runs, so a newcomer can type and run code at once. */
export const DEFAULT_TOOLCHAIN_ID = pythonToolchain.id;

export function toolchainById(id: string): Toolchain | undefined {
  return TOOLCHAINS.find((t) => t.id === id);
}

/** The kinds the app offers: every kind whose engine runs in a browser tab. */
export const APP_TOOLCHAINS: readonly Toolchain[] = TOOLCHAINS.filter((t) => t.inBrowser !== false);

export function appToolchainById(id: string): Toolchain | undefined {
  return APP_TOOLCHAINS.find((t) => t.id === id);
}
