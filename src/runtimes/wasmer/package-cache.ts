import type { Package, Wasmer } from '@wasmer/sdk';
import type { WasmProgram } from '../../core/run-request.ts';
import { capMemory, PAGE_BYTES } from '../../core/wasm-binary.ts';
import { prepareModule } from '../shim/prepare.ts';
import { guestFiles } from './guest-files.ts';
import { remember } from './remember.ts';

export type PreparedPackage =
  | { kind: 'ready'; pkg: Package; command: string }
  | { kind: 'invalid-module'; message: string }
  | { kind: 'memory-limit'; message: string };

export type Checked =
  { kind: 'ready'; bytes: Uint8Array; initialPages: number } | Exclude<PreparedPackage, { kind: 'ready' }>;

/**
 * Turns a run's program, argv[0] and files into a Wasmer package. The checks are the shim backend's own (same
 * message for the same bad upload) and are done once per program and memory limit; the memory cap is written into
 * the module as there. The package's one command is named after argv[0], because the SDK passes the command name as
 * argv[0] and has no other way to set it. A run's files travel inside its package: the sandbox file API only reaches
 * `/workspace`, but a WASI preview 1 program resolves relative paths against `/` (wasi-libc keeps its own cwd).
 */
export class PackageCache {
  private readonly checked = new Map<string, Promise<Checked>>();
  private readonly packages = new Map<string, Promise<PreparedPackage>>();
  constructor(
    private readonly wasmer: Wasmer,
    private readonly capacity = 16,
  ) {}

  async get(
    program: WasmProgram,
    memoryBytes: number,
    command: string,
    files: Record<string, Uint8Array> | undefined,
  ): Promise<PreparedPackage> {
    const checked = await remember(this.checked, `${program.id}@${memoryBytes}`, this.capacity, () =>
      checkModule(program.bytes, memoryBytes),
    );
    if (checked.kind !== 'ready') return checked;
    // Packages with files are per run (≈3 ms to make); without files, one per program name is reused.
    if (files && Object.keys(files).length > 0) return this.create(checked.bytes, command, files);
    return remember(this.packages, `${program.id}@${memoryBytes}@${command}`, this.capacity, () =>
      this.create(checked.bytes, command, undefined),
    );
  }

  private async create(
    bytes: Uint8Array,
    command: string,
    files: Record<string, Uint8Array> | undefined,
  ): Promise<PreparedPackage> {
    try {
      const pkg = await this.wasmer.packages.create({
        modules: { program: bytes },
        commands: { [command]: { module: 'program' } },
        files: guestFiles(files),
      });
      return { kind: 'ready', pkg, command };
    } catch (e) {
      return { kind: 'invalid-module', message: `wasmer cannot load it: ${(e as Error).message}` };
    }
  }
}

/** The shim's checks, then the memory cap written into the module; also used by contract-packages.ts. */
export async function checkModule(bytes: Uint8Array, memoryBytes: number): Promise<Checked> {
  const prepared = await prepareModule(bytes, memoryBytes);
  if (prepared.kind !== 'ready') return prepared;
  const capped = capMemory(bytes, Math.max(1, Math.floor(memoryBytes / PAGE_BYTES)));
  return capped.kind === 'error'
    ? { kind: 'invalid-module', message: capped.message }
    : { kind: 'ready', bytes: capped.bytes, initialPages: capped.initialPages ?? 0 };
}
