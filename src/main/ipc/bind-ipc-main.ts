import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../shared/errors';
import type { Logger } from '../core/log/logger';
import type { IpcRegistry } from './registry';
import { isTrustedSender } from './sender';

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** Connects the registry to Electron's ipcMain, refusing senders outside the dashboard. */
export function bindIpcMain(
  ipcMain: IpcMainLike,
  registry: IpcRegistry,
  trustedOrigins: readonly string[],
  logger: Logger,
): () => void {
  const channels = registry.channels();
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, trustedOrigins)) {
        logger.warn(`IPC: refused ${channel} from an untrusted frame`);
        return Promise.resolve({
          ok: false,
          error: { code: 'untrusted-sender', message: 'This window may not call Dedicated Admin.' },
        });
      }
      return registry.dispatch(channel, payload);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
