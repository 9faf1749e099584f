import type { Preferences } from '../../shared/app-info';
import { appError } from '../core/errors/app-error';
import type { IpcRegistry } from '../ipc/registry';

/** Start-at-login as the OS sees it; the OS, not a settings file, is the source of truth. */
export interface LoginItemPort {
  readonly supported: boolean;
  isEnabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<void>;
}

export async function readPreferences(loginItem: LoginItemPort): Promise<Preferences> {
  return {
    startAtLogin: loginItem.supported ? await loginItem.isEnabled() : false,
    startAtLoginSupported: loginItem.supported,
  };
}

export function registerPreferencesHandlers(registry: IpcRegistry, loginItem: LoginItemPort): void {
  registry.handle('preferences', 'get', () => readPreferences(loginItem));
  registry.handle('preferences', 'setStartAtLogin', async ({ enabled }) => {
    if (!loginItem.supported) {
      throw appError(
        'not-supported',
        'Starting at login is not available on this system.',
        "Add Dedicated Admin to your desktop's startup applications instead.",
      );
    }
    await loginItem.setEnabled(enabled);
    return readPreferences(loginItem);
  });
}
