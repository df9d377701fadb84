import type { Diagnostic } from './toolchain.ts';

/** One line per diagnostic, the way compilers print them (`main.c:3:7: error: …`), for the CLI and plain-text views. */
export function formatDiagnostic(d: Diagnostic): string {
  const position = d.line === undefined ? '' : d.column === undefined ? `${d.line}:` : `${d.line}:${d.column}:`;
  const where = d.file === '' ? '' : `${d.file}:${position} `;
  return `${where}${d.severity ? `${d.severity}: ` : ''}${d.message}`;
}
