import { FitAddon } from '@xterm/addon-fit';
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { theme as pageTheme } from '../ui/theme.svelte.ts';

/**
 * The terminal emulator (xterm.js) behind TerminalPanel. Loaded with a dynamic import the first time the Terminal
 * mode opens, so the page's initial JavaScript does not carry it.
 */
export interface TerminalView {
  readonly columns: number;
  readonly rows: number;
  write(data: Uint8Array | string): void;
  /** Keystrokes and pastes, as the bytes a terminal sends (Enter is \r, Backspace \x7f). */
  onData(listener: (data: string) => void): void;
  /** The terminal was refitted to its box: a new size for the running program. */
  onResize(listener: (columns: number, rows: number) => void): void;
  focus(): void;
  clear(): void;
  destroy(): void;
}

/** ANSI colours readable on each of the app's two backgrounds (xterm's defaults are made for dark ones). */
const LIGHT: ITheme = {
  background: '#ffffff',
  foreground: '#1d1d1b',
  cursor: '#1d1d1b',
  selectionBackground: '#b6cdfa',
  black: '#1d1d1b',
  red: '#b42318',
  green: '#1a7f37',
  yellow: '#8a5a00',
  blue: '#2451b7',
  magenta: '#8e3ba6',
  cyan: '#0b7285',
  white: '#6e6e68',
  brightBlack: '#5f5f58',
  brightRed: '#d1242f',
  brightGreen: '#2da44e',
  brightYellow: '#9a6700',
  brightBlue: '#3a6fd8',
  brightMagenta: '#a94fc2',
  brightCyan: '#1b8a9a',
  brightWhite: '#4a4a45',
};
const DARK: ITheme = {
  background: '#1d2024',
  foreground: '#e6e6e3',
  cursor: '#e6e6e3',
  selectionBackground: '#3a4f7a',
  black: '#3a3f47',
  red: '#ff7b72',
  green: '#56d364',
  yellow: '#e3b341',
  blue: '#7aa2ff',
  magenta: '#d2a8ff',
  cyan: '#56d4dd',
  white: '#c9d1d9',
  brightBlack: '#8b949e',
  brightRed: '#ffa198',
  brightGreen: '#7ee787',
  brightYellow: '#f2cc60',
  brightBlue: '#a5c0ff',
  brightMagenta: '#e2c5ff',
  brightCyan: '#8ee6ee',
  brightWhite: '#ffffff',
};

export function createTerminalView(host: HTMLElement): TerminalView {
  const terminal = new Terminal({
    // The SDK's terminal writes bare \n (no output post-processing), which xterm would treat as a line feed only.
    convertEol: true,
    cursorBlink: true,
    fontFamily: getComputedStyle(host).getPropertyValue('--mono').trim() || 'monospace',
    fontSize: 14,
    scrollback: 5000,
    theme: pageTheme.dark ? DARK : LIGHT,
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(host);
  fit.fit();

  const stopFollowing = pageTheme.onDarkChange((dark) => {
    terminal.options.theme = dark ? DARK : LIGHT;
  });
  const resizeListeners: ((columns: number, rows: number) => void)[] = [];
  terminal.onResize(({ cols, rows }) => resizeListeners.forEach((l) => l(cols, rows)));
  const observer = new ResizeObserver(() => fit.fit());
  observer.observe(host);

  return {
    get columns() {
      return terminal.cols;
    },
    get rows() {
      return terminal.rows;
    },
    write: (data) => terminal.write(data),
    onData: (listener) => void terminal.onData(listener),
    onResize: (listener) => void resizeListeners.push(listener),
    focus: () => terminal.focus(),
    clear: () => terminal.reset(),
    destroy: () => {
      observer.disconnect();
      stopFollowing();
      terminal.dispose();
    },
  };
}
