import { z } from 'zod';
import { stackKindSchema } from '../cells/stack-report';
import { updateIdSchema } from './pending-update';
import { importMetaSchema } from './update-requests';

/**
 * A template file the admin picked or dropped, as its exact bytes (base64): the sha256 shown
 * must be the file's, which a text decode (dropping a BOM, replacing bad bytes) would change.
 * The cap leaves room above the 1 MiB template limit so main can say "too large" in words.
 */
const importedFileSchema = z
  .object({
    kind: z.literal('file'),
    name: z.string().min(1).max(255),
    contentBase64: z
      .string()
      .max(3 * 1024 * 1024)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
    /** The stack the admin said it is for; checked against the content. */
    stack: stackKindSchema.optional(),
  })
  .strict();

/** An https:// address, s3://bucket/key or an S3 https address; main reads it. */
const importedAddressSchema = z
  .object({
    kind: z.literal('address'),
    address: z.string().trim().min(1).max(2048),
    stack: stackKindSchema.optional(),
  })
  .strict();

export const importRequestSchema = z
  .object({
    cellId: z.string().uuid(),
    meta: importMetaSchema,
    sources: z
      .array(z.discriminatedUnion('kind', [importedFileSchema, importedAddressSchema]))
      .min(1)
      .max(2),
  })
  .strict();
export type ImportRequest = z.input<typeof importRequestSchema>;
export type ImportSourceRequest = ImportRequest['sources'][number];

export const updateIdRequestSchema = z.object({ id: updateIdSchema }).strict();

export const calendarSavedSchema = z
  .object({
    /** False when the admin cancelled the save dialog. */
    saved: z.boolean(),
    path: z.string().max(4096).optional(),
  })
  .strict();
export type CalendarSaved = z.output<typeof calendarSavedSchema>;
