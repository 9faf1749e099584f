import type { AppError } from '../../../shared/errors';

/**
 * API calls report failures as values, but a promise can still reject if the bridge itself
 * breaks. This turns such a rejection into an error the user can read; the raw exception (and
 * its stack) stays in the console.
 */
export function toAppError(cause: unknown): AppError {
  console.error(cause);
  return {
    code: 'unexpected',
    message: 'The app could not complete the request.',
    nextStep: 'Try again. If it keeps failing, restart Dedicated Admin and report the problem from Settings.',
  };
}
