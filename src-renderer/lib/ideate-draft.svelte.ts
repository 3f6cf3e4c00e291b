import { goTo } from './navigation.svelte.ts';

/**
 * A new session another section asks Ideate to prepare (the Graph's "Ideate on this gap / node"): a topic and a
 * note saying where it came from. Sections never import each other: the asking section leaves the draft here and
 * Ideate fills its start form with it when it is on screen. Nothing runs until the user presses Start.
 */
export interface IdeateDraft {
  topic: string;
  /** Why this topic, shown above the form (e.g. the gap it names). */
  note: string;
}

export const ideateDraftRequest = $state<{ draft: IdeateDraft | null }>({ draft: null });

export function ideateOn(draft: IdeateDraft): void {
  ideateDraftRequest.draft = draft;
  goTo('ideate');
}

/** Ideate's side: the requested draft, once (null when there is none). */
export function takeIdeateDraft(): IdeateDraft | null {
  const { draft } = ideateDraftRequest;
  if (draft !== null) ideateDraftRequest.draft = null;
  return draft;
}
