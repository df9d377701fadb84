import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  expandMatrix,
  parseModelId,
  parseShard,
  PROVENANCE_RULE,
  provenanceOf,
  shardOf,
  type MatrixModel,
  type Shard,
} from '../agent/report/matrix.ts';
import { PROVIDERS, type ProviderId } from '../models/providers.ts';
import { builtTargetDir } from '../node/paths.ts';
import { replicate, writeShared, type ReplicationRun } from '../node/replication/replicate.ts';
import { MATRIX_FILE } from '../node/replication/run-state.ts';
import { listTargetIds, readTargetMeta } from '../node/target-store.ts';
import { DEFAULT_KEY_ENV, parsePrice, positiveInt, positiveNumber } from './agent-command.ts';
import { CliError } from './cli-error.ts';

const LANGS = ['python', 'c', 'js', 'ts'];
const BUCKETS = ['S', 'M', 'L'];
const PROVIDER_IDS: string[] = PROVIDERS.map((p) => p.id);

export const replicateUsage =
  'mirrorbox replicate (--targets a,b,… | --bucket S[,M,L]) --lang python[,c,js,ts] --models provider:model[,…] ' +
  '--epochs N --out DIR [--shard I/N] [--jobs J] [--base-url [PROVIDER=]URL]… [--api-key-env [PROVIDER=]VAR]… ' +
  '[--no-stream] [--max-tool-calls N] [--max-tokens N] [--max-cost USD] [--max-minutes M] [--context-tokens N] ' +
  '[--price [provider:model=]in,out,cacheRead,cacheWrite]… [--scripted] [--unsandboxed]';

/** The options a matrix was made with, as matrix.json records them (names of key variables only, never a key). */
interface MatrixOptions {
  targets: string[];
  langs: string[];
  models: string[];
  epochs: number;
  baseUrls: Record<string, string>;
  apiKeyEnvs: Record<string, string>;
  stream: boolean;
  budgets: Record<string, number>;
  contextTokens?: number;
  prices: Record<string, string>;
  scripted: boolean;
  unsandboxed: boolean;
}

/**
 * `mirrorbox replicate`: the matrix targets × languages × models × epochs as `mirrorbox agent` runs, one process
 * each, J at a time. Exit 0 when every run (of this shard) has finished, solved or not; 1 otherwise; 2 on bad usage.
 */
