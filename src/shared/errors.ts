import { z } from 'zod';

/**
 * An error as the user sees it: what failed, and the next step. Errors cross IPC as values
 * (never as thrown exceptions, whose messages Electron wraps and whose stacks would leak).
 */
export const appErrorSchema = z
  .object({
    code: z.string().min(1).max(64),
    message: z.string().min(1).max(2000),
    nextStep: z.string().max(2000).optional(),
  })
  .strict();

export type AppError = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: AppError): Result<T> {
  return { ok: false, error };
}
