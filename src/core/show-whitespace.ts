/**
 * Renders one line of program output so that every byte that matters for byte-exact scoring can be seen: trailing
 * spaces, tabs, carriage returns, control characters and bytes that are not UTF-8.
 */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export const MARK = {
  space: '·',
  tab: '→',
  cr: '␍',
  noFinalNewline: '⊘ no newline at end',
} as const;

export function showLine(line: Uint8Array): string {
  let text: string;
  try {
    text = strictUtf8.decode(line);
  } catch {
    text = [...line].map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
  }
  const trailing = /[ \t]+$/.exec(text.replace(/\r$/, ''));
  const cut = trailing ? trailing.index : text.replace(/\r$/, '').length;
  const body = text
    .slice(0, cut)
    .replace(/\t/g, MARK.tab)
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, controlName);
  const tail = text
    .slice(cut)
    .replace(/ /g, MARK.space)
    .replace(/\t/g, MARK.tab)
    .replace(/\r/g, MARK.cr)
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, controlName);
  return body + tail;
}

function controlName(c: string): string {
  const code = c.charCodeAt(0);
  return code === 0x0d ? MARK.cr : `\\x${code.toString(16).padStart(2, '0')}`;
}

/** Splits bytes into lines, each keeping its own `\n`, so a missing final newline stays visible. */
export function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}
