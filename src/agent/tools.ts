import { describeStop, type RunResult } from '../core/run-result.ts';
import type {
  AgentEnvironment,
  BuildOutcome,
  HiddenScore,
  ProgramInput,
  VisibleScore,
  WorkspaceFiles,
} from './environment.ts';
import type { ToolSpec } from './model-client.ts';
import type { PassCount } from './trajectory.ts';
import { byteLength, deleteFile, pathProblem, sortedPaths, writeFile, type WorkspaceLimits } from './workspace.ts';

/** The public tool names (issue 12): the app, the CLI and trajectories use them as they are. */
export const TOOL_NAMES = [
  'docs',
  'oracle',
  'list_files',
  'read_file',
  'write_file',
  'delete_file',
  'build',
  'run',
  'run_tests',
  'submit',
] as const;

export type ToolName = (typeof TOOL_NAMES)[number];

const programInput = {
  args: { type: 'array', items: { type: 'string' }, description: 'Arguments after the program name.' },
  stdin: { type: 'string', description: 'Text on standard input (default: empty).' },
  files: {
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Text files in the working directory, by relative path.',
  },
};

const offset = {
  type: 'integer',
  minimum: 0,
  description: 'Character offset to start from, to read on after a truncated answer (default 0).',
};

const noArguments = { type: 'object', properties: {}, additionalProperties: false };

export const TOOL_SPECS: readonly ToolSpec[] = [
  {
    name: 'docs',
    description: "The target program's documentation: its manual page and --help text.",
    parameters: { type: 'object', properties: { offset }, additionalProperties: false },
  },
  {
    name: 'oracle',
    description:
      'Runs the reference program (execute-only) and shows its stdout, stderr, exit code and the files it wrote.',
    parameters: { type: 'object', properties: programInput, required: ['args'], additionalProperties: false },
  },
  { name: 'list_files', description: 'Lists the files in your workspace with their sizes.', parameters: noArguments },
  {
    name: 'read_file',
    description: 'Shows a file of your workspace.',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string', description: 'Relative path.' }, offset },
      required: ['path'],
      additionalProperties: false,
    },
  },
  {
    name: 'write_file',
    description: 'Creates or replaces a text file in your workspace with the complete content given.',
    parameters: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Relative path, e.g. main.py or lib/util.c.' },
        content: { type: 'string', description: 'The whole new content of the file.' },
      },
      required: ['path', 'content'],
      additionalProperties: false,
    },
  },
  {
    name: 'delete_file',
    description: 'Deletes a file from your workspace.',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string', description: 'Relative path.' } },
      required: ['path'],
      additionalProperties: false,
    },
  },
  { name: 'build', description: 'Builds your workspace and shows the diagnostics.', parameters: noArguments },
  {
    name: 'run',
    description: 'Builds and runs your program exactly as the oracle runs the reference, and shows what it did.',
    parameters: { type: 'object', properties: programInput, required: ['args'], additionalProperties: false },
  },
  {
    name: 'run_tests',
    description: 'Runs the visible tests: how many pass, and the differences of the first few that fail.',
    parameters: noArguments,
  },
  {
    name: 'submit',
    description: 'Scores your workspace on the hidden tests and shows the counts only. Uses one submission.',
    parameters: noArguments,
  },
];

export const toolSpec = (name: string): ToolSpec | undefined => TOOL_SPECS.find((t) => t.name === name);

// ---------------------------------------------------------------------------------------------------------------
// Argument validation: the subset of JSON Schema the specs above use.

export type Parsed = { kind: 'ok'; args: Record<string, unknown> } | { kind: 'error'; message: string };

export function parseArguments(spec: ToolSpec, argumentsJson: string): Parsed {
  let value: unknown;
  const text = argumentsJson.trim() === '' ? '{}' : argumentsJson;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { kind: 'error', message: `the arguments are not valid JSON (${(e as Error).message})` };
  }
  const problem = schemaProblem(spec.parameters, value, 'arguments');
  if (problem) return { kind: 'error', message: problem };
  return { kind: 'ok', args: value as Record<string, unknown> };
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

