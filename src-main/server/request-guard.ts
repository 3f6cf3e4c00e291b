import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Browser mode's security rules, each a small function. The server listens on 127.0.0.1 only; these refuse
 * everything that is not this app's own page talking to this server. The static page (the app's code, no data)
 * loads without the token; the page reads `?token=` once into localStorage (per origin, so per port) and
 * sends it as a header on every API call and on its fetch-based event stream.
 */

export const TOKEN_HEADER = 'x-motiv-token';

/** DNS-rebinding defence: a page on evil.example resolving to 127.0.0.1 still sends its own Host. */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Cross-site requests carry a foreign Origin; same-origin fetches carry ours or none (plain navigations). */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function sameToken(candidate: string | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The per-run token, from the `x-motiv-token` header only. Never a cookie (cookies ignore ports, so another
 * service on 127.0.0.1 would receive it) and never the query string (URLs end up in history and logs).
 */
export function tokenPresented(req: IncomingMessage, token: string): boolean {
  const header = req.headers[TOKEN_HEADER];
  return sameToken(typeof header === 'string' ? header : undefined, token);
}
