/**
 * Compiler diagnostics inside CodeMirror: a gutter dot, a tinted line and the message at the line's end. Marks are
 * placed by line when a build reports them, then follow the text as the user edits (so they stay on the code they
 * are about until the next build replaces them).
 */
import { StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, GutterMarker, WidgetType, gutter, type DecorationSet } from '@codemirror/view';

export type Severity = 'error' | 'warning' | 'note';

/** A diagnostic about the shown file: 1-based line and column. */
export interface LineDiagnostic {
  line: number;
  column?: number;
  severity: Severity;
  message: string;
}

interface Mark {
  /** Start of the line it is about, in the current document. */
  from: number;
  severity: Severity;
  message: string;
}

export const setLineDiagnostics = StateEffect.define<readonly LineDiagnostic[]>();

const RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

function place(state: EditorState, list: readonly LineDiagnostic[]): Mark[] {
  return list
    .map((d) => ({
      from: state.doc.line(Math.min(Math.max(1, d.line), state.doc.lines)).from,
      severity: d.severity,
      message: d.message,
    }))
    .sort((a, b) => a.from - b.from || RANK[a.severity] - RANK[b.severity]);
}

const marks = StateField.define<readonly Mark[]>({
  create: () => [],
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setLineDiagnostics)) return place(tr.state, e.value);
    if (!tr.docChanged || value.length === 0) return value;
    return value.map((m) => ({ ...m, from: tr.state.doc.lineAt(tr.changes.mapPos(m.from)).from }));
  },
});

/** The marks on one line, worst first. */
function marksAt(state: EditorState, lineFrom: number): Mark[] {
  return state.field(marks).filter((m) => m.from === lineFrom);
}

class MessageWidget extends WidgetType {
  constructor(
    readonly severity: Severity,
    readonly text: string,
  ) {
    super();
  }
  override eq(other: MessageWidget): boolean {
    return other.severity === this.severity && other.text === this.text;
  }
  toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = `cm-diag-message cm-diag-${this.severity}`;
    span.textContent = this.text;
    return span;
  }
}

class DotMarker extends GutterMarker {
  constructor(
    readonly severity: Severity,
    readonly title: string,
  ) {
    super();
  }
  override eq(other: DotMarker): boolean {
    return other.severity === this.severity && other.title === this.title;
  }
  override toDOM(): Node {
    const dot = document.createElement('span');
    dot.className = `cm-diag-dot cm-diag-${this.severity}`;
    dot.textContent = this.severity === 'error' ? '●' : this.severity === 'warning' ? '▲' : 'i';
    dot.title = this.title;
    return dot;
  }
}

const decorations = EditorView.decorations.compute([marks], (state): DecorationSet => {
  const ranges = [];
  let previous = -1;
  for (const m of state.field(marks)) {
    if (m.from === previous) continue;
    previous = m.from;
    const here = marksAt(state, m.from);
    const first = here[0] as Mark;
    const more = here.length > 1 ? ` (+${here.length - 1} more)` : '';
    const line = state.doc.lineAt(m.from);
    ranges.push(Decoration.line({ class: `cm-diag-line cm-diag-line-${first.severity}` }).range(line.from));
    ranges.push(
      Decoration.widget({ widget: new MessageWidget(first.severity, `${first.message}${more}`), side: 1 }).range(
        line.to,
      ),
    );
  }
  return Decoration.set(ranges, true);
});

/** Sizes the gutter (CodeMirror renders it invisibly), so marks appearing later do not shift the text. */
class SpacerMarker extends GutterMarker {
  override toDOM(): Node {
    const dot = document.createElement('span');
    dot.className = 'cm-diag-spacer';
    dot.textContent = '●';
    return dot;
  }
}

const dots = gutter({
  class: 'cm-diag-gutter',
  lineMarker(view, line) {
    const here = marksAt(view.state, line.from);
    const first = here[0];
    return first ? new DotMarker(first.severity, here.map((m) => `${m.severity}: ${m.message}`).join('\n')) : null;
  },
  lineMarkerChange: (update) => update.startState.field(marks) !== update.state.field(marks),
  initialSpacer: () => new SpacerMarker(),
});

const theme = EditorView.baseTheme({
  '.cm-diag-gutter': { width: '1.1em', textAlign: 'center' },
  '.cm-diag-dot, .cm-diag-spacer': { fontSize: '0.8em', cursor: 'default' },
  '.cm-diag-line-error': { backgroundColor: 'rgba(220, 38, 38, 0.12)' },
  '.cm-diag-line-warning': { backgroundColor: 'rgba(217, 119, 6, 0.12)' },
  '.cm-diag-message': {
    marginLeft: '1.5em',
    fontStyle: 'italic',
    fontSize: '0.85em',
    whiteSpace: 'pre',
  },
  '.cm-diag-error': { color: '#dc2626' },
  '.cm-diag-warning': { color: '#d97706' },
  '.cm-diag-note': { color: '#6b7280' },
});

/** The extension every file's editor state carries; fill it with setLineDiagnostics. */
export function diagnosticMarks(): Extension {
  return [marks, decorations, dots, theme];
}
