import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Browser mode's security rules, each a small function. The server listens on 127.0.0.1 only; these refuse
 * everything that is not this app's own page talking to this server.
 */

export const TOKEN_HEADER = 'x-motiv-token';

export function cookieName(port: number): string {
  // Cookies ignore ports; naming the port keeps two instances on one machine apart.
  return `motiv_token_${port}`;
}

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

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** The per-run token, from the header (API calls), the query (first page load, EventSource) or the cookie. */
export function tokenPresented(req: IncomingMessage, url: URL, token: string, port: number): boolean {
  const header = req.headers[TOKEN_HEADER];
  return (
    sameToken(typeof header === 'string' ? header : undefined, token) ||
    sameToken(url.searchParams.get('token') ?? undefined, token) ||
    sameToken(cookieValue(req, cookieName(port)), token)
  );
}
