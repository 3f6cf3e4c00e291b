import { app, BrowserWindow, ipcMain, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from './core/create-core.ts';
import type { SecretEncryptor } from './core/secret-store.ts';
import { dispatch } from './core/dispatch.ts';
import { denyPermissions, enforceCsp, hardenApp, isTrustedSender } from './security.ts';

/**
 * The Electron shell: a window, the IPC transport, and the security rules. Everything else is the plain-Node
 * core, shared with browser mode and the CLI.
 */
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
let core: Core | undefined;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'MotivGraph Studio',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return window;
}

function registerIpc(activeCore: Core): void {
  ipcMain.handle('motiv:invoke', (event, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame, devServerUrl)) {
      return { error: { code: 'FORBIDDEN', message: 'IPC from an untrusted frame' } };
    }
    if (typeof channel !== 'string')
      return { error: { code: 'BAD_REQUEST', message: 'channel must be a string' } };
    return dispatch(activeCore.handlers, channel, payload, { transport: 'ipc' }, activeCore.logger);
  });
  activeCore.events.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send('motiv:event', name, payload);
  });
}

hardenApp(app, devServerUrl);

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
  denyPermissions(session.defaultSession);
  enforceCsp(session.defaultSession);
  registerIpc(core);
  createWindow();
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
