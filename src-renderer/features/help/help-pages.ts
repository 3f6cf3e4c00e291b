/** The Help section's pages, each reachable as `#/help/<id>` (the palette links to the shortcuts page). */
export const HELP_PAGES = [
  { id: 'start', label: 'Getting started' },
  { id: 'method', label: 'How the method works' },
  { id: 'scores', label: 'What the scores mean' },
  { id: 'shortcuts', label: 'Keyboard shortcuts' },
] as const;

export type HelpPageId = (typeof HELP_PAGES)[number]['id'];

/** The page a hash names (`#/help/scores`), or the first page. */
export function helpPageFromHash(hash: string): HelpPageId {
  const id = hash.replace(/^#\/?help\/?/, '').split('/')[0] ?? '';
  return HELP_PAGES.find((p) => p.id === id)?.id ?? 'start';
}

/** What the judge scores, 0–10 each (judge/rubrics/direct.v1.md says the same to the judge). */
export const SCORE_MEANINGS = [
  [
    'novelty',
    'How far the idea goes beyond known work: 10 is a new framing or mechanism, 5 a sensible combination of known parts, 0 already published.',
  ],
  [
    'experiment',
    'Rigor of the experiment plan: data, baselines, metrics and ablations that could confirm or refute the claim.',
  ],
  ['motivation', 'Rationality: is the problem real, and does the method follow from it?'],
  ['feasibility', 'Can a small lab do it with available data and compute in about six months?'],
  ['clarity', 'Could a competent researcher implement it from the text alone?'],
] as const;

export const SHORTCUTS = [
  ['Ctrl+K (⌘K on macOS)', 'Open or close the command palette: sections, graph nodes, ideas and actions.'],
  ['/', 'Focus the search of the section you are in.'],
  ['↑ ↓', 'Move between the entries of a list (and of the palette); Enter opens the one chosen.'],
  ['Esc', 'Close the palette, a dialog or an open panel.'],
  ['Tab / Shift+Tab', 'Move through a dialog’s controls; focus stays in the dialog until it closes.'],
  [
    '↑ ↓ PageUp PageDown Home End',
    'Graph → Explore, list view: move through the rows; Enter selects the node and shows its details, Space selects it, E expands it.',
  ],
  [
    '← → ↑ ↓  + −  0  E',
    'Graph → Explore, picture (Tab to it): pan, zoom in and out, show everything, expand the selected node.',
  ],
  [
    'Type, then ↓ ↑ Enter Esc',
    'Graph → Explore, a path’s From / To box: find a node by name, move through the suggestions, pick one, close them.',
  ],
] as const;
