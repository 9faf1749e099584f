import type { AppInfo } from '../../shared/app-info';
import type { IpcRegistry } from '../ipc/registry';
import { openExternalSafely } from '../security/external-url';

export interface AppHandlerDeps {
  readonly info: AppInfo;
  /** The OS's "open in browser"; only ever reached through openExternalSafely. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly openLogFolder: () => Promise<void>;
}

export function registerAppHandlers(registry: IpcRegistry, deps: AppHandlerDeps): void {
  registry.handle('app', 'getInfo', () => deps.info);
  registry.handle('app', 'openExternal', async ({ url }) => {
    await openExternalSafely(deps.openExternal, url);
    return { opened: true as const };
  });
  registry.handle('app', 'openLogFolder', async () => {
    await deps.openLogFolder();
    return { opened: true as const };
  });
}
