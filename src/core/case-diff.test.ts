import { describe, expect, it } from 'vitest';
import { renderOutcomeDiff, renderStreamDiff } from './case-diff.ts';
import { showLine } from './show-whitespace.ts';

const b = (s: string) => new TextEncoder().encode(s);

describe('whitespace made visible', () => {
  it('marks trailing spaces, tabs, carriage returns and raw bytes', () => {
    expect(showLine(b('a b  '))).toBe('a b··');
    expect(showLine(b('x\ty'))).toBe('x→y');
    expect(showLine(b('line\r'))).toBe('line␍');
    expect(showLine(new Uint8Array([0x61, 0xff]))).toBe('a\\xff');
    expect(showLine(b('bell\x07'))).toBe('bell\\x07');
  });
});

describe('stream diffs', () => {
  it('is empty for equal bytes', () => {
    expect(renderStreamDiff(b('same\n'), b('same\n'))).toBe('');
  });

  it('shows a missing final newline and a trailing space', () => {
    const d = renderStreamDiff(b('a\nb \n'), b('a\nb'));
    expect(d).toContain('- b·');
    expect(d).toContain('+ b⊘ no newline at end');
    expect(d).toContain('  a');
  });

  it('collapses long equal runs', () => {
    const same = Array.from({ length: 50 }, (_, i) => `line ${i}\n`).join('');
    const d = renderStreamDiff(b(`${same}old\n${same}`), b(`${same}new\n${same}`));
    expect(d).toMatch(/… 47 equal lines/);
    expect(d.split('\n').length).toBeLessThan(20);
  });

  it('reports exit codes and files', () => {
    const d = renderOutcomeDiff(
      { code: 0, stdout: b('x\n'), stderr: b(''), files: { out: b('1') } },
      { code: 1, stdout: b('x\n'), stderr: b('oops\n'), files: {} },
    );
    expect(d).toContain('exit code: expected 0, got 1');
    expect(d).toContain('+ oops');
    expect(d).toContain('file out: expected, but not written');
    expect(d).not.toContain('stdout');
  });
});
