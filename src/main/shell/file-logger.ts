import log from 'electron-log/main';
import { createLogger, type Logger } from '../core/log/logger';

/**
 * The app's log file (electron-log's per-OS default: ~/Library/Logs/Dedicated Admin on macOS,
 * %APPDATA%\Dedicated Admin\logs on Windows, ~/.config/Dedicated Admin/logs on Linux).
 * Every line passes through core's redaction first.
 */
export function createFileLogger(isPackaged: boolean): { logger: Logger; file: string } {
  log.transports.file.level = 'info';
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.transports.console.level = isPackaged ? false : 'debug';
  const logger = createLogger({ write: (level, message) => log[level](message) });
  return { logger, file: log.transports.file.getFile().path };
}
