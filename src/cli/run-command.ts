import { basename } from 'node:path';
import { LIMIT_EXIT_CODE } from '../core/environment.ts';
import { describeStop, isLimit, type RunResult } from '../core/run-result.ts';
import type { Program } from '../core/run-request.ts';
import { buildCandidate } from '../node/build-candidate.ts';
import { loadBuiltTarget } from '../node/target-store.ts';
import { CliError } from './cli-error.ts';
import { buildRunRequest, parseRunArgs } from './run-options.ts';
import type { Runner } from '../core/runner.ts';
import { createCandidateRunnerFor, createRunner, parseRuntime, RUNTIMES, type RuntimeId } from './runtime-choice.ts';
import { isolationFor, UNSANDBOXED_FLAG } from './sandbox-choice.ts';
import { TOOLCHAINS } from '../../toolchains/index.ts';

const LANGS = TOOLCHAINS.map((t) => t.id).join('|');

export const oracleUsage = `mirrorbox oracle <target> [--stdin FILE] [--file NAME=PATH]… [--env K=V]… [--clock ISO] [--timeout MS] [--runtime ${RUNTIMES.join('|')}] -- ARGS…`;
export const runUsage = `mirrorbox run <file-or-folder> [--lang ${LANGS}] [--name ARGV0] [--stdin FILE] [--file NAME=PATH]… [--env K=V]… [--clock ISO] [--timeout MS] [--runtime ${RUNTIMES.join('|')}] [${UNSANDBOXED_FLAG}] -- ARGS…`;

/** `mirrorbox oracle`: runs a target's reference program; its streams become ours and its exit code ours. */
export async function oracleCommand(args: string[]): Promise<number> {
  const { values, positionals, programArgs } = parseRunArgs(args);
  if (values.help) return usage(oracleUsage);
  if (positionals.length !== 1) throw new CliError(`usage: ${oracleUsage}`);
  const built = loadBuiltTarget(positionals[0] as string);
  if (built.kind === 'error') throw new CliError(built.message);
  return runOnce(built.value.oracle, built.value.pack.target.program, values, programArgs, (runtime) =>
    createRunner(runtime, 1),
  );
}

/**
 * `mirrorbox run`: builds a candidate (a .wasm, or sources for a toolchain) and runs it under exactly the oracle's
 * environment. Compiler warnings are not printed: stderr is the program's own.
 */
export async function runCommand(args: string[]): Promise<number> {
  const unsandboxed = takeFlag(args, UNSANDBOXED_FLAG);
  const name = takeOption(unsandboxed.rest, '--name');
  const lang = takeOption(name.rest, '--lang');
  const { values, positionals, programArgs } = parseRunArgs(lang.rest);
  if (values.help) return usage(runUsage);
  if (positionals.length !== 1) throw new CliError(`usage: ${runUsage}`);
  const path = positionals[0] as string;
  const candidate = await buildCandidate(path, lang.value);
  if (candidate.kind === 'input-error') throw new CliError(candidate.message);
  if (candidate.kind === 'build-error') {
    process.stderr.write(`${candidate.lines.join('\n')}\n`);
    return 2;
  }
  // Refused here, before anything runs, when a script cannot be sandboxed. No warning with the flag: stderr is the
  // program's.
  const isolation = isolationFor(candidate.program, unsandboxed.present);
  return runOnce(
    candidate.program,
    name.value ?? basename(path).replace(/\.[^.]*$/, ''),
    values,
    programArgs,
    async (runtime) => createCandidateRunnerFor(runtime, isolation, 1),
  );
}

/** Takes a boolean OPTION out of the CLI's own arguments (before `--`). */
function takeFlag(args: string[], option: string): { present: boolean; rest: string[] } {
  const at = args.indexOf(option);
  const split = args.indexOf('--');
  if (at === -1 || (split !== -1 && at > split)) return { present: false, rest: args };
  return { present: true, rest: [...args.slice(0, at), ...args.slice(at + 1)] };
}

/** Takes `OPTION VALUE` out of the CLI's own arguments (before `--`): options that `oracle` does not share. */
function takeOption(args: string[], option: string): { value: string | undefined; rest: string[] } {
  const at = args.indexOf(option);
  const split = args.indexOf('--');
  if (at === -1 || (split !== -1 && at > split)) return { value: undefined, rest: args };
  return { value: args[at + 1], rest: [...args.slice(0, at), ...args.slice(at + 2)] };
}

async function runOnce(
  program: Program,
  programName: string,
  values: ReturnType<typeof parseRunArgs>['values'],
  programArgs: string[],
  makeRunner: (runtime: RuntimeId) => Promise<Runner>,
): Promise<number> {
  const request = buildRunRequest(program, programName, values, programArgs);
  const runner = await makeRunner(parseRuntime(values.runtime));
  let result: RunResult;
  try {
    result = await runner.run(request);
  } finally {
    await runner.close();
  }
  if (result.kind === 'invalid-module') throw new CliError(describeStop(result) as string);
  await write(process.stdout, result.stdout);
  await write(process.stderr, result.stderr);
  if (result.kind === 'exited') return result.code;
  process.stderr.write(`mirrorbox: ${describeStop(result)}\n`);
  if (result.kind === 'trap') return result.code;
  return isLimit(result) ? LIMIT_EXIT_CODE : 1;
}

function write(stream: NodeJS.WriteStream, bytes: Uint8Array): Promise<void> {
  if (bytes.length === 0) return Promise.resolve();
  return new Promise((resolve) => stream.write(bytes, () => resolve()));
}

function usage(text: string): number {
  process.stdout.write(`usage: ${text}\n`);
  return 0;
}
