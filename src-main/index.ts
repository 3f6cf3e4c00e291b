import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { readFile } from 'node:fs/promises';
import { createCore, type Core } from './core/create-core.ts';
import type { SecretEncryptor } from './core/secret-store.ts';
import { dispatch } from './core/dispatch.ts';
import { denyPermissions, enforceCsp, hardenApp, isTrustedSender } from './security.ts';
import { APP_ENTRY_URL, APP_SCHEME, devServerUrlFor, resolveAppRequest } from './shared/app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from './shared/csp.ts';
import { resourcePath } from './shared/resources.ts';
import { LINK_SCHEME } from './shared/app-links.ts';
import { createOpenRequests, type OpenRequests } from './shell/open-requests.ts';
import { CHOOSE_FILE, FILE_KINDS, isChannelExposed, isFileKind } from './shared/preload-channels.ts';

/**
 * The Electron shell: a window, the IPC transport, and the security rules. Everything else is the plain-Node
 * core, shared with browser mode and the CLI.
 */
// The dev server only for `electron-vite dev` (import.meta.env.DEV is false in every production build).
const devServerUrl = devServerUrlFor({
  isPackaged: app.isPackaged,
  devBuild: import.meta.env.DEV,
  envUrl: process.env['ELECTRON_RENDERER_URL'],
});
const RENDERER_ROOT = resourcePath('renderer');
let core: Core | undefined;
// What the OS asked for before the core was up (macOS sends open-file / open-url before `ready`).
const early: { files: string[]; urls: string[] } = { files: [], urls: [] };
let openRequests: OpenRequests | undefined;

// Must precede `ready`: app:// is a standard, secure origin (storage, fetch, CSP work as for https).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** Serves the built renderer on app://motiv with the CSP as a header; traversal refused (app-protocol.ts). */
function serveAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const target = resolveAppRequest(RENDERER_ROOT, request.url);
    if (target.kind === 'refused') return new Response(null, { status: target.status });
    try {
      const body = await readFile(target.path);
      return new Response(body, {
        headers: {
          'content-type': target.contentType,
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'MotivGraph Studio',
    icon: resourcePath('icon'),
    webPreferences: {
      preload: resourcePath('preload'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return window;
}

function registerIpc(activeCore: Core): void {
  ipcMain.handle('motiv:invoke', (event, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame, devServerUrl)) {
      return { error: { code: 'FORBIDDEN', message: 'IPC from an untrusted frame' } };
    }
    if (typeof channel !== 'string')
      return { error: { code: 'BAD_REQUEST', message: 'channel must be a string' } };
    // The preload refuses these already; checked again here in case the renderer process is compromised.
    if (!isChannelExposed(channel))
      return { error: { code: 'FORBIDDEN', message: `${channel} is not available to the window` } };
    return dispatch(activeCore.handlers, channel, payload, { transport: 'ipc' }, activeCore.logger);
  });
  // Settings' "Choose file…": the OS dialog, filtered to the named kind; only the chosen path goes back.
  ipcMain.handle(CHOOSE_FILE, async (event, kind: unknown) => {
    if (!isTrustedSender(event.senderFrame, devServerUrl) || !isFileKind(kind)) return null;
    const window = BrowserWindow.fromWebContents(event.sender);
    const filter = FILE_KINDS[kind];
    const options: Electron.OpenDialogOptions = {
      properties: ['openFile'],
      filters: [{ name: filter.name, extensions: [...filter.extensions] }],
    };
    const picked = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  });
  activeCore.events.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send('motiv:event', name, payload);
  });
}

hardenApp(app, devServerUrl);

// One instance: a second launch (a double-clicked .bib, a motiv:// link on Windows and Linux) hands its argv to
// the first and quits.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', (_event, argv) => {
  void openRequests?.argv(argv.slice(1));
  BrowserWindow.getAllWindows()[0]?.focus();
});
// macOS: files and links arrive as events, possibly before `ready`.
app.on('open-file', (event, path) => {
  event.preventDefault();
  if (openRequests) void openRequests.file(path);
  else early.files.push(path);
});
app.on('open-url', (event, url) => {
  event.preventDefault();
  if (openRequests) openRequests.url(url);
  else early.urls.push(url);
});

/**
 * The OS keychain for the secret store's data key. On Linux without a keyring safeStorage falls back to
 * 'basic_text' (a hard-coded password): no better than the core's own key file, so it is not used.
 */
function osEncryptor(): SecretEncryptor | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
    return undefined;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}

void app.whenReady().then(() => {
  const secretEncryptor = osEncryptor();
  core = createCore({
    defaultDataDir: app.getPath('userData'),
    ...(secretEncryptor ? { secretEncryptor } : {}),
  });
  serveAppProtocol();
  denyPermissions(session.defaultSession);
  enforceCsp(session.defaultSession);
  registerIpc(core);
  const window = createWindow();
  if (app.isPackaged) app.setAsDefaultProtocolClient(LINK_SCHEME);
  const requests = createOpenRequests(core);
  // Links become events the page must be listening for: the launch's own wait until it has loaded.
  window.webContents.once('did-finish-load', () => {
    openRequests = requests;
    void requests.argv(process.argv.slice(1));
    for (const path of early.files.splice(0)) void requests.file(path);
    for (const url of early.urls.splice(0)) requests.url(url);
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void core?.close();
});
