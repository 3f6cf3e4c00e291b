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

/**
 * A new session another place asks Ideate to prepare: the Ideas page's "new session on this topic", the sample
 * topic (welcome, palette, empty Ideate) with its own small size. Nothing starts until the user presses Start.
 */
export interface NewSessionRequest {
  topic: string;
  /** Ideas and mentor rounds; absent: the form keeps its own (the Settings' defaults). */
  size?: { ideas: number; maxRounds: number };
}

export const newSessionRequest = $state<{ pending: NewSessionRequest | null }>({ pending: null });

export function startSessionOn(topic: string, size?: NewSessionRequest['size']): void {
  newSessionRequest.pending = size ? { topic, size: { ...size } } : { topic };
  goTo('ideate');
}

/** Ideate's side: the requested new session, once (null when there is none). */
export function takeNewSessionRequest(): NewSessionRequest | null {
  const { pending } = newSessionRequest;
  if (pending !== null) newSessionRequest.pending = null;
  return pending;
}
