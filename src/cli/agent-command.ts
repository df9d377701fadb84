import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Budgets, Price } from '../agent/budgets.ts';
import { runAgent, type AgentResult, type AgentSettings } from '../agent/loop.ts';
import type { TrajectoryEvent } from '../agent/trajectory.ts';
import type { ScriptProgram } from '../core/run-request.ts';
import type { Isolation } from '../node/sandbox/bwrap.ts';
import { createModelClient, PROVIDERS, type ProviderConfig, type ProviderId } from '../models/providers.ts';
import { createNodeAgentEnvironment } from '../node/agent-environment.ts';
import { CHECKPOINT_FILE, FolderCheckpointStore, resultJson, RUN_FILE } from '../node/agent-store.ts';
import { loadBuiltTarget } from '../node/target-store.ts';
import { toolchainById } from '../../toolchains/index.ts';
import { CliError } from './cli-error.ts';
import { createCandidateRunnerFor, createRunner } from './runtime-choice.ts';
import { isolationFor, UNSANDBOXED_FLAG } from './sandbox-choice.ts';

const LANGS = ['python', 'c', 'js', 'ts'] as const;
const PROVIDER_IDS = PROVIDERS.map((p) => p.id);

export const agentUsage =
  `mirrorbox agent <target> --lang ${LANGS.join('|')} --provider ${PROVIDER_IDS.join('|')} --model NAME ` +
  `[--base-url URL] [--api-key-env VAR] [--no-stream] [--max-tool-calls N] [--max-tokens N] [--max-cost USD] ` +
  `[--max-minutes M] [--context-tokens N] [--price in,out,cacheRead,cacheWrite] [--out DIR] [--resume DIR] [--json] ` +
  `[${UNSANDBOXED_FLAG}]`;

/** The environment variable a provider's key is read from unless --api-key-env names another. */
export const DEFAULT_KEY_ENV: Record<ProviderId, string | undefined> = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
  'openai-compatible': undefined,
};

/** A model's context window when --context-tokens is not given: the provider's usual size, small for local servers. */
const DEFAULT_CONTEXT: Record<ProviderId, number> = {
  anthropic: 200_000,
  openai: 128_000,
  'openai-compatible': 32_768,
};

/**
 * What a run folder remembers besides the checkpoint, so `--resume DIR` needs no other flag: never the key, only the
 * name of the variable it comes from.
 */
interface RunFile {
  target: string;
  lang: string;
  provider: ProviderId;
  model: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  stream: boolean;
  unsandboxed: boolean;
}

