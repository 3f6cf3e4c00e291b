import type { Settings } from '../contract/settings.ts';

/**
 * Whether the app greets this data dir with the welcome: its settings were never saved (a fresh data dir, so
 * an existing user is not greeted after an upgrade) and the welcome was not finished or skipped. Decided here, so
 * Electron and browser mode agree. `MOTIV_WELCOME=off` never shows it (scripted and kiosk setups, the e2e specs
 * that are not about it).
 */
export function isFirstRun(settings: Settings, env: NodeJS.ProcessEnv): boolean {
  if (env['MOTIV_WELCOME'] === 'off') return false;
  return settings.revision === 0 && !settings.onboarding.welcomeDone;
}
