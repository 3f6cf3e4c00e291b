import { goTo } from './navigation.svelte.ts';

/**
 * A session another section asks Ideate to show (the Ideas page's "open in Ideate"). Sections never import each
 * other: the asking section leaves the request here and Ideate takes it when it is on screen.
 */
export const sessionRequest = $state<{ sessionId: string | null }>({ sessionId: null });

export function openInIdeate(sessionId: string): void {
  leaveForIdeate(sessionRequest, 'sessionId', sessionId);
}

/** Ideate's side: the requested session, once (null when there is none). */
export function takeSessionRequest(): string | null {
  return takeOnce(sessionRequest, 'sessionId');
}

/** A new session another section asks Ideate to prepare (the Ideas page's "new session on this topic"). */
export const newSessionRequest = $state<{ topic: string | null }>({ topic: null });

export function startSessionOn(topic: string): void {
  leaveForIdeate(newSessionRequest, 'topic', topic);
}

/** Ideate's side: the requested topic, once (null when there is none). */
export function takeNewSessionRequest(): string | null {
  return takeOnce(newSessionRequest, 'topic');
}

function leaveForIdeate<K extends string>(slot: Record<K, string | null>, key: K, value: string): void {
  slot[key] = value;
  goTo('ideate');
}

function takeOnce<K extends string>(slot: Record<K, string | null>, key: K): string | null {
  const value = slot[key];
  if (value !== null) slot[key] = null;
  return value;
}