/** `mirrorbox agent`: one agent attempt, headless. Exit 0 solved, 1 not, 2 usage or provider error. */
export async function agentCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        lang: { type: 'string' },
        provider: { type: 'string' },
        model: { type: 'string' },
        'base-url': { type: 'string' },
        'api-key-env': { type: 'string' },
        'no-stream': { type: 'boolean' },
        'max-tool-calls': { type: 'string' },
        'max-tokens': { type: 'string' },
        'max-cost': { type: 'string' },
        'max-minutes': { type: 'string' },
        'context-tokens': { type: 'string' },
        price: { type: 'string' },
        out: { type: 'string' },
        resume: { type: 'string' },
        json: { type: 'boolean' },
        unsandboxed: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (e) {
    throw new CliError(`${(e as Error).message}\nusage: ${agentUsage}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`usage: ${agentUsage}\n`);
    return 0;
  }
  if (positionals.length > 1) throw new CliError(`one target, got ${positionals.length}\nusage: ${agentUsage}`);
  if (values.resume !== undefined && values.out !== undefined)
    throw new CliError('--resume DIR continues the run in DIR: give --out only for a new run');

  // A resumed run takes what it was started with from its folder; flags given again must agree.
  const dir = resolve(values.resume ?? values.out ?? defaultOutDir(positionals[0]));
  let stored: RunFile | undefined;
  if (values.resume !== undefined) {
    if (!existsSync(join(dir, CHECKPOINT_FILE)) || !existsSync(join(dir, RUN_FILE)))
      throw new CliError(`${dir} holds no agent run to resume (no ${CHECKPOINT_FILE} or ${RUN_FILE})`);
    try {
      stored = JSON.parse(readFileSync(join(dir, RUN_FILE), 'utf8')) as RunFile;
    } catch (e) {
      throw new CliError(`${join(dir, RUN_FILE)}: ${(e as Error).message}`);
    }
  } else if (existsSync(join(dir, CHECKPOINT_FILE)))
    throw new CliError(`${dir} already holds a run: resume it with --resume ${dir}, or pick another --out`);

  const agree = <T>(flag: string, given: T | undefined, kept: T | undefined): T | undefined => {
    if (given !== undefined && kept !== undefined && given !== kept)
      throw new CliError(`the run in ${dir} was started with ${flag} ${String(kept)}, not ${String(given)}`);
    return given ?? kept;
  };
  const target = agree('target', positionals[0], stored?.target);
  const lang = agree('--lang', values.lang, stored?.lang);
  const provider = agree('--provider', values.provider, stored?.provider);
  const model = agree('--model', values.model, stored?.model);
  if (target === undefined) throw new CliError(`which target?\nusage: ${agentUsage}`);
  if (lang === undefined || !(LANGS as readonly string[]).includes(lang))
    throw new CliError(`--lang wants one of ${LANGS.join(', ')}${lang === undefined ? '' : `, got '${lang}'`}`);
  if (provider === undefined || !(PROVIDER_IDS as string[]).includes(provider))
    throw new CliError(
      `--provider wants one of ${PROVIDER_IDS.join(', ')}${provider === undefined ? '' : `, got '${provider}'`}`,
    );
  const providerId = provider as ProviderId;
  if (model === undefined || model.trim() === '') throw new CliError('--model NAME is required');
  const baseUrl = values['base-url'] ?? stored?.baseUrl;
  const apiKeyEnv = values['api-key-env'] ?? stored?.apiKeyEnv ?? DEFAULT_KEY_ENV[providerId];
  if (apiKeyEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(apiKeyEnv))
    throw new CliError(`--api-key-env wants the name of an environment variable, got '${apiKeyEnv}'`);
  const stream = values['no-stream'] === true ? false : (stored?.stream ?? true);
  const unsandboxed = values.unsandboxed === true || stored?.unsandboxed === true;

  const budgets: Budgets = {};
  const maxToolCalls = positiveInt('--max-tool-calls', values['max-tool-calls']);
  const maxTokens = positiveInt('--max-tokens', values['max-tokens']);
  const maxCost = positiveNumber('--max-cost', values['max-cost']);
  const maxMinutes = positiveNumber('--max-minutes', values['max-minutes']);
  if (maxToolCalls !== undefined) budgets.maxToolCalls = maxToolCalls;
  if (maxTokens !== undefined) budgets.maxTokens = maxTokens;
  if (maxCost !== undefined) budgets.maxCostUsd = maxCost;
  if (maxMinutes !== undefined) budgets.maxWallMs = Math.round(maxMinutes * 60_000);
  const price = parsePrice(values.price);
  if (maxCost !== undefined && !price)
    throw new CliError(
      '--max-cost needs the model’s price: --price in,out,cacheRead,cacheWrite (USD per million tokens)',
    );
  const settings: AgentSettings = {
    budgets,
    contextTokens: positiveInt('--context-tokens', values['context-tokens']) ?? DEFAULT_CONTEXT[providerId],
    ...(price ? { price } : {}),
  };

  const key = apiKeyEnv === undefined ? undefined : process.env[apiKeyEnv];
  const info = PROVIDERS.find((p) => p.id === providerId);
  if (info?.keyRequired && !key)
    throw new CliError(
      `${info.label} needs an API key: set ${apiKeyEnv ?? 'a variable'} (or name another with --api-key-env VAR); ` +
        'the key is never taken from the command line',
    );

  const toolchain = toolchainById(lang);
  if (!toolchain) throw new CliError(`no toolchain ${lang}`);
  const built = loadBuiltTarget(target);
  if (built.kind === 'error') throw new CliError(built.message);

  const config: ProviderConfig = {
    provider: providerId,
    model,
    stream,
    ...(key ? { apiKey: key } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
  };
  const client = await createModelClient(config);
  if (client.kind === 'error') throw new CliError(client.message);

  // Refused here, before anything runs, when a script candidate cannot be sandboxed (as `mirrorbox score` does).
  const warn = (line: string): void => void process.stderr.write(line);
  const isolation = isolationOf(lang, unsandboxed, warn);

  mkdirSync(dir, { recursive: true });
  if (!stored) {
    const run: RunFile = {
      target,
      lang,
      provider: providerId,
      model,
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      ...(apiKeyEnv !== undefined ? { apiKeyEnv } : {}),
      stream,
      unsandboxed,
    };
    writeFileSync(join(dir, RUN_FILE), `${JSON.stringify(run, null, 2)}\n`);
  }

  const store = new FolderCheckpointStore(dir);
  const oracleRunner = await createRunner('shim', 1);
  const candidateRunner = createCandidateRunnerFor('shim', isolation);
  const controller = new AbortController();
  // The first signal stops the run with a checkpoint; a second one, should that hang, ends the process at once
  // (the last checkpoint written still stands).
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = new Progress(process.stderr);
  let result: AgentResult;
  try {
    result = await runAgent({
      environment: createNodeAgentEnvironment({ built: built.value, toolchain, oracleRunner, candidateRunner }),
      model: client.client,
      settings,
      store,
      signal: controller.signal,
      ...(key ? { secret: key } : {}),
      onEvent: (e) => progress.event(e),
      onStream: (e) => {
        if (e.kind === 'retry') progress.note(`retrying in ${Math.round(e.waitMs)} ms: ${e.reason}`);
      },
    });
    await store.writeResult(result);
  } finally {
    progress.end();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.all([oracleRunner.close(), candidateRunner.close()]);
  }

  const summary = resultJson(result);
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else
    process.stdout.write(
      `${result.solved ? 'solved' : 'not solved'}: stop ${result.stop}${result.budget ? ` (${result.budget})` : ''}, ` +
        `visible ${result.visible.passed}/${result.visible.total}, hidden ${result.hidden.passed}/${result.hidden.total}, ` +
        `${result.toolCalls} tool calls, ${result.turns} turns\n`,
    );
  if (result.message) process.stderr.write(`mirrorbox agent: ${result.message}\n`);
  if (result.resumable) process.stderr.write(`mirrorbox agent: to continue: mirrorbox agent --resume ${dir}\n`);
  process.stderr.write(`mirrorbox agent: the run is in ${dir}\n`);
  if (result.solved) return 0;
  return result.stop === 'error' ? 2 : 1;
}

function defaultOutDir(target: string | undefined): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join('agent-runs', `${target ?? 'run'}-${stamp}`);
}

/**
 * A stand-in of the language's script program, to ask before any build whether its candidates can be sandboxed. C
 * builds to a WASI module, which reaches only WASI imports and needs no sandbox.
 */
function isolationOf(lang: string, unsandboxed: boolean, warn: (line: string) => void): Isolation {
  if (lang === 'c') return 'bwrap';
  const probe: ScriptProgram = {
    kind: 'script',
    engine: lang === 'python' ? 'pyodide' : 'quickjs',
    id: '',
    files: {},
    entry: '',
  };
  return isolationFor(probe, unsandboxed, warn);
}

export function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value)))
    throw new CliError(`${flag} wants a whole number of at least 1, got '${value}'`);
  return Number(value);
}

export function positiveNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new CliError(`${flag} wants a number above 0, got '${value}'`);
  return n;
}

/** `--price in,out,cacheRead,cacheWrite`: USD per million tokens. */
export function parsePrice(value: string | undefined): Price | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((p) => p.trim());
  const numbers = parts.map(Number);
  if (parts.length !== 4 || parts.some((p) => p === '') || numbers.some((n) => !Number.isFinite(n) || n < 0))
    throw new CliError(
      `--price wants four numbers in,out,cacheRead,cacheWrite (USD per million tokens), got '${value}'`,
    );
  const [input, output, cacheRead, cacheWrite] = numbers as [number, number, number, number];
  return { input, output, cacheRead, cacheWrite };
}

/** Progress on stderr: one line per tool call; on a terminal, also a live line with the meter. */
class Progress {
  readonly #out: NodeJS.WriteStream;
  readonly #tty: boolean;
  #live = '';
  #calls = 0;

  constructor(out: NodeJS.WriteStream) {
    this.#out = out;
    this.#tty = out.isTTY === true;
  }

  event(e: TrajectoryEvent): void {
    if (e.kind === 'tool-result') {
      this.#calls++;
      const head = (e.text.split('\n')[0] ?? '').replace(/\s+/g, ' ');
      const score = e.visible ? ` [visible ${e.visible.passed}/${e.visible.total}]` : '';
      this.#line(`#${this.#calls} ${e.name}${e.isError ? ' (error)' : ''}: ${clip(head, 100)}${score}`);
    } else if (e.kind === 'nudge') this.#line(`nudge: ${e.reason}`);
    else if (e.kind === 'context-reset') this.#line(`context reset (about ${e.estimatedTokens} tokens)`);
    else if (e.kind === 'pause') this.#line(`paused: ${e.reason}`);
    else if (e.kind === 'stop') this.#line(`stop: ${e.stop}${e.budget ? ` (${e.budget})` : ''}`);
    else if (e.kind === 'budget' && this.#tty) {
      const u = e.usage;
      this.#show(
        `tokens ${u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens}+${u.outputTokens}` +
          `${u.costUsd !== undefined ? `  $${u.costUsd.toFixed(4)}` : ''}  ${Math.round(u.wallMs / 1000)} s  ` +
          `${u.toolCalls} tool calls  ${u.turns} turns`,
      );
    }
  }

  note(text: string): void {
    this.#line(text);
  }

  end(): void {
    if (this.#tty && this.#live) this.#out.write('\r\x1b[K');
    this.#live = '';
  }

  #line(text: string): void {
    if (this.#tty && this.#live) this.#out.write('\r\x1b[K');
    this.#out.write(`${text}\n`);
    if (this.#tty && this.#live) this.#out.write(this.#live);
  }

  #show(text: string): void {
    this.#live = clip(text, Math.max(20, (this.#out.columns || 80) - 1));
    this.#out.write(`\r\x1b[K${this.#live}`);
  }
}

function clip(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
