import { z } from 'zod';
import { calendarSavedSchema } from '../updates/update-ipc';
import { maintenancePlanSchema } from './maintenance';
import { applyJournalNoticeSchema, applyRunIdSchema, applyRunSummarySchema, applyRunViewSchema } from './run';

/**
 * What the dashboard asks of the guided apply, beside the run requests in ./run.ts. Nothing
 * here changes a stack by itself: `start` only reads (preflight), creating a change set waits
 * for the admin's input, and executing waits for `confirm`, which names the stack and account.
 */

/** Starts the guided apply of a cell's update to apply (all its stacks, role stack first). */
export const applyStartRequestSchema = z
  .object({
    cellId: z.string().min(1).max(64),
    /** Maintenance around the run (needs the cell's domain and an owner's token). */
    maintenance: maintenancePlanSchema.optional(),
  })
  .strict();
export type ApplyStartRequest = z.output<typeof applyStartRequestSchema>;

/** One stack of a run: 0 is the first in apply order. */
export const applyStackRefSchema = z
  .object({ runId: applyRunIdSchema, stackIndex: z.number().int().min(0).max(1) })
  .strict();
export type ApplyStackRef = z.output<typeof applyStackRefSchema>;

export const RUN_EXPORT_FORMATS = ['markdown', 'json', 'csv'] as const;
export const runExportRequestSchema = z
  .object({ runId: applyRunIdSchema, format: z.enum(RUN_EXPORT_FORMATS) })
  .strict();
export type RunExportRequest = z.output<typeof runExportRequestSchema>;

export const REVIEW_EXPORT_FORMATS = ['markdown', 'json'] as const;
export const reviewExportRequestSchema = applyStackRefSchema
  .extend({ format: z.enum(REVIEW_EXPORT_FORMATS) })
  .strict();
export type ReviewExportRequest = z.output<typeof reviewExportRequestSchema>;

/** A file saved through the OS save dialog (or not, when the admin cancelled it). */
export const savedFileSchema = calendarSavedSchema;

/** Every run the app knows: unfinished ones in full (to resume), all of them listed for History. */
export const applyStateSchema = z
  .object({
    /** Runs not finished, newest first: at most one per cell. */
    active: z.array(applyRunViewSchema).max(50),
    /** Every run, newest first. */
    runs: z.array(applyRunSummarySchema).max(1000),
    /** Run files that could not be used (backed up). */
    notices: z.array(applyJournalNoticeSchema).max(50),
  })
  .strict();
export type ApplyState = z.output<typeof applyStateSchema>;
