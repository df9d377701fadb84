import type { Package, Wasmer } from '@wasmer/sdk';
import { hex } from '../../core/bytes.ts';
import { Prng } from '../../core/prng.ts';
import type { RunRequest, WasmProgram } from '../../core/run-request.ts';
import { encodeConfig, memoryLimitPages, patchConfig } from './guest-config.ts';
import { rewriteGuest, type Rewritten } from './guest-rewrite.ts';
import { checkModule, type PreparedPackage } from './package-cache.ts';
import { remember } from './remember.ts';

type Template =
  { kind: 'ready'; template: Uint8Array; initialPages: number } | Exclude<PreparedPackage, { kind: 'ready' }>;

export type ContractPackage =
  | { kind: 'ready'; pkg: Package; command: string; memoryLevelPages: number; initialPages: number }
  | Exclude<PreparedPackage, { kind: 'ready' }>;

/**
 * Packages whose module honours the run contract by itself (guest-rewrite.ts). The rewrite (binaryen, the costly
 * step) is done once per program and memory limit; each distinct clock/seed/environment then costs a byte patch and
 * a package, remembered too, so a suite whose cases share them makes one package.
 */
export class ContractPackages {
  private readonly templates = new Map<string, Promise<Template>>();
  private readonly packages = new Map<string, Promise<ContractPackage>>();

  /** `rewrite`: rewriteGuest itself, or a platform's way of running it elsewhere (src/node/guest-rewrite-thread.ts). */
  constructor(
    private readonly wasmer: Wasmer,
    private readonly rewrite: (bytes: Uint8Array) => Promise<Rewritten> = rewriteGuest,
    private readonly capacity = 16,
  ) {}

  async get(
    program: WasmProgram,
    request: Pick<RunRequest, 'limits' | 'clockNs' | 'seed' | 'env' | 'files'>,
    command: string,
  ): Promise<ContractPackage> {
    const memoryBytes = request.limits.memoryBytes;
    const template = await remember(this.templates, `${program.id}@${memoryBytes}`, this.capacity, () =>
      makeTemplate(program.bytes, memoryBytes, this.rewrite),
    );
    if (template.kind !== 'ready') return template;
    const memoryLevelPages = memoryLimitPages(memoryBytes);
    const config = encodeConfig({
      clockNs: request.clockNs,
      random: seededState(request.seed),
      env: request.env,
      memoryLimitPages: memoryLevelPages,
      fileRoomBytes:
        request.limits.fileBytes - Object.values(request.files ?? {}).reduce((n, data) => n + data.length, 0),
    });
    const key = `${program.id}@${memoryBytes}@${command}@${hex(config)}`;
    return remember(this.packages, key, this.capacity * 4, async () => {
      const patched = patchConfig(template.template, config);
      if (patched.kind === 'error') return { kind: 'invalid-module', message: patched.message };
      try {
        const pkg = await this.wasmer.packages.create({
          modules: { program: patched.bytes },
          commands: { [command]: { module: 'program' } },
        });
        return { kind: 'ready', pkg, command, memoryLevelPages, initialPages: template.initialPages };
      } catch (e) {
        return { kind: 'invalid-module', message: `wasmer cannot load it: ${(e as Error).message}` };
      }
    });
  }
}

async function makeTemplate(
  bytes: Uint8Array,
  memoryBytes: number,
  rewrite: (bytes: Uint8Array) => Promise<Rewritten>,
): Promise<Template> {
  const checked = await checkModule(bytes, memoryBytes);
  if (checked.kind !== 'ready') return checked;
  const rewritten = await rewrite(checked.bytes);
  if (rewritten.kind === 'error') return { kind: 'invalid-module', message: rewritten.message };
  return { kind: 'ready', template: rewritten.template, initialPages: checked.initialPages };
}

/** The sfc32 state `Prng(seed)` starts from, so the guest produces the shim's bytes for the same seed. */
function seededState(seed: number): [number, number, number, number] {
  const state = new Prng(seed) as unknown as { a: number; b: number; c: number; d: number };
  return [state.a, state.b, state.c, state.d];
}
