/**
 * What the address bar says: which target and which tab. Kept in the query string (`?target=uuidparse&tab=tests`) so
 * any link can be shared and any static host serves it without rewrite rules.
 */
export type TabId = 'docs' | 'oracle' | 'workspace' | 'tests' | 'submit' | 'agent';

export const TABS: readonly { id: TabId; label: string }[] = [
  { id: 'docs', label: 'Docs' },
  { id: 'oracle', label: 'Oracle console' },
  { id: 'workspace', label: 'Workspace' },
  { id: 'tests', label: 'Tests' },
  { id: 'submit', label: 'Submit' },
  { id: 'agent', label: 'Agent' },
];

const DEFAULT_TAB: TabId = 'docs';

export interface Place {
  target: string | null;
  tab: TabId;
  /** The Tests tab's open case (`&case=…`). */
  case?: string | null;
}

function isTab(value: string | null): value is TabId {
  return TABS.some((t) => t.id === value);
}

export function placeHref(place: Place): string {
  if (place.target === null) return '?';
  const params = new URLSearchParams({ target: place.target });
  if (place.tab !== DEFAULT_TAB) params.set('tab', place.tab);
  if (place.tab === 'tests' && place.case) params.set('case', place.case);
  return `?${params}`;
}

class Route {
  target = $state<string | null>(null);
  tab = $state<TabId>(DEFAULT_TAB);
  caseId = $state<string | null>(null);

  constructor() {
    this.read();
    window.addEventListener('popstate', () => this.read());
  }

  /** Moves to a place, adding a history entry (so Back works) unless `replace`. */
  go(place: Partial<Place>, options: { replace?: boolean } = {}): void {
    const next: Place = { target: place.target === undefined ? this.target : place.target, tab: place.tab ?? this.tab };
    // The open case stays while target and tab do, unless the place names one.
    next.case =
      place.case !== undefined ? place.case : next.target === this.target && next.tab === this.tab ? this.caseId : null;
    const href = placeHref(next);
    if (options.replace) history.replaceState(null, '', href);
    else history.pushState(null, '', href);
    this.read();
  }

  private read(): void {
    const params = new URLSearchParams(location.search);
    const tab = params.get('tab');
    this.target = params.get('target') || null;
    this.tab = isTab(tab) ? tab : DEFAULT_TAB;
    this.caseId = this.tab === 'tests' ? params.get('case') || null : null;
  }
}

export const route = new Route();

/** Click handler for in-app links: plain clicks navigate in place, modified clicks open a new tab as usual. */
export function followLink(event: MouseEvent, place: Partial<Place>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  route.go(place);
}
