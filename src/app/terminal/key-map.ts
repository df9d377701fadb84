/**
 * What typed text means for the running program. The SDK's terminal already does the rest of a line discipline
 * (echo, erase with Backspace, Enter hands over the line, \r becomes \n), but it ignores ^C and ^D: a guest gets no
 * signal and a typed ^D is swallowed. So the page gives them their usual meaning itself: Ctrl-C stops the program,
 * Ctrl-D ends its input.
 */
export type KeyAction = { kind: 'input'; data: string } | { kind: 'eof' } | { kind: 'interrupt' };

const CTRL_C = '\x03';
const CTRL_D = '\x04';

/** Splits one burst of typed or pasted text into input and control actions, in order. */
export function keyActions(data: string): KeyAction[] {
  const actions: KeyAction[] = [];
  let text = '';
  for (const ch of data) {
    if (ch !== CTRL_C && ch !== CTRL_D) {
      text += ch;
      continue;
    }
    if (text) actions.push({ kind: 'input', data: text });
    text = '';
    actions.push({ kind: ch === CTRL_C ? 'interrupt' : 'eof' });
  }
  if (text) actions.push({ kind: 'input', data: text });
  return actions;
}
