import { z } from 'zod';
import { cellAppStatusSchema, pollModeSchema } from './app-status';

/**
 * The `appStatus` IPC area: the cells' live application status as the Overview shows it, and
 * the personal access token that maintenance status needs. The token travels renderer → main
 * once, in `setToken`, and never back: what the dashboard learns is only whether one is stored.
 */

/** Gitpod personal access tokens start with this. */
export const GITPOD_TOKEN_PREFIX = 'gitpod_pat_';
/** Longer than any token Gitpod issues; a bound so a pasted file cannot reach main. */
export const MAX_TOKEN_LENGTH = 1024;

const cellIdSchema = z.string().uuid();

/**
 * A token as pasted: surrounding whitespace (a copied line break) is dropped, the rest must be
 * a `gitpod_pat_` token of visible ASCII. The messages never quote the value.
 */
export const gitpodTokenSchema = z
  .string()
  .trim()
  .max(MAX_TOKEN_LENGTH, `at most ${MAX_TOKEN_LENGTH} characters`)
  .regex(/^gitpod_pat_[\x21-\x7e]{8,}$/, 'a Gitpod personal access token (it starts with gitpod_pat_)');

export const setTokenRequestSchema = z.object({ cellId: cellIdSchema, token: gitpodTokenSchema }).strict();
export type SetTokenRequest = z.input<typeof setTokenRequestSchema>;

export const clearTokenRequestSchema = z.object({ cellId: cellIdSchema }).strict();

/** No cell id: check every cell. */
export const checkNowRequestSchema = z.object({ cellId: cellIdSchema.optional() }).strict();

/** Whether this machine can keep a token safely, and if not why and what to do. */
export const tokenStorageSchema = z
  .object({
    available: z.boolean(),
    problem: z.string().max(600).nullable(),
    nextStep: z.string().max(600).nullable(),
  })
  .strict();
export type TokenStorage = z.infer<typeof tokenStorageSchema>;

export const cellAppViewSchema = cellAppStatusSchema
  .extend({
    /** A token is stored for this cell. The token itself never leaves main. */
    hasToken: z.boolean(),
  })
  .strict();
export type CellAppView = z.infer<typeof cellAppViewSchema>;

export const appStatusStateSchema = z
  .object({
    mode: pollModeSchema,
    cells: z.array(cellAppViewSchema).max(50),
    tokenStorage: tokenStorageSchema,
  })
  .strict();
export type AppStatusState = z.infer<typeof appStatusStateSchema>;
