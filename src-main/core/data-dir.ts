import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_DIR_NAME = 'MotivGraph Studio';

/**
 * The per-user data directory, the same place Electron's `app.getPath('userData')` points to, so the desktop
 * app, browser mode and the CLI share one settings file and one graph. `MOTIV_DATA_DIR` overrides it for tests
 * and portable installs.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const override = env['MOTIV_DATA_DIR']?.trim();
  if (override) return override;
  const home = homedir();
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), APP_DIR_NAME);
}

/**
 * Creates the data directory 0700, or tightens an existing one other local users could read (it holds the
 * graph, sessions, logs and the secrets' key file). Returns the old mode when it was tightened, for a log line.
 */
export function ensurePrivateDataDir(dir: string): number | null {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return null;
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0) return null;
  chmodSync(dir, mode & 0o700);
  return mode;
}
