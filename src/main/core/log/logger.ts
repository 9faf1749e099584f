import { redact } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What core code logs through; the shell backs it with a file, tests with memory. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface LogSink {
  write(level: LogLevel, message: string): void;
}

/** A logger that redacts every message before it reaches the sink. */
export function createLogger(sink: LogSink): Logger {
  const log = (level: LogLevel) => (message: string) => sink.write(level, redact(message));
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export interface MemoryLogger extends Logger {
  readonly lines: ReadonlyArray<{ level: LogLevel; message: string }>;
}

export function createMemoryLogger(): MemoryLogger {
  const lines: Array<{ level: LogLevel; message: string }> = [];
  const logger = createLogger({ write: (level, message) => lines.push({ level, message }) });
  return { ...logger, lines };
}

/** Describes an unknown thrown value in one line, without its stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : 'non-Error value thrown';
}
