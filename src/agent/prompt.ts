import type { PassCount } from './trajectory.ts';
import { NOTES_FILE } from './workspace.ts';

/** Bumped whenever the wording below changes in a way that could change an agent's behaviour; logged per run. */
export const PROMPT_VERSION = 'mirrorbox-agent-prompt/1';

export interface TaskInfo {
  target: { id: string; program: string; description: string };
  /** Toolchain id: 'python' | 'c' | 'js' | 'ts'. */
  language: string;
  /** Submissions allowed. */
  attempts: number;
}

const LANGUAGES: Record<string, { name: string; layout: string }> = {
  python: {
    name: 'Python 3 (run by Pyodide, standard library only)',
    layout: 'Put the program in main.py (other .py files may sit beside it and be imported).',
  },
  c: {
    name: 'C (compiled to WebAssembly/WASI with clang and wasi-libc)',
    layout: 'Write .c and .h files; all .c files are compiled and linked into one program.',
  },
  js: {
    name: 'JavaScript (run by QuickJS)',
    layout:
      'Put the program in main.js (other modules may sit beside it). It runs in QuickJS, not Node: there is a process-like API (process.argv, process.stdout.write, process.exit, process.exitCode), console, and require("fs") (fs.readFileSync(0) reads all of stdin).',
  },
  ts: {
    name: 'TypeScript (types stripped, not checked; run by QuickJS)',
    layout:
      'Put the program in main.ts (other modules may sit beside it). It runs in QuickJS, not Node: there is a process-like API (process.argv, process.stdout.write, process.exit, process.exitCode), console, and require("fs") (fs.readFileSync(0) reads all of stdin).',
  },
};

export function languageName(language: string): string {
  return LANGUAGES[language]?.name ?? language;
}

export function systemPrompt(info: TaskInfo): string {
  const lang = LANGUAGES[info.language];
  return [
    `You are a careful software engineer. Your task is to reimplement the command-line program \`${info.target.program}\` in ${languageName(info.language)}, working only from its documentation and from running the reference implementation.`,
    '',
    'Rules of the task:',
    `- The reference \`${info.target.program}\` is execute-only: the oracle tool runs it on arguments, stdin and files you choose and shows its stdout, stderr and exit code. You cannot read its code, and you must not try to.`,
    '- Your program is judged byte for byte: stdout, stderr and the exit code must all match the reference exactly, including error messages, whitespace and trailing newlines.',
    '- Visible tests (run_tests) show how you are doing and the first few differences. Hidden tests, run when you call submit, decide the score; they exercise the same documented behaviour more widely, so do not special-case the visible tests.',
    '- You work in your own workspace with list_files, read_file, write_file and delete_file. build shows compiler diagnostics; run runs your program the way the oracle runs the reference.',
    `- ${lang?.layout ?? 'Write the program in the workspace.'}`,
    `- Keep ${NOTES_FILE} up to date with your decisions, what is done and what is left: if the conversation grows too long it is restarted from the task, that file, the file list and the test status.`,
    `- Every tool result ends with the budget left. When you are confident, call submit${info.attempts > 1 ? ` (you have ${info.attempts} submissions; each returns the hidden counts)` : ' (once: it ends the task)'}. There is no time pressure beyond the budget shown, so test thoroughly before submitting.`,
  ].join('\n');
}

export function taskText(info: TaskInfo): string {
  return [
    `Reimplement \`${info.target.program}\` (${info.target.description}) in ${languageName(info.language)}.`,
    'Start by reading the documentation with the docs tool, then probe the reference with the oracle tool, write your implementation, and use run_tests until the visible tests pass. Then call submit.',
  ].join('\n');
}

/** The message that asks for notes before a reset (only write_file is offered with it). */
export function notesRequest(): string {
  return [
    'The conversation is close to the limit of your context window and will be restarted.',
    `Now call write_file once with path "${NOTES_FILE}" and, as its content, everything you need to carry on: the decisions you made and why, what is implemented, what fails and your hypotheses, and the next steps. Your workspace files are kept; this conversation is not.`,
  ].join('\n');
}

/** The first message of a fresh conversation after a reset. */
export function freshStart(
  info: TaskInfo,
  notes: string | undefined,
  files: { path: string; bytes: number }[],
  visible: PassCount | undefined,
  resets: number,
): string {
  const listing = files.length === 0 ? '(no files)' : files.map((f) => `${f.path} (${f.bytes} bytes)`).join('\n');
  const status = visible === undefined ? 'not run yet' : `${visible.passed} of ${visible.total} visible tests pass`;
  return [
    taskText(info),
    '',
    `The conversation was restarted (reset ${resets}) because it neared the context window. Your workspace is as you left it.`,
    '',
    `Your notes (${NOTES_FILE}):`,
    notes === undefined ? '(none were written)' : notes,
    '',
    'Files in your workspace:',
    listing,
    '',
    `Visible tests: ${status}.`,
  ].join('\n');
}
