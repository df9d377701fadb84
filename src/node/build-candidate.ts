import type { Program } from '../core/run-request.ts';
import { formatDiagnostic } from '../../toolchains/format-diagnostic.ts';
import { inferToolchain } from '../../toolchains/infer-toolchain.ts';
import { TOOLCHAINS, toolchainById, type Diagnostic } from '../../toolchains/index.ts';
import { readCandidateFiles } from './candidate-files.ts';

export type CandidateBuild =
  /** `warnings`: compiler messages of a successful build, one line each. */
  | { kind: 'ok'; program: Program; warnings: string[] }
  /** The path or --lang is wrong: one line for the user. */
  | { kind: 'input-error'; message: string }
  /** The toolchain refused the files: `file:line:col: message` lines, file paths as the user would open them. */
  | { kind: 'build-error'; lines: string[] };

/** Reads a candidate (a file or a folder), picks its toolchain (given or inferred) and builds it — what the CLI runs. */
export async function buildCandidate(path: string, lang: string | undefined): Promise<CandidateBuild> {
  const read = readCandidateFiles(path);
  if (read.kind === 'error') return { kind: 'input-error', message: read.message };
  const { files, displayPath } = read.value;
  let toolchain = lang === undefined ? undefined : toolchainById(lang);
  if (lang !== undefined && !toolchain)
    return {
      kind: 'input-error',
      message: `--lang wants one of ${TOOLCHAINS.map((t) => t.id).join(', ')}, got '${lang}'`,
    };
  if (!toolchain) {
    const inferred = inferToolchain(files, TOOLCHAINS);
    if (inferred.kind === 'error') return { kind: 'input-error', message: `${path}: ${inferred.message}` };
    toolchain = inferred.toolchain;
  }
  const built = await toolchain.build(files);
  const lines = (ds: readonly Diagnostic[]) =>
    ds.map((d) => formatDiagnostic(d.file === '' ? d : { ...d, file: displayPath(d.file) }));
  if (built.kind === 'error') return { kind: 'build-error', lines: lines(built.diagnostics) };
  return { kind: 'ok', program: built.program, warnings: lines(built.warnings ?? []) };
}
