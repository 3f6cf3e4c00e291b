import { extname, join, normalize, sep } from 'node:path';
import { contentTypeOf } from './content-types.ts';

/**
 * The Electron renderer is served from `app://motiv/…` (a privileged, standard, secure custom scheme handled in
 * the main process) instead of `file://` (Electron security checklist #18): the page's origin is exact, so the
 * IPC sender check compares origins rather than path suffixes, and every response carries our CSP header.
 * Kept free of Electron so these rules are unit-tested in plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'motiv';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for exactly `app://motiv/…`: no other host, no port, no credentials. */
export function isAppOrigin(url: URL): boolean {
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

export type AppRequestTarget =
  { kind: 'file'; path: string; contentType: string } | { kind: 'refused'; status: 400 | 403 | 404 };

/**
 * Maps an `app://motiv/<path>` request to a file inside `root` (the built renderer). Refuses other hosts,
 * undecodable or NUL-bearing paths, and anything that would resolve outside `root` (`..`, encoded slashes).
 * Pure: the caller reads the file (a missing one is a 404 there).
 */
export function resolveAppRequest(root: string, rawUrl: string): AppRequestTarget {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (!isAppOrigin(url)) return { kind: 'refused', status: 403 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (decoded.includes('\0')) return { kind: 'refused', status: 400 };
  // The renderer never asks for `..`: refuse it outright rather than rely on normalisation alone.
  if (decoded.split(/[\\/]/).includes('..')) return { kind: 'refused', status: 404 };
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const path = join(root, relative);
  if (path === root || !path.startsWith(root.endsWith(sep) ? root : root + sep)) {
    return { kind: 'refused', status: 404 };
  }
  return { kind: 'file', path, contentType: contentTypeOf(extname(path)) };
}

/**
 * The Vite dev server URL is honoured only in an unpackaged app built in development mode (electron-vite dev),
 * and only on loopback: a packaged or production build ignores ELECTRON_RENDERER_URL, so nobody can point the
 * window (and its IPC bridge) at another page by setting an environment variable.
 */
export function devServerUrlFor(options: {
  isPackaged: boolean;
  devBuild: boolean;
  envUrl: string | undefined;
}): string | undefined {
  if (options.isPackaged || !options.devBuild || !options.envUrl) return undefined;
  try {
    const url = new URL(options.envUrl);
    const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    return (url.protocol === 'http:' || url.protocol === 'https:') && loopback ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
