/**
 * CodeMirror 6, loaded only when the Workspace tab first shows a text file (dynamic import), so it stays out of the
 * initial page. One view per editor; one EditorState per file keeps each file's undo history across switches.
 */
import { basicSetup } from 'codemirror';
import { indentWithTab } from '@codemirror/commands';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { oneDark } from '@codemirror/theme-one-dark';
import { theme as pageTheme } from '../ui/theme.svelte.ts';
import type { Diagnostic } from '../../../toolchains/index.ts';
import { diagnosticMarks, setLineDiagnostics, type LineDiagnostic } from './diagnostic-marks.ts';

export interface FileEditor {
  /** Shows `name` with `text`, reusing its earlier state (cursor, undo) when the text is unchanged. */
  show(name: string, text: string): void;
  /** Drops the remembered state of files that no longer exist. */
  forgetExcept(names: ReadonlySet<string>): void;
  /** Marks a build's diagnostics in the files they name (now and whenever such a file is shown next). */
  setDiagnostics(diagnostics: readonly Diagnostic[]): void;
  /** Puts the cursor at a 1-based line and column of the shown file, scrolled into view, and focuses it. */
  goto(line: number, column: number): void;
  focus(): void;
  destroy(): void;
}

async function languageFor(name: string): Promise<Extension> {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  switch (ext) {
    case 'c':
    case 'h':
    case 'cc':
    case 'cpp':
    case 'hpp':
      return (await import('@codemirror/lang-cpp')).cpp();
    case 'py':
      return (await import('@codemirror/lang-python')).python();
    case 'js':
    case 'mjs':
      return (await import('@codemirror/lang-javascript')).javascript();
    case 'ts':
    case 'mts':
      return (await import('@codemirror/lang-javascript')).javascript({ typescript: true });
    case 'rs':
      return (await import('@codemirror/lang-rust')).rust();
    default:
      return [];
  }
}

const baseTheme = EditorView.theme({
  '&': { height: '100%', fontSize: '14px' },
  '.cm-scroller': { fontFamily: 'var(--mono)' },
});

export function createFileEditor(parent: HTMLElement, onChange: (name: string, text: string) => void): FileEditor {
  const states = new Map<string, EditorState>();
  const theme = new Compartment();
  const language = new Compartment();
  let current = '';
  let diagnostics: readonly Diagnostic[] = [];
  /** Which setDiagnostics call each file's state last received, so switching files does not re-place old marks. */
  let version = 0;
  const applied = new Map<string, number>();
  const applyDiagnostics = (): void => {
    if (!current || applied.get(current) === version) return;
    applied.set(current, version);
    const here: LineDiagnostic[] = diagnostics.flatMap((d) =>
      d.file === current && d.line !== undefined
        ? [{ line: d.line, column: d.column ?? 1, severity: d.severity ?? 'error', message: d.message }]
        : [],
    );
    view.dispatch({ effects: setLineDiagnostics.of(here) });
  };

  const extensions = (name: string): Extension[] => [
    basicSetup,
    // Tab indents; Escape then Tab leaves the editor (CodeMirror's documented keyboard escape hatch).
    keymap.of([indentWithTab]),
    // Ctrl/Cmd+Enter belongs to the page (run the tests), not to "insert blank line".
    Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => true }])),
    baseTheme,
    theme.of(pageTheme.dark ? oneDark : []),
    language.of([]),
    diagnosticMarks(),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(name, update.state.doc.toString());
    }),
    EditorView.contentAttributes.of({ 'aria-label': `Contents of ${name}` }),
  ];

  const view = new EditorView({ parent });
  const stopFollowing = pageTheme.onDarkChange((dark) =>
    view.dispatch({ effects: theme.reconfigure(dark ? oneDark : []) }),
  );

  return {
    show(name, text) {
      // The editor's own edits come back here through the workspace: nothing to do then.
      if (name === current && view.state.doc.toString() === text) return;
      if (current) states.set(current, view.state);
      let state = states.get(name);
      if (!state || state.doc.toString() !== text) {
        state = EditorState.create({ doc: text, extensions: extensions(name) });
        applied.delete(name);
      }
      current = name;
      view.setState(state);
      applyDiagnostics();
      void languageFor(name).then((lang) => {
        if (current === name) view.dispatch({ effects: language.reconfigure(lang) });
      });
    },
    forgetExcept(names) {
      for (const key of states.keys()) if (!names.has(key)) states.delete(key);
    },
    setDiagnostics(list) {
      if (list === diagnostics) return;
      diagnostics = list;
      version++;
      applyDiagnostics();
    },
    goto(line, column) {
      const doc = view.state.doc;
      const at = doc.line(Math.min(Math.max(1, line), doc.lines));
      const pos = Math.min(at.from + Math.max(0, column - 1), at.to);
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
      view.focus();
    },
    focus() {
      view.focus();
    },
    destroy() {
      stopFollowing();
      view.destroy();
    },
  };
}
