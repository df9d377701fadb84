import { describe, expect, it } from 'vitest';
import { normalizePath, parseClangDiagnostics } from './diagnostics.ts';

describe("clang's diagnostics", () => {
  it('become file, line, column, severity and message', () => {
    const stderr = [
      "main.c:4:16: error: expected ';' after expression",
      "src/util.h:12:3: warning: unused variable 'x'",
      './lib/../x.c:1:1: note: previous definition is here',
      "main.c:1:10: fatal error: 'nosuch.h' file not found",
      '2 errors and 1 warning generated.',
      '',
    ].join('\n');
    expect(parseClangDiagnostics(stderr)).toEqual([
      { file: 'main.c', line: 4, column: 16, severity: 'error', message: "expected ';' after expression" },
      { file: 'src/util.h', line: 12, column: 3, severity: 'warning', message: "unused variable 'x'" },
      { file: 'x.c', line: 1, column: 1, severity: 'note', message: 'previous definition is here' },
      { file: 'main.c', line: 1, column: 10, severity: 'error', message: "'nosuch.h' file not found" },
    ]);
  });

  it("name the linker's temporary objects after their sources and keep unknown lines", () => {
    const stderr = 'wasm-ld: error: /tmp/main-4f2a9c.o: undefined symbol: parse\nsomething else entirely\n';
    expect(parseClangDiagnostics(stderr)).toEqual([
      { file: '', severity: 'error', message: 'main.o: undefined symbol: parse' },
      { file: '', severity: 'note', message: 'something else entirely' },
    ]);
  });

  it('keep a colon-bearing message whole', () => {
    expect(parseClangDiagnostics('a.c:2:5: error: expected expression: got ":"')[0]?.message).toBe(
      'expected expression: got ":"',
    );
  });

  it('normalise paths the way the workspace names files', () => {
    expect(normalizePath('./src/../inc/x.h')).toBe('inc/x.h');
    expect(normalizePath('/main.c')).toBe('main.c');
  });
});
