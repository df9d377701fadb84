import { describe, expect, it } from 'vitest';
import { freshStart, PROMPT_VERSION, systemPrompt, taskText } from './prompt.ts';

const info = {
  target: { id: 'uuidparse', program: 'uuidparse', description: 'parse UUIDs' },
  language: 'python',
  attempts: 1,
};

describe('the task as the agent reads it', () => {
  it('states the MirrorCode rules: reimplement from docs, execute-only reference, byte-exact, hidden tests', () => {
    const system = systemPrompt(info);
    expect(system).toContain('reimplement the command-line program `uuidparse` in Python 3');
    expect(system).toContain('execute-only');
    expect(system).toContain('stdout, stderr and the exit code must all match the reference exactly');
    expect(system).toContain('Hidden tests, run when you call submit');
    expect(system).toContain('main.py');
    expect(system).toContain('call submit (once: it ends the task)');
    expect(systemPrompt({ ...info, attempts: 3 })).toContain('you have 3 submissions');
    expect(taskText(info)).toMatch(/^Reimplement `uuidparse` \(parse UUIDs\) in Python 3/);
    expect(PROMPT_VERSION).toMatch(/^mirrorbox-agent-prompt\/\d+$/);
  });

  it('a fresh start after a reset holds the task, the notes, the files and the test status', () => {
    const text = freshStart(info, '# decisions', [{ path: 'main.py', bytes: 120 }], { passed: 3, total: 9 }, 2);
    expect(text.startsWith(taskText(info))).toBe(true);
    expect(text).toContain('(reset 2)');
    expect(text).toContain('Your notes (NOTES.md):\n# decisions');
    expect(text).toContain('Files in your workspace:\nmain.py (120 bytes)');
    expect(text).toContain('Visible tests: 3 of 9 visible tests pass.');
    expect(freshStart(info, undefined, [], undefined, 1)).toContain('(none were written)');
  });
});
