import type { AppStatusState } from '../../shared/app-status/app-status-ipc';
import type { IpcRegistry } from '../ipc/registry';

/** The runtime's live cell status, as the handlers use it (CoreRuntime). */
export interface AppStatusHandlerDeps {
  appStatusState(): AppStatusState;
  checkAppStatus(cellId?: string): Promise<AppStatusState>;
  setAppToken(cellId: string, token: string): Promise<AppStatusState>;
  clearAppToken(cellId: string): Promise<AppStatusState>;
}

/**
 * The live cell status over IPC. `setToken` is the one way a token enters main; every reply is
 * the status with `hasToken`, never the token. The registry validates the token's shape before
 * this runs and logs only the path and kind of a schema issue, never the value.
 */
export function registerAppStatusHandlers(registry: IpcRegistry, deps: AppStatusHandlerDeps): void {
  registry.handle('appStatus', 'get', () => deps.appStatusState());
  registry.handle('appStatus', 'checkNow', ({ cellId }) => deps.checkAppStatus(cellId));
  registry.handle('appStatus', 'setToken', ({ cellId, token }) => deps.setAppToken(cellId, token));
  registry.handle('appStatus', 'clearToken', ({ cellId }) => deps.clearAppToken(cellId));
}
