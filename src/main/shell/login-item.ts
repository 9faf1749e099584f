import { app } from 'electron';
import type { LoginItemPort } from '../handlers/preferences-handlers';
import { createXdgLoginItem } from './xdg-autostart';

/** The flag the app is started with at login, so it opens to the tray, not the dashboard. */
export const HIDDEN_FLAG = '--hidden';

export function createLoginItem(platform: NodeJS.Platform): LoginItemPort {
  if (platform === 'linux') {
    // An AppImage runs from a temporary mount; $APPIMAGE is the file to start next time.
    const executable = process.env.APPIMAGE ?? process.execPath;
    return createXdgLoginItem([executable, HIDDEN_FLAG]);
  }
  if (platform !== 'darwin' && platform !== 'win32') {
    return { supported: false, isEnabled: async () => false, setEnabled: async () => undefined };
  }
  return {
    supported: true,
    isEnabled: async () => app.getLoginItemSettings({ args: [HIDDEN_FLAG] }).openAtLogin,
    setEnabled: async (enabled) => {
      app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
    },
  };
}

/** True when the OS started the app at login: then it stays in the tray. */
export function wasStartedAtLogin(platform: NodeJS.Platform, argv: readonly string[]): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}
