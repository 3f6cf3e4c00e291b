import type { MotivBridge } from '../../../src-main/contract/index.ts';

/** Electron: the preload's bridge. Browser mode: HTTP + server-sent events with the per-run token. */
export function pickTransport(): MotivBridge {
  const bridge = (window as { motiv?: MotivBridge }).motiv;
  return bridge ?? createHttpBridge(readToken());
}

const TOKEN_KEY = 'motiv.token';

/** The token arrives once in the URL; sessionStorage keeps it across reloads of this tab only. */
function readToken(): string {
  const fromUrl = new URL(window.location.href).searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createHttpBridge(token: string): MotivBridge {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const ensureSource = (): EventSource => {
    source ??= new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    return source;
  };

  return {
    async invoke(channel, payload) {
      const res = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-motiv-token': token },
        body: JSON.stringify(payload ?? {}),
      });
      return (await res.json()) as unknown;
    },
    on(event, listener) {
      const stream = ensureSource();
      let set = listeners.get(event);
      if (!set) {
        const created = new Set<(payload: unknown) => void>();
        listeners.set(event, created);
        stream.addEventListener(event, (message: MessageEvent<string>) => {
          const payload = JSON.parse(message.data) as unknown;
          for (const fn of created) fn(payload);
        });
        set = created;
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
