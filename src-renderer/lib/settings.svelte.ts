import type { Settings, SettingsPatch } from '../../src-main/contract/index.ts';
import { invoke, onEvent } from './api/client.ts';

/** The settings as the core holds them; updated by our own saves and by `settings.changed` pushes. */
export const settingsState = $state<{ value: Settings | null; error: string | null }>({
  value: null,
  error: null,
});

export async function loadSettings(): Promise<void> {
  try {
    settingsState.value = await invoke('settings.get', {});
    settingsState.error = null;
  } catch (err) {
    settingsState.error = err instanceof Error ? err.message : String(err);
  }
}

export async function saveSettings(patch: SettingsPatch): Promise<Settings> {
  const saved = await invoke('settings.update', patch);
  settingsState.value = saved;
  return saved;
}

export function followSettingsChanges(): () => void {
  return onEvent('settings.changed', (next) => {
    settingsState.value = next;
  });
}
