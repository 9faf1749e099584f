import type { IpcRegistry } from '../ipc/registry';
import { type AppHandlerDeps, registerAppHandlers } from './app-handlers';
import { type AppStatusHandlerDeps, registerAppStatusHandlers } from './app-status-handlers';
import { type ApplyHandlerDeps, registerApplyHandlers } from './apply-handlers';
import { type CellsHandlerDeps, registerCellsHandlers } from './cells-handlers';
import { type PreferencesHandlerDeps, registerPreferencesHandlers } from './preferences-handlers';
import { registerStatusHandlers, type StatusHandlerDeps } from './status-handlers';
import { registerUpdatesHandlers, type UpdatesHandlerDeps } from './updates-handlers';

export interface HandlerDeps {
  readonly app: AppHandlerDeps;
  readonly status: StatusHandlerDeps;
  readonly preferences: PreferencesHandlerDeps;
  readonly cells: CellsHandlerDeps;
  readonly updates: UpdatesHandlerDeps;
  /** Live cell status (the runtime). */
  readonly appStatus: AppStatusHandlerDeps;
  /** The guided apply. */
  readonly apply: ApplyHandlerDeps;
}

/** Every area's handlers, wired once; the Electron shell and the test bridge both call this. */
export function registerHandlers(registry: IpcRegistry, deps: HandlerDeps): void {
  registerAppHandlers(registry, deps.app);
  registerStatusHandlers(registry, deps.status);
  registerPreferencesHandlers(registry, deps.preferences);
  registerCellsHandlers(registry, deps.cells);
  registerUpdatesHandlers(registry, deps.updates);
  registerAppStatusHandlers(registry, deps.appStatus);
  registerApplyHandlers(registry, deps.apply);
}
