import type { Diagnostic } from '../toolchain.ts';

/**
 * `file:line:col: severity: message` — clang's one-line form (carets and colours are switched off when it runs).
 * `fatal error` is clang's name for an error that stops the compile, e.g. a missing header.
 */
const LOCATED = /^(.+?):(\d+):(\d+): (fatal error|error|warning|note): (.*)$/;
/** `wasm-ld: error: main.o: undefined symbol: f`, `clang: error: no such file …`: about the build as a whole. */
const TOOL = /^(?:wasm-ld|clang|clang-\d+|[\w./-]*ld): (error|warning): (.*)$/;

/** Object files the compiler made from a source (`main-1a2b3c.o`, `/tmp/main-1a2b3c.o`) become that source's name. */
const OBJECT = /(?:\/tmp\/)?([\w.+-]+?)-[0-9a-f]{6,}\.o\b/g;

/**
 * Turns clang/wasm-ld's stderr into diagnostics. Summary lines ("2 errors generated.") are dropped; a line in no known
 * form is kept as a message about the whole build, so nothing the compiler said gets lost.
 */
export function parseClangDiagnostics(stderr: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const raw of stderr.split('\n')) {
    const line = raw.trimEnd();
    if (line === '' || /^\d+ (errors?|warnings?)( and \d+ (errors?|warnings?))? generated\.$/.test(line)) continue;
    const located = LOCATED.exec(line);
    if (located) {
      const [, file, row, col, severity, message] = located as unknown as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      out.push({
        file: normalizePath(file),
        line: Number(row),
        column: Number(col),
        severity: severity === 'note' ? 'note' : severity === 'warning' ? 'warning' : 'error',
        message,
      });
      continue;
    }
    const tool = TOOL.exec(line);
    if (tool) {
      const [, severity, message] = tool as unknown as [string, string, string];
      out.push({
        file: '',
        severity: severity === 'warning' ? 'warning' : 'error',
        message: message.replace(OBJECT, '$1.o'),
      });
      continue;
    }
    // Continuations of a linker message (">>> referenced by main.o") and anything unexpected.
    out.push({ file: '', severity: 'note', message: line.replace(OBJECT, '$1.o') });
  }
  return out;
}

/** `./src/../x.h` → `x.h`: diagnostics name files the way the workspace does. */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/^\/+/, '').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
