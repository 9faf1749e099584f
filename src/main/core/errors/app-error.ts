import type { AppError } from '../../../shared/errors';

/**
 * Thrown inside main when an operation fails in a way the user can act on. The IPC layer
 * turns it into an `AppError` value; anything else thrown becomes a generic "internal" error
 * whose details go to the log, not the screen.
 */
export class AppErrorException extends Error {
  readonly appError: AppError;

  constructor(appError: AppError) {
    super(appError.message);
    this.name = 'AppErrorException';
    this.appError = appError;
  }
}

export function appError(code: string, message: string, nextStep?: string): AppErrorException {
  return new AppErrorException(nextStep === undefined ? { code, message } : { code, message, nextStep });
}
