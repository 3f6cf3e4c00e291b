import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHOOSE_FILE, isChannelExposed, isFileKind } from './shared/preload-channels.ts';

/**
 * The only bridge between the sandboxed renderer and the main process: `window.motiv.invoke` and
 * `window.motiv.on`. No raw ipcRenderer, no Node. Bundled as CommonJS so `sandbox: true` can stay on.
 * `invoke` reaches every channel except the `secrets.*` family, of which only status / set / clear /
 * confirmEndpoint (shared/preload-channels.ts): the page can replace a key, never read or export one.
 */
const INVOKE = 'motiv:invoke';
const EVENT = 'motiv:event';

contextBridge.exposeInMainWorld('motiv', {
  invoke: (channel: string, payload: unknown): Promise<unknown> => {
    if (typeof channel !== 'string') return Promise.reject(new TypeError('channel must be a string'));
    if (!isChannelExposed(channel)) {
      return Promise.resolve({
        error: { code: 'FORBIDDEN', message: `${channel} is not available to the window` },
      });
    }
    return ipcRenderer.invoke(INVOKE, channel, payload);
  },
  // An OS open-file dialog for one of the kinds in shared/preload-channels.ts: the chosen path, or null.
  chooseFile: (kind: string): Promise<string | null> =>
    isFileKind(kind)
      ? (ipcRenderer.invoke(CHOOSE_FILE, kind) as Promise<string | null>)
      : Promise.resolve(null),
  on: (event: string, listener: (payload: unknown) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT, wrapped);
    return () => ipcRenderer.removeListener(EVENT, wrapped);
  },
});
