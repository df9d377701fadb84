import { sha256Hex } from '../../src/core/digest.ts';
import type { SourceFile } from '../../src/core/source-file.ts';
import { capMemory } from '../../src/core/wasm-binary.ts';
import type { BuildResult, Toolchain } from '../toolchain.ts';

/**
 * Says what is wrong with bytes that should be a WASI preview 1 core module, or undefined when the header and
 * sections look right. Used on upload, so a wrong file is refused before it replaces a good one.
 */
export function wasmUploadProblem(bytes: Uint8Array): string | undefined {
  const inspected = capMemory(bytes, 1);
  return inspected.kind === 'error' ? inspected.message : undefined;
}

const NOTES = (program: string): string => `# Notes

Build your reimplementation of \`${program}\` for WASI preview 1 on your own machine, then upload the .wasm here
("Upload .wasm"). A workspace holds one .wasm: a new upload replaces the old one. For example:

- Rust: cargo build --release --target wasm32-wasip1
- Go:   GOOS=wasip1 GOARCH=wasm go build -o ${program}.wasm
- Zig:  zig build-exe -target wasm32-wasi main.zig
- C:    clang --target=wasm32-wasip1 -O2 -o ${program}.wasm main.c (with the WASI SDK)

No compiler at hand? Choose another candidate kind above (Python, C, JavaScript or TypeScript): this page compiles
and runs those itself.

Keep your sources and notes next to it: every file here is saved in this browser and exported with the workspace.
`;

/** The candidate kind that needs no compiler: the user uploads a WASI module they built elsewhere. */
export const wasmToolchain: Toolchain = {
  id: 'wasm',
  label: 'Prebuilt WASI module (.wasm)',
  summary: 'Upload a WASI preview 1 module you built yourself (Rust, Go, Zig, C…).',
  extensions: ['.wasm'],
  starterFiles: (target) => [{ name: 'NOTES.md', content: NOTES(target.program) }],
  async build(files: readonly SourceFile[]): Promise<BuildResult> {
    const modules = files.filter((f) => f.name.endsWith('.wasm'));
    if (modules.length === 0) {
      return {
        kind: 'error',
        diagnostics: [
          {
            file: '',
            message:
              'there is no .wasm in the workspace yet: upload your compiled program, or choose another candidate kind (Python, C, JavaScript) in the Workspace',
          },
        ],
      };
    }
    if (modules.length > 1) {
      return {
        kind: 'error',
        diagnostics: [
          {
            file: '',
            message: `keep exactly one .wasm in the workspace (found ${modules.map((m) => m.name).join(', ')}): delete the others`,
          },
        ],
      };
    }
    const file = modules[0] as SourceFile;
    if (typeof file.content === 'string') {
      return {
        kind: 'error',
        diagnostics: [{ file: file.name, message: 'this .wasm holds text: upload the compiled binary instead' }],
      };
    }
    const problem = wasmUploadProblem(file.content);
    if (problem) return { kind: 'error', diagnostics: [{ file: file.name, message: problem }] };
    return { kind: 'ok', program: { id: sha256Hex(file.content), bytes: file.content } };
  },
};
