import { goTo } from './navigation.svelte.ts';

/**
 * What another section asks Ideate to show: a saved session (the Ideas page's "open in Ideate"), or a new
 * session's draft (the Graph's "Ideate on this gap / node", the Ideas page's "New session on this topic", the sample topic: a topic and a note saying where it came from; nothing
 * runs until the user presses Start). Sections never import each other: the asking section leaves the request
 * here and Ideate takes it when it is on screen.
 */
export interface IdeateDraft {
  topic: string;
  /** Why this topic, shown above the start form (e.g. the gap it names). */
  note: string;
  /** Ideas and mentor rounds (the sample topic's small first session); absent: the form keeps its own. */
  size?: { ideas: number; maxRounds: number };
}

interface IdeateRequest {
  sessionId: string | null;
  draft: IdeateDraft | null;
}

export const sessionRequest = $state<IdeateRequest>({ sessionId: null, draft: null });

export function openInIdeate(sessionId: string): void {
  sessionRequest.sessionId = sessionId;
  goTo('ideate');
}

export function ideateOn(draft: IdeateDraft): void {
  sessionRequest.draft = draft;
  goTo('ideate');
}

/** Ideate's side: a request, once (null when there is none). */
function take<K extends keyof IdeateRequest>(key: K): IdeateRequest[K] {
  const value = sessionRequest[key];
  if (value !== null) sessionRequest[key] = null as IdeateRequest[K];
  return value;
}

export function takeSessionRequest(): string | null {
  return take('sessionId');
}

export function takeIdeateDraft(): IdeateDraft | null {
  return take('draft');
}
