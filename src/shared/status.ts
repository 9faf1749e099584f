import { z } from 'zod';

/**
 * Tray states. `urgent` means a deadline within 48 hours or overdue; `error` a failed stack or
 * check; `offline` that AWS could not be reached. Their ranking lives in core/status.
 */
export const TRAY_STATES = ['ok', 'attention', 'urgent', 'error', 'offline'] as const;
export const trayStateSchema = z.enum(TRAY_STATES);
export type TrayState = z.infer<typeof trayStateSchema>;

export const cellSummarySchema = z
  .object({
    name: z.string().min(1).max(100),
    state: trayStateSchema,
    /** One line for the tray menu, e.g. "infrastructure update due in 5 days". */
    line: z.string().max(200),
    /**
     * Set when the state comes from the cell's live Gitpod status (maintenance, a notice, an
     * outage) and not from its stacks or updates: the tray's headline then does not speak of an
     * infrastructure update.
     */
    live: z.literal(true).optional(),
  })
  .strict();
export type CellSummary = z.infer<typeof cellSummarySchema>;

export const statusSnapshotSchema = z
  .object({
    state: trayStateSchema,
    /** Why the tray is in this state, in one or two short lines. */
    tooltip: z.string().max(500),
    cells: z.array(cellSummarySchema).max(200),
    /** ISO time of the last completed check, or null before the first. */
    checkedAt: z.string().datetime().nullable(),
    checking: z.boolean(),
  })
  .strict();
export type StatusSnapshot = z.infer<typeof statusSnapshotSchema>;
