import { goTo } from './navigation.svelte.ts';

/**
 * A session another section asks Ideate to show (the Ideas page's "open in Ideate"). Sections never import each
 * other: the asking section leaves the request here and Ideate takes it when it is on screen.
 */
export const sessionRequest = $state<{ sessionId: string | null }>({ sessionId: null });

export function openInIdeate(sessionId: string): void {
  sessionRequest.sessionId = sessionId;
  goTo('ideate');
}

/** Ideate's side: the requested session, once (null when there is none). */
export function takeSessionRequest(): string | null {
  const { sessionId } = sessionRequest;
  if (sessionId !== null) sessionRequest.sessionId = null;
  return sessionId;
}
