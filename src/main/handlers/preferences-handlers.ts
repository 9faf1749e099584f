import type { Preferences } from '../../shared/app-info';
import type { MonitoringSettings } from '../../shared/monitoring-settings';
import { appError } from '../core/errors/app-error';
import type { IpcRegistry } from '../ipc/registry';

/** Start-at-login as the OS sees it; the OS, not a settings file, is the source of truth. */
export interface LoginItemPort {
  readonly supported: boolean;
  isEnabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<void>;
}

/** The monitoring settings as the settings file keeps them (SettingsRepository). */
export interface MonitoringSettingsPort {
  monitoring(): MonitoringSettings;
  setMonitoring(settings: MonitoringSettings): Promise<unknown>;
}

export interface PreferencesHandlerDeps {
  readonly loginItem: LoginItemPort;
  readonly monitoring: MonitoringSettingsPort;
}

export async function readPreferences(deps: PreferencesHandlerDeps): Promise<Preferences> {
  const { loginItem } = deps;
  return {
    startAtLogin: loginItem.supported ? await loginItem.isEnabled() : false,
    startAtLoginSupported: loginItem.supported,
    monitoring: deps.monitoring.monitoring(),
  };
}

export function registerPreferencesHandlers(registry: IpcRegistry, deps: PreferencesHandlerDeps): void {
  const { loginItem } = deps;
  registry.handle('preferences', 'get', () => readPreferences(deps));
  registry.handle('preferences', 'setStartAtLogin', async ({ enabled }) => {
    if (!loginItem.supported) {
      throw appError(
        'not-supported',
        'Starting at login is not available on this system.',
        "Add Dedicated Admin to your desktop's startup applications instead.",
      );
    }
    await loginItem.setEnabled(enabled);
    return readPreferences(deps);
  });
  registry.handle('preferences', 'setMonitoring', async (settings) => {
    await deps.monitoring.setMonitoring(settings);
    return readPreferences(deps);
  });
}
