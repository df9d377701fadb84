import type { SourceFile } from '../src/core/source-file.ts';
import type { Toolchain } from './toolchain.ts';

export type Inferred = { kind: 'ok'; toolchain: Toolchain } | { kind: 'error'; message: string };

/**
 * The toolchain a set of files is written for, from their extensions (`.wasm` → wasm, `.c`/`.h` → c). Exactly one
 * toolchain must claim files; when none or several do, the caller asks for an explicit choice.
 */
export function inferToolchain(files: readonly SourceFile[], toolchains: readonly Toolchain[]): Inferred {
  const claiming = toolchains.filter((t) => files.some((f) => t.extensions.some((ext) => f.name.endsWith(ext))));
  const ids = toolchains.map((t) => t.id).join('|');
  if (claiming.length === 1) return { kind: 'ok', toolchain: claiming[0] as Toolchain };
  if (claiming.length === 0) {
    const known = toolchains.flatMap((t) => t.extensions).join(', ');
    return { kind: 'error', message: `no file with a known extension (${known}); give --lang ${ids}` };
  }
  return {
    kind: 'error',
    message: `files for several languages (${claiming.map((t) => t.id).join(', ')}); give --lang ${ids}`,
  };
}
