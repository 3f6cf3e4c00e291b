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

/** A new session another section asks Ideate to prepare (the Ideas page's "new session on this topic"). */
export const newSessionRequest = $state<{ topic: string | null }>({ topic: null });

export function startSessionOn(topic: string): void {
  newSessionRequest.topic = topic;
  goTo('ideate');
}

/** Ideate's side: the requested topic, once (null when there is none). */
export function takeNewSessionRequest(): string | null {
  const { topic } = newSessionRequest;
  if (topic !== null) newSessionRequest.topic = null;
  return topic;
}
