/** The app's sections, in sidebar order; the URL hash names the open one so a reload stays put. */
export const SECTIONS = [
  { id: 'graph', label: 'Graph' },
  { id: 'ideate', label: 'Ideate' },
  { id: 'ideas', label: 'Ideas' },
  { id: 'evaluate', label: 'Evaluate' },
  { id: 'methods', label: 'Methods' },
  { id: 'settings', label: 'Settings' },
  { id: 'help', label: 'Help' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

function fromHash(): SectionId {
  // The first path segment names the section; the rest is the section's own route (e.g. #/graph/node/<id>).
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return SECTIONS.find((s) => s.id === id)?.id ?? 'graph';
}

export const navigation = $state({ current: fromHash() });

/**
 * A section with unsaved edits may hold the user back: the guard returns false to stay (and asks the user
 * itself), then calls `goTo(target, { force: true })` once they chose.
 */
export type LeaveGuard = (target: SectionId) => boolean;
let leaveGuard: LeaveGuard | null = null;

export function setLeaveGuard(guard: LeaveGuard): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

export function goTo(id: SectionId, options: { force?: boolean } = {}): void {
  if (!options.force && id !== navigation.current && leaveGuard && !leaveGuard(id)) return;
  navigation.current = id;
  history.replaceState(null, '', `#/${id}`);
}

window.addEventListener('hashchange', () => {
  const next = fromHash();
  // Back/forward or a typed URL is leaving too: a section with unsaved edits may hold it (the hash is put back).
  if (next !== navigation.current && leaveGuard && !leaveGuard(next)) {
    history.replaceState(null, '', `#/${navigation.current}`);
    return;
  }
  navigation.current = next;
});
