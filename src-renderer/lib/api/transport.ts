import type { MotivBridge } from '../../../src-main/contract/index.ts';
import { createSseParser } from './sse-parser.ts';

/** Electron: the preload's bridge. Browser mode: HTTP + a fetch-based event stream with the per-run token. */
export function pickTransport(): MotivBridge {
  const bridge = (window as { motiv?: MotivBridge }).motiv;
  return bridge ?? createHttpBridge(readToken());
}

const TOKEN_KEY = 'motiv.token';
const TOKEN_HEADER = 'x-motiv-token';
const RECONNECT_MS = 2_000;

/**
 * The token arrives once in the URL; localStorage keeps it for this origin (scheme, host and port: another
 * service on 127.0.0.1 is another origin and cannot read it), so reloads and other tabs of the app work, and the
 * URL drops it at once so it is not left in history, bookmarks or a shared screen. It is only ever sent as a
 * header: never a cookie (cookies ignore ports) and never again in a URL. A new run's token replaces it.
 */
function readToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    localStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return localStorage.getItem(TOKEN_KEY) ?? '';
}

type Listener = (payload: unknown) => void;

/** Dispatched on `window` when the event stream is back after a drop: events sent meanwhile were missed. */
export const EVENTS_RECONNECTED = 'motiv:events-reconnected';

/** Reads `/api/events` with the token header, reconnecting after a drop as EventSource would. */
function openEventStream(token: string, deliver: (name: string, data: string) => void): void {
  // Any connection but the first attempt follows a failure or a drop.
  let firstAttempt = true;
  const connect = async (): Promise<void> => {
    const again = !firstAttempt;
    firstAttempt = false;
    try {
      const res = await fetch('/api/events', { headers: { [TOKEN_HEADER]: token }, cache: 'no-store' });
      if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
      // Long jobs catch up with their `…since` channels (their events carry a sequence number).
      if (again) window.dispatchEvent(new Event(EVENTS_RECONNECTED));
      const feed = createSseParser(deliver);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        feed(value);
      }
    } catch (err) {
      console.warn('event stream dropped', err);
    }
    setTimeout(() => void connect(), RECONNECT_MS);
  };
  void connect();
}

export function createHttpBridge(token: string): MotivBridge {
  let streaming = false;
  const listeners = new Map<string, Set<Listener>>();

  const deliver = (name: string, data: string): void => {
    const set = listeners.get(name);
    if (!set || set.size === 0) return;
    const payload = JSON.parse(data) as unknown;
    for (const fn of set) fn(payload);
  };

  return {
    async invoke(channel, payload) {
      const res = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(payload ?? {}),
      });
      return (await res.json()) as unknown;
    },
    on(event, listener) {
      if (!streaming) {
        streaming = true;
        openEventStream(token, deliver);
      }
      let set = listeners.get(event);
      if (!set) {
        set = new Set<Listener>();
        listeners.set(event, set);
      }
      set.add(listener);
      const mine = set;
      return () => mine.delete(listener);
    },
  };
}
