import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CONTRACT_EPOCH, CONTRACT_RANDOM_SEED, contractEnv, instantToNs } from '../core/environment.ts';
import { withDefaults, type Limits } from '../core/limits.ts';
import type { Program, RunRequest } from '../core/run-request.ts';
import { CliError } from './cli-error.ts';

/** The options `oracle` and `run` share: inputs of one run, under the same environment contract as the tests. */
export const runOptionSpec = {
  stdin: { type: 'string' },
  file: { type: 'string', multiple: true },
  env: { type: 'string', multiple: true },
  clock: { type: 'string' },
  timeout: { type: 'string' },
  runtime: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseRunArgs(args: string[]) {
  const split = args.indexOf('--');
  const own = split === -1 ? args : args.slice(0, split);
  const programArgs = split === -1 ? [] : args.slice(split + 1);
  try {
    const parsed = parseArgs({ args: own, options: runOptionSpec, allowPositionals: true, strict: true });
    return { values: parsed.values, positionals: parsed.positionals, programArgs };
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

export function parseTimeout(value: string | undefined): Partial<Limits> {
  if (value === undefined) return {};
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0)
    throw new CliError(`--timeout wants a positive number of milliseconds, got '${value}'`);
  return { wallMs: ms };
}

function readInput(path: string, what: string): Uint8Array {
  if (!existsSync(path)) throw new CliError(`${what} ${path}: no such file`);
  if (statSync(path).isDirectory()) throw new CliError(`${what} ${path} is a directory`);
  return new Uint8Array(readFileSync(path));
}

export function buildRunRequest(
  program: Program,
  programName: string,
  values: ReturnType<typeof parseRunArgs>['values'],
  programArgs: string[],
): RunRequest<Program> {
  const files: Record<string, Uint8Array> = {};
  for (const spec of values.file ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new CliError(`--file wants NAME=PATH, got '${spec}'`);
    files[spec.slice(0, eq)] = readInput(spec.slice(eq + 1), '--file');
  }
  const env: Record<string, string> = {};
  for (const spec of values.env ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new CliError(`--env wants NAME=VALUE, got '${spec}'`);
    env[spec.slice(0, eq)] = spec.slice(eq + 1);
  }
  const clockNs = instantToNs(values.clock ?? CONTRACT_EPOCH);
  if (clockNs === undefined) throw new CliError(`--clock wants an ISO-8601 instant such as ${CONTRACT_EPOCH}`);
  return {
    program,
    argv: [programName, ...programArgs],
    stdin: values.stdin === undefined ? new Uint8Array() : readInput(values.stdin, '--stdin'),
    files,
    env: contractEnv(env),
    clockNs,
    seed: CONTRACT_RANDOM_SEED,
    limits: withDefaults(parseTimeout(values.timeout)),
  };
}
