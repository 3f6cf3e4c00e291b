import { isAppOrigin } from './app-protocol.ts';

/**
 * URL rules of the Electron shell, kept free of Electron so they are unit-tested in plain Node.
 */

/** Hosts whose https links may be opened in the user's browser (papers, code, datasets). */
const EXTERNAL_HOSTS = new Set([
  'arxiv.org',
  'doi.org',
  'github.com',
  'openalex.org',
  'www.semanticscholar.org',
  'aclanthology.org',
  'openreview.net',
  'proceedings.neurips.cc',
  'papers.nips.cc',
  'proceedings.mlr.press',
  'ojs.aaai.org',
  'www.ijcai.org',
  'dl.acm.org',
  'ieeexplore.ieee.org',
  'link.springer.com',
  'huggingface.co',
]);

/** Only https links to allowlisted hosts leave the app, and only through the OS browser. */
export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (
      url.protocol === 'https:' &&
      EXTERNAL_HOSTS.has(url.hostname) &&
      url.username === '' &&
      url.password === ''
    );
  } catch {
    return false;
  }
}

/**
 * The app's own pages: exactly the `app://motiv` origin (shared/app-protocol.ts), or the dev server's origin
 * during `electron-vite dev`. Never `file:` (any local file would pass a path-suffix check).
 */
export function isAppUrl(raw: string, devServerUrl: string | undefined): boolean {
  try {
    const url = new URL(raw);
    if (isAppOrigin(url)) return true;
    return devServerUrl !== undefined && url.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

/** IPC is answered only for the app's own top frame. */
export function isTrustedSender(
  frame: { url: string; parent: unknown } | null | undefined,
  devServerUrl: string | undefined,
): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url, devServerUrl);
}
