import type { StatusSnapshot } from '../../shared/status';
import type { StatusService } from '../core/status/status-service';
import type { IpcRegistry } from '../ipc/registry';

export interface StatusHandlerDeps {
  readonly status: StatusService;
  /** A full check: the same path as a scheduled refresh, notifications included. */
  readonly checkNow: () => Promise<StatusSnapshot>;
}

export function registerStatusHandlers(registry: IpcRegistry, deps: StatusHandlerDeps): void {
  registry.handle('status', 'get', () => deps.status.snapshot());
  registry.handle('status', 'checkNow', () => deps.checkNow());
}