export async function replicateCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        targets: { type: 'string' },
        bucket: { type: 'string' },
        lang: { type: 'string' },
        models: { type: 'string' },
        epochs: { type: 'string' },
        out: { type: 'string' },
        shard: { type: 'string' },
        jobs: { type: 'string' },
        'base-url': { type: 'string', multiple: true },
        'api-key-env': { type: 'string', multiple: true },
        'no-stream': { type: 'boolean' },
        'max-tool-calls': { type: 'string' },
        'max-tokens': { type: 'string' },
        'max-cost': { type: 'string' },
        'max-minutes': { type: 'string' },
        'context-tokens': { type: 'string' },
        price: { type: 'string', multiple: true },
        scripted: { type: 'boolean' },
        unsandboxed: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new CliError(`${(e as Error).message}\nusage: ${replicateUsage}`);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`usage: ${replicateUsage}\n`);
    return 0;
  }

  const targets = chooseTargets(v.targets, v.bucket);
  const langs = list('--lang', v.lang);
  for (const lang of langs)
    if (!LANGS.includes(lang)) throw new CliError(`--lang wants some of ${LANGS.join(', ')}, got '${lang}'`);
  const models: MatrixModel[] = list('--models', v.models).map((text) => {
    const m = parseModelId(text);
    if (m.kind === 'error') throw new CliError(`--models: ${m.message}`);
    if (!PROVIDER_IDS.includes(m.value.provider))
      throw new CliError(`--models: unknown provider '${m.value.provider}' (one of ${PROVIDER_IDS.join(', ')})`);
    return m.value;
  });
  if (v.epochs === undefined) throw new CliError('--epochs N is required');
  const epochs = positiveInt('--epochs', v.epochs) as number;
  if (v.out === undefined) throw new CliError('--out DIR is required (the folder the runs go in)');
  const out = resolve(v.out);
  let shard: Shard | undefined;
  if (v.shard !== undefined) {
    const s = parseShard(v.shard);
    if (s.kind === 'error') throw new CliError(s.message);
    shard = s.value;
  }
  const jobs = positiveInt('--jobs', v.jobs) ?? 1;

  const providers = [...new Set(models.map((m) => m.provider))];
  const baseUrls = perProvider('--base-url', v['base-url'] ?? [], providers);
  const apiKeyEnvs = perProvider('--api-key-env', v['api-key-env'] ?? [], providers);
  for (const [provider, name] of Object.entries(apiKeyEnvs))
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new CliError(`--api-key-env wants the name of an environment variable, got '${name}' for ${provider}`);
  // Checked once here, so a missing key fails the command before any run starts; each agent reads it again itself.
  for (const provider of providers) {
    const info = PROVIDERS.find((p) => p.id === provider);
    const name = apiKeyEnvs[provider] ?? DEFAULT_KEY_ENV[provider as ProviderId];
    if (info?.keyRequired && (name === undefined || !process.env[name]))
      throw new CliError(
        `${info.label} needs an API key: set ${name ?? 'a variable'} (or name another with --api-key-env ${provider}=VAR)`,
      );
    if (!info?.defaultBaseUrl && baseUrls[provider] === undefined)
      throw new CliError(`${info?.label ?? provider} needs --base-url ${provider}=URL`);
  }
  const prices = perModel(v.price ?? [], models);

  const budgets: Record<string, number> = {};
  const budgetFlags: string[] = [];
  for (const [flag, key, parse] of [
    ['--max-tool-calls', 'maxToolCalls', positiveInt],
    ['--max-tokens', 'maxTokens', positiveInt],
    ['--max-cost', 'maxCostUsd', positiveNumber],
    ['--max-minutes', 'maxMinutes', positiveNumber],
  ] as const) {
    const value = parse(flag, v[flag.slice(2) as 'max-tokens']);
    if (value === undefined) continue;
    budgets[key] = value;
    budgetFlags.push(flag, String(value));
  }
  if (budgets.maxCostUsd !== undefined)
    for (const m of models)
      if (prices[modelKey(m)] === undefined)
        throw new CliError(
          `--max-cost needs a price for ${modelKey(m)}: --price ${modelKey(m)}=in,out,cacheRead,cacheWrite`,
        );
  const contextTokens = positiveInt('--context-tokens', v['context-tokens']);
  const stream = v['no-stream'] !== true;
  const scripted = v.scripted === true;
  const unsandboxed = v.unsandboxed === true;

  const expanded = expandMatrix({ targets, langs, models, epochs });
  if (expanded.kind === 'error') throw new CliError(expanded.message);
  const runs: ReplicationRun[] = expanded.runs.map((plan) => {
    const meta = readTargetMeta(plan.target);
    const target = meta.kind === 'ok' ? meta.value : undefined;
    const baseUrl = baseUrls[plan.provider];
    const keyEnv = apiKeyEnvs[plan.provider];
    const price = prices[`${plan.provider}:${plan.model}`];
    return {
      ...plan,
      bucket: target?.bucket ?? '?',
      ...(target?.role !== undefined ? { role: target.role } : {}),
      provenance: provenanceOf(plan.provider, baseUrl, scripted),
      agentFlags: [
        '--lang',
        plan.lang,
        '--provider',
        plan.provider,
        '--model',
        plan.model,
        ...(baseUrl !== undefined ? ['--base-url', baseUrl] : []),
        ...(keyEnv !== undefined ? ['--api-key-env', keyEnv] : []),
        ...(stream ? [] : ['--no-stream']),
        ...budgetFlags,
        ...(contextTokens !== undefined ? ['--context-tokens', String(contextTokens)] : []),
        ...(price !== undefined ? ['--price', price] : []),
        ...(unsandboxed ? ['--unsandboxed'] : []),
      ],
    };
  });

  const options: MatrixOptions = {
    targets: [...new Set(targets)].sort(),
    langs: [...new Set(langs)].sort(),
    models: [...new Set(models.map(modelKey))].sort(),
    epochs,
    baseUrls,
    apiKeyEnvs,
    stream,
    budgets,
    ...(contextTokens !== undefined ? { contextTokens } : {}),
    prices,
    scripted,
    unsandboxed,
  };
  // The whole matrix, whichever shard writes it: every shard of a job writes the same bytes to a shared --out.
  const matrix = `${JSON.stringify(
    {
      version: 1,
      provenanceRule: PROVENANCE_RULE,
      options,
      runs: runs.map(({ agentFlags: _flags, ...run }) => run),
    },
    null,
    2,
  )}\n`;
  mkdirSync(out, { recursive: true });
  const matrixPath = join(out, MATRIX_FILE);
  if (existsSync(matrixPath)) {
    if (readFileSync(matrixPath, 'utf8') !== matrix)
      throw new CliError(
        `${matrixPath} holds another matrix (other targets, models, epochs or options): use another --out, or the same flags`,
      );
  } else writeShared(matrixPath, matrix);

  const mine = shard ? shardOf(runs, shard) : runs;
  process.stderr.write(
    `mirrorbox replicate: ${runs.length} runs in the matrix` +
      `${shard ? `, ${mine.length} in shard ${shard.index}/${shard.count}` : ''}, ${jobs} at a time, in ${out}\n`,
  );

  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('mirrorbox replicate: stopping: the running agents checkpoint and stop\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let outcomes;
  try {
    outcomes = await replicate({
      out,
      runs: mine,
      jobs,
      signal: controller.signal,
      onLine: (line) => void process.stderr.write(`${line}\n`),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const skipped = outcomes.filter((o) => o.kind === 'skipped').length;
  const finished = outcomes.filter((o) => o.kind === 'finished');
  const unfinished = outcomes.filter((o) => o.kind === 'unfinished');
  const solved = finished.filter((o) => o.kind === 'finished' && o.solved).length;
  process.stdout.write(
    `${mine.length} runs: ${finished.length} finished now (${solved} solved), ${skipped} finished before, ` +
      `${unfinished.length} not finished\n`,
  );
  const first = unfinished[0];
  if (first?.kind === 'unfinished') {
    process.stderr.write(
      `mirrorbox replicate: ${unfinished.length} run${unfinished.length === 1 ? '' : 's'} did not finish ` +
        `(first: ${first.run.id}: ${first.reason}); run the same command again to resume\n`,
    );
    return 1;
  }
  return 0;
}

function list(flag: string, value: string | undefined): string[] {
  const items = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new CliError(`${flag} is required`);
  return items;
}

function chooseTargets(targets: string | undefined, bucket: string | undefined): string[] {
  if ((targets === undefined) === (bucket === undefined))
    throw new CliError('give --targets a,b,… or --bucket S[,M,L]');
  let ids: string[];
  if (targets !== undefined) {
    ids = list('--targets', targets);
    for (const id of ids) {
      const meta = readTargetMeta(id);
      if (meta.kind === 'error') throw new CliError(meta.message);
    }
  } else {
    const buckets = list('--bucket', bucket);
    for (const b of buckets)
      if (!BUCKETS.includes(b)) throw new CliError(`--bucket wants some of ${BUCKETS.join(', ')}, got '${b}'`);
    ids = listTargetIds().filter((id) => {
      const meta = readTargetMeta(id);
      return meta.kind === 'ok' && buckets.includes(meta.value.bucket);
    });
    if (ids.length === 0) throw new CliError(`no target in bucket ${buckets.join(', ')}`);
  }
  for (const id of ids)
    if (!existsSync(join(builtTargetDir(id), 'pack.json')))
      throw new CliError(`target '${id}' is not built yet: run npm run setup`);
  return ids;
}

/** `VALUE` for every provider of the matrix, or `PROVIDER=VALUE` for one; by provider. */
function perProvider(flag: string, values: string[], providers: string[]): Record<string, string> {
  const by: Record<string, string> = {};
  for (const value of values) {
    const m = /^([a-z-]+)=(.*)$/.exec(value);
    if (m && PROVIDER_IDS.includes(m[1] as string)) {
      if (!providers.includes(m[1] as string)) throw new CliError(`${flag} ${value}: no model of ${m[1]} in --models`);
      by[m[1] as string] = m[2] as string;
    } else for (const p of providers) by[p] = value;
  }
  return Object.fromEntries(Object.entries(by).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const modelKey = (m: MatrixModel): string => `${m.provider}:${m.model}`;

/** `in,out,cacheRead,cacheWrite` for every model, or `provider:model=…` for one; checked, by model. */
function perModel(values: string[], models: MatrixModel[]): Record<string, string> {
  const keys = models.map(modelKey);
  const by: Record<string, string> = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const key = at < 0 ? undefined : value.slice(0, at);
    const price = at < 0 ? value : value.slice(at + 1);
    parsePrice(price);
    if (key === undefined) for (const k of keys) by[k] = price;
    else if (!keys.includes(key)) throw new CliError(`--price ${value}: no model ${key} in --models`);
    else by[key] = price;
  }
  return Object.fromEntries(Object.entries(by).sort(([a], [b]) => (a < b ? -1 : 1)));
}