function schemaProblem(schema: Record<string, unknown>, value: unknown, at: string): string | undefined {
  const type = schema.type as string | undefined;
  const actual = typeOf(value);
  if (type !== undefined && !(actual === type || (type === 'number' && actual === 'integer')))
    return `${at} must be ${type === 'array' || type === 'object' || type === 'integer' ? 'an' : 'a'} ${type}, not ${actual}`;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    return `${at} must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum)
    return `${at} must be at least ${schema.minimum}`;
  if (actual === 'array' && schema.items) {
    for (const [i, item] of (value as unknown[]).entries()) {
      const p = schemaProblem(schema.items as Record<string, unknown>, item, `${at}[${i}]`);
      if (p) return p;
    }
  }
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const key of (schema.required ?? []) as string[])
      if (!Object.hasOwn(obj, key)) return `${at}.${key} is required`;
    for (const [key, item] of Object.entries(obj)) {
      const sub = Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (sub) {
        const p = schemaProblem(sub, item, `${at}.${key}`);
        if (p) return p;
      } else if (schema.additionalProperties === false) {
        const known = Object.keys(properties);
        return `${at}.${key} is not an argument of this tool (${known.length ? `it takes ${known.join(', ')}` : 'it takes none'})`;
      } else if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) {
        const p = schemaProblem(
          schema.additionalProperties as Record<string, unknown>,
          item,
          `${at}[${JSON.stringify(key)}]`,
        );
        if (p) return p;
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Bounded text.

/** Cuts `text` to `maxBytes` of UTF-8 (at a character boundary) and says how much was left out. */
export function bound(text: string, maxBytes: number, hint?: (shownChars: number) => string): string {
  if (byteLength(text) <= maxBytes) return text;
  // Every UTF-16 unit is at least one byte, so the cut lies within the first maxBytes units.
  let lo = 0;
  let hi = Math.min(text.length, maxBytes);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (byteLength(text.slice(0, mid)) <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  // Never split a surrogate pair.
  const code = text.charCodeAt(lo - 1);
  if (lo > 0 && code >= 0xd800 && code <= 0xdbff) lo -= 1;
  const rest = byteLength(text.slice(lo));
  return `${text.slice(0, lo)}\n… truncated ${rest} bytes${hint ? `; ${hint(lo)}` : ''}`;
}

function page(text: string, from: number, maxBytes: number): string {
  if (from > text.length) return `(offset ${from} is past the end: the text has ${text.length} characters)`;
  const rest = text.slice(from);
  return bound(rest, maxBytes, (shown) => `call again with offset ${from + shown} to read on`);
}

const decoder = new TextDecoder('utf-8');
const strict = new TextDecoder('utf-8', { fatal: true });

function streamText(label: string, bytes: Uint8Array, maxBytes: number): string {
  if (bytes.length === 0) return `${label}: 0 bytes`;
  let text: string;
  let note = '';
  try {
    text = strict.decode(bytes);
  } catch {
    text = decoder.decode(bytes);
    note = ', not valid UTF-8: shown with U+FFFD for bad bytes';
  }
  const end = bytes[bytes.length - 1] === 0x0a ? '' : ', no newline at end';
  return `${label}: ${bytes.length} bytes${note}${end}\n${bound(text, maxBytes)}`;
}

/** A run's outputs with their byte counts and exit code; each stream bounded on its own. */
export function renderRun(result: RunResult, maxBytes: number): string {
  if (result.kind === 'invalid-module') return `the program could not start: ${result.message}`;
  const lines: string[] = [];
  lines.push(result.kind === 'exited' ? `exit code ${result.code}` : (describeStop(result) ?? result.kind));
  const share = Math.max(256, Math.floor((maxBytes - 200) / 2));
  lines.push(streamText('stdout', result.stdout, share));
  lines.push(streamText('stderr', result.stderr, share));
  const written = Object.entries(result.files);
  if (written.length > 0)
    lines.push(
      `files written: ${written
        .slice(0, 20)
        .map(([name, bytes]) => `${name} (${bytes.length} bytes)`)
        .join(', ')}${written.length > 20 ? `, and ${written.length - 20} more` : ''}`,
    );
  return bound(lines.join('\n'), maxBytes);
}

export function renderBuild(outcome: BuildOutcome): string {
  if (outcome.kind === 'ok')
    return outcome.warnings.length === 0 ? 'build ok' : `build ok, with warnings:\n${outcome.warnings.join('\n')}`;
  return `build failed:\n${outcome.diagnostics.join('\n')}`;
}

function renderVisible(score: VisibleScore): string {
  const lines = [`visible tests: ${score.passed} of ${score.total} pass`];
  if (score.build) lines.push(renderBuild(score.build));
  for (const f of score.failures) lines.push(`✗ ${f.id}\n${f.detail}`);
  if (score.failures.length > 0 && score.total - score.passed > score.failures.length)
    lines.push(`(${score.total - score.passed - score.failures.length} more failing tests not shown)`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Execution.

export interface ToolContext {
  environment: AgentEnvironment;
  workspace: WorkspaceFiles;
  workspaceLimits: WorkspaceLimits;
  /** Bytes a result may take before its footer. */
  resultBytes: number;
  /** Submissions still allowed (0: submit is refused). */
  submissionsLeft: number;
  signal: AbortSignal;
}

export interface ToolOutcome {
  /** The result without the budget footer (the loop adds it). */
  text: string;
  isError: boolean;
  /** The workspace after the call, when it changed. */
  workspace?: WorkspaceFiles;
  visible?: PassCount;
  hidden?: HiddenScore;
}

const err = (text: string): ToolOutcome => ({ text: `error: ${text}`, isError: true });

function inputOf(args: Record<string, unknown>): ProgramInput {
  return {
    args: args.args as string[],
    ...(args.stdin !== undefined ? { stdin: args.stdin as string } : {}),
    ...(args.files !== undefined ? { files: args.files as Record<string, string> } : {}),
  };
}

/**
 * Runs one tool call. Malformed or wrong arguments, unknown tools and refusals are error results the agent reads;
 * nothing the model writes can make this throw. (The environment may still throw on a bug of its own: the loop
 * turns that into an error result too.)
 */
export async function executeTool(ctx: ToolContext, name: string, argumentsJson: string): Promise<ToolOutcome> {
  const spec = toolSpec(name);
  if (!spec) return err(`there is no tool named ${JSON.stringify(name)}; the tools are ${TOOL_NAMES.join(', ')}`);
  const parsed = parseArguments(spec, argumentsJson);
  if (parsed.kind === 'error') return err(`${name}: ${parsed.message}`);
  const args = parsed.args;
  const env = ctx.environment;
  const cap = ctx.resultBytes;
  switch (name as ToolName) {
    case 'docs':
      return { text: page(await env.docs(), (args.offset as number | undefined) ?? 0, cap), isError: false };
    case 'oracle':
      return { text: renderRun(await env.oracle(inputOf(args), ctx.signal), cap), isError: false };
    case 'list_files': {
      const paths = sortedPaths(ctx.workspace);
      if (paths.length === 0) return { text: 'the workspace is empty', isError: false };
      const rows = paths.map((p) => `${p} (${byteLength(ctx.workspace[p] as string)} bytes)`);
      return { text: bound(rows.join('\n'), cap), isError: false };
    }
    case 'read_file': {
      const path = args.path as string;
      const problem = pathProblem(path);
      if (problem) return err(`${JSON.stringify(path)}: ${problem}`);
      if (!Object.hasOwn(ctx.workspace, path)) return err(`${path}: no such file in the workspace`);
      const content = ctx.workspace[path] as string;
      if (content === '') return { text: `${path} is empty`, isError: false };
      return { text: page(content, (args.offset as number | undefined) ?? 0, cap), isError: false };
    }
    case 'write_file': {
      const path = args.path as string;
      const content = args.content as string;
      const change = writeFile(ctx.workspace, path, content, ctx.workspaceLimits);
      if (change.kind === 'error') return err(change.message);
      return { text: `wrote ${path} (${byteLength(content)} bytes)`, isError: false, workspace: change.files };
    }
    case 'delete_file': {
      const change = deleteFile(ctx.workspace, args.path as string);
      if (change.kind === 'error') return err(change.message);
      return { text: `deleted ${args.path as string}`, isError: false, workspace: change.files };
    }
    case 'build':
      return boundedOutcome(await env.build(ctx.workspace, ctx.signal), cap);
    case 'run': {
      const result = await env.run(ctx.workspace, inputOf(args), ctx.signal);
      if (result.kind === 'build-error') return { text: bound(renderBuild(result.build), cap), isError: true };
      return { text: renderRun(result, cap), isError: false };
    }
    case 'run_tests': {
      const score = await env.runVisibleTests(ctx.workspace, ctx.signal);
      return {
        text: bound(renderVisible(score), cap),
        isError: false,
        visible: { passed: score.passed, total: score.total },
      };
    }
    case 'submit': {
      if (ctx.submissionsLeft <= 0) return err('no submissions are left');
      const hidden = await env.submit(ctx.workspace, ctx.signal);
      const lines = [
        `hidden tests: ${hidden.passed} of ${hidden.total} pass`,
        `visible tests: ${hidden.visible.passed} of ${hidden.visible.total} pass`,
      ];
      if (hidden.build) lines.push(renderBuild(hidden.build));
      const left = ctx.submissionsLeft - 1;
      lines.push(
        isSolved(hidden)
          ? 'solved.'
          : left > 0
            ? `${left} submission${left === 1 ? '' : 's'} left.`
            : 'no submissions left.',
      );
      return { text: bound(lines.join('\n'), cap), isError: false, visible: hidden.visible, hidden };
    }
  }
}

function boundedOutcome(outcome: BuildOutcome, cap: number): ToolOutcome {
  return { text: bound(renderBuild(outcome), cap), isError: outcome.kind === 'error' };
}

/** True when a submit result ends the task (the score is complete, or nothing is left to try). */
export function isSolved(hidden: HiddenScore): boolean {
  return hidden.total > 0 && hidden.passed === hidden.total && hidden.visible.passed === hidden.visible.total;
}
