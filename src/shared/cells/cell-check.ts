import { z } from 'zod';
import { appErrorSchema } from '../errors';
import { stackReportSchema } from './stack-report';

/** What one check of a cell found: who we are there, its stacks, and what went wrong. */
export const cellCheckSchema = z
  .object({
    name: z.string().max(128),
    /** The account the credentials resolved to (null when they did not resolve). */
    account: z.string().max(12).nullable(),
    region: z.string().max(32),
    callerArn: z.string().max(2048).nullable(),
    stacks: z.array(stackReportSchema).max(2),
    errors: z.array(appErrorSchema).max(20),
    /** When the check finished (ISO time). */
    checkedAt: z.string().datetime(),
  })
  .strict();
export type CellCheck = z.output<typeof cellCheckSchema>;
