import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../src/node/paths.ts';
import type {
  RecordedRequest,
  ScriptedFailure,
  ScriptedToolCall,
  ScriptedTurn,
  ScriptStep,
} from './servers/scripted-server.ts';

/**
 * Spawning the real CLI (bin/mirrorbox.mjs) against a scripted provider server in the test's own process: the spawn
 * is asynchronous so the server keeps answering while the CLI runs.
 */

export const KEY = 'test-key-not-real-0001';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export interface SpawnedCli {
  /** Resolves with the first stderr line that matches (progress is one line per tool call). */
  waitForLine(pattern: RegExp): Promise<string>;
  kill(signal: NodeJS.Signals): void;
  done: Promise<CliRun>;
}

/** Environment of the child: the caller's variables only, with no provider key inherited from the developer's shell. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base.ANTHROPIC_API_KEY;
  delete base.OPENAI_API_KEY;
  return { ...base, ...env };
}

export function spawnCli(args: string[], env: Record<string, string> = {}): SpawnedCli {
  const child = spawn(process.execPath, [`${repoRoot}bin/mirrorbox.mjs`, ...args], {
    cwd: repoRoot,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const watchers: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const check = (): void => {
    for (const w of [...watchers]) {
      const line = err.split('\n').find((l) => w.pattern.test(l));
      if (line !== undefined) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString('utf8');
    check();
  });
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, out, err })),
  );
  return {
    waitForLine: (pattern) =>
      new Promise((resolve, reject) => {
        watchers.push({ pattern, resolve });
        check();
        void done.then(() => reject(new Error(`the CLI ended before a line matched ${pattern}:\n${err}`)));
      }),
    kill: (signal) => child.kill(signal),
    done,
  };
}

export const runCli = (args: string[], env: Record<string, string> = {}): Promise<CliRun> => spawnCli(args, env).done;

/** The number of assistant messages in a request body (Anthropic Messages or OpenAI Chat): the turn it asks for. */
export function answered(request: RecordedRequest): number {
  const body = request.body as { messages?: { role?: string }[] } | undefined;
  return (body?.messages ?? []).filter((m) => m.role === 'assistant').length;
}

export type Call = [name: string, args: Record<string, unknown> | string];

export function turnOf(
  calls: Call[],
  n: number,
  usage: ScriptedTurn['usage'] = { input: 100, output: 20 },
): ScriptedTurn {
  const toolCalls: ScriptedToolCall[] = calls.map(([name, args], i) => {
    const json = typeof args === 'string' ? args : JSON.stringify(args);
    // In a few pieces, so the clients' reassembly of streamed arguments is part of every run.
    const third = Math.ceil(json.length / 3);
    return {
      id: `call_${n}_${i}`,
      name,
      arguments: [json.slice(0, third), json.slice(third, 2 * third), json.slice(2 * third)],
    };
  });
  return { toolCalls, usage };
}

/**
 * One server for a whole test file: each run names its script by its --model, so runs never share a script and the
 * order in which they reach the server does not matter. A script step may also return a failure (429, 500…).
 */
export function byModel(
  scripts: Record<string, (request: RecordedRequest, n: number) => ScriptedTurn | ScriptedFailure>,
  length = 2000,
): ScriptStep[] {
  const step = (request: RecordedRequest): ScriptedTurn | ScriptedFailure => {
    const model = (request.body as { model?: string } | undefined)?.model ?? '';
    const script = scripts[model];
    if (!script) throw new Error(`no script for model ${model}`);
    return script(request, answered(request));
  };
  return Array.from({ length }, () => step);
}

/** A script of turns by conversation position (the last one repeated). */
export const turns =
  (list: Call[][]) =>
  (_request: RecordedRequest, n: number): ScriptedTurn =>
    turnOf(list[Math.min(n, list.length - 1)] ?? [], n);

/** Every byte under `dir`, as text (binary files too, read as latin1 so any ASCII key would show). */
export function allBytes(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else parts.push(readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return parts.join('\n');
}

export interface Events {
  kind: string;
  [field: string]: unknown;
}

export function trajectory(dir: string): Events[] {
  return readFileSync(join(dir, 'trajectory.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Events);
}

export function resultOf(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as Record<string, unknown>;
}
