import type { StatusService } from '../core/status/status-service';
import type { IpcRegistry } from '../ipc/registry';

export function registerStatusHandlers(registry: IpcRegistry, status: StatusService): void {
  registry.handle('status', 'get', () => status.snapshot());
  registry.handle('status', 'checkNow', () => status.refresh());
}
