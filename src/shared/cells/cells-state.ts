import { z } from 'zod';
import { cellSchema } from './cell';
import { cellCheckSchema } from './cell-check';
import { stackKindSchema } from './stack-report';

export const cellViewSchema = z
  .object({
    cell: cellSchema,
    /** The last check's findings; null until the first check of this cell has finished. */
    check: cellCheckSchema.nullable(),
    checking: z.boolean(),
  })
  .strict();
export type CellView = z.output<typeof cellViewSchema>;

export const settingsNoticeSchema = z
  .object({
    message: z.string().max(2000),
    /** Where the original settings file was copied before it was replaced. */
    backupPath: z.string().max(4096).optional(),
  })
  .strict();
export type SettingsNotice = z.output<typeof settingsNoticeSchema>;

/** Every cell with its latest findings, and anything the admin must know about the settings file. */
export const cellsStateSchema = z
  .object({
    cells: z.array(cellViewSchema).max(50),
    notice: settingsNoticeSchema.nullable(),
    /** True when changes cannot be saved (a newer app's file, or one that could not be backed up). */
    readOnly: z.boolean(),
  })
  .strict();
export type CellsState = z.output<typeof cellsStateSchema>;

const cellId = z.string().uuid();

export const cellIdRequestSchema = z.object({ id: cellId }).strict();
/** No id: check every cell. */
export const checkRequestSchema = z.object({ id: cellId.optional() }).strict();
export const eventsRequestSchema = z.object({ id: cellId, kind: stackKindSchema }).strict();
export const discoverRequestSchema = z
  .object({
    profile: z.string().min(1).max(128).optional(),
    region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'an AWS region such as eu-central-1'),
  })
  .strict();
