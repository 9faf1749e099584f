import { z } from 'zod';
import { stackKindSchema } from '../cells/stack-report';
import { updateIdSchema } from './pending-update';

// A calendar date that exists: 2026-02-30 or 2026-13-01 fit the YYYY-MM-DD pattern but are
// refused here, at the boundary, rather than by the import after it has started.
const statedDate = z.iso.date({ error: 'a date as YYYY-MM-DD' });
const instant = z.union([z.string().datetime(), statedDate]);

/** What the admin says about an update they import (the templates come separately). */
export const importMetaSchema = z
  .object({
    /** "Infrastructure Update v37". */
    label: z.string().trim().min(1).max(200),
    /** The release date the vendor stated; default: now. */
    releasedAt: instant.optional(),
    /** A deadline the vendor stated instead of release + 14 days. */
    deadlineOverride: instant.optional(),
    notes: z.string().max(4000).optional(),
    changelogUrl: z
      .string()
      .url()
      .max(2048)
      .refine((url) => url.startsWith('https://'), 'an https:// address')
      .optional(),
  })
  .strict();
export type ImportMeta = z.input<typeof importMetaSchema>;

/** One template offered for an import, with the stack the admin meant it for, if they said. */
export const importFileRequestSchema = z
  .object({
    name: z.string().min(1).max(255),
    /** The CLI's --role / --instance; omitted when the file was dropped without saying. */
    kind: stackKindSchema.optional(),
  })
  .strict();

export const snoozeRequestSchema = z
  .object({
    id: updateIdSchema,
    /** Reminders wait until then; cut at the deadline. */
    until: z.string().datetime(),
  })
  .strict();
export type SnoozeRequest = z.output<typeof snoozeRequestSchema>;
