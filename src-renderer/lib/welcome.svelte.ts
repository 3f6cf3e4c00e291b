import { invoke } from './api/client.ts';
import { saveSettings } from './settings.svelte.ts';

export type WelcomeStep = 'intro' | 'model' | 'sample';

/**
 * The welcome dialog: opened on a first run (the core decides, `app.info.firstRun`), from Help or the palette
 * (at its start), or from Ideate with no model (at the model step).
 */
export const welcome = $state<{ open: boolean; step: WelcomeStep }>({ open: false, step: 'intro' });

export function openWelcome(step: WelcomeStep = 'intro'): void {
  welcome.step = step;
  welcome.open = true;
}

/** On start: a fresh data dir gets the welcome. A failed read only means no welcome. */
export async function greetFirstRun(): Promise<void> {
  try {
    if ((await invoke('app.info', {})).firstRun) welcome.open = true;
  } catch {
    // The sections report the core being unreachable themselves.
  }
}

/** Finished or skipped: remembered in the settings, so neither this window nor another greets again. */
export async function closeWelcome(): Promise<void> {
  welcome.open = false;
  await saveSettings({ onboarding: { welcomeDone: true } });
}
