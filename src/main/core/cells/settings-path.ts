import { homedir } from 'node:os';
import { join } from 'node:path';

/** Electron's userData folder is <appData>/<productName>; the CLI reads the same file. */
const PRODUCT_NAME = 'Dedicated Admin';
export const SETTINGS_FILE_NAME = 'settings.json';

export function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  return env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
}

/** `DEDICATED_ADMIN_SETTINGS` points the CLI (and tests) at another settings file. */
export function settingsFilePath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return env.DEDICATED_ADMIN_SETTINGS ?? join(appDataDir(env, platform), PRODUCT_NAME, SETTINGS_FILE_NAME);
}
