import { shell, type App, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './shared/csp.ts';
import { isAllowedExternalUrl, isAppUrl } from './shared/url-rules.ts';

export { isTrustedSender } from './shared/url-rules.ts';

/**
 * The Electron shell's security rules, one small function each, following Electron's security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security). Applied to every window and session.
 */

/** Checklist #13 and #14 (and #15 for the allowlisted links): no navigation away from the app, no new windows; allowlisted links go to the OS. */
export function lockNavigation(contents: WebContents, devServerUrl: string | undefined): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Checklist #5: deny every permission request (camera, notifications, geolocation …). */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Checklist #7: a strict CSP header on every response (the dev server's too), in addition to the meta tag in
 * index.html; the app:// handler sets it on its own responses as well.
 */
export function enforceCsp(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** Applied once, before any window exists. */
export function hardenApp(app: App, devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents) => lockNavigation(contents, devServerUrl));
}
