/**
 * Light or dark: the system's setting unless the person chose one. The choice is kept in localStorage rather than
 * IndexedDB because it must be known synchronously, before the first paint, or every load would flash the other
 * theme. The page's colours follow `color-scheme` on the root element (app.css uses light-dark()); the editor and
 * the terminal, which paint their own colours, ask `dark` and listen with `onDarkChange`.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'mirrorbox-theme';

function isChoice(value: unknown): value is ThemeChoice {
  return value === 'system' || value === 'light' || value === 'dark';
}

function storedChoice(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return isChoice(value) ? value : 'system';
  } catch {
    // Storage refused (some private modes): the system's setting.
    return 'system';
  }
}

class Theme {
  choice = $state<ThemeChoice>(storedChoice());
  private readonly query = window.matchMedia('(prefers-color-scheme: dark)');
  private readonly listeners = new Set<(dark: boolean) => void>();

  constructor() {
    this.apply();
    this.query.addEventListener('change', () => {
      if (this.choice === 'system') this.notify();
    });
  }

  get dark(): boolean {
    return this.choice === 'dark' || (this.choice === 'system' && this.query.matches);
  }

  choose(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      if (choice === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      // Not remembered, but applied for this page.
    }
    this.apply();
    this.notify();
  }

  /** Calls `listener` whenever the effective theme may have changed; returns the unsubscribe function. */
  onDarkChange(listener: (dark: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private apply(): void {
    const root = document.documentElement;
    if (this.choice === 'system') delete root.dataset.theme;
    else root.dataset.theme = this.choice;
  }

  private notify(): void {
    const dark = this.dark;
    for (const listener of this.listeners) listener(dark);
  }
}

export const theme = new Theme();
