import { z } from 'zod';

/** The dashboard's views, in navigation order. Notifications deep-link to one of these. */
export const VIEW_IDS = ['overview', 'updates', 'apply', 'history', 'settings'] as const;

export const viewIdSchema = z.enum(VIEW_IDS);
export type ViewId = z.infer<typeof viewIdSchema>;

export const VIEW_LABELS: Record<ViewId, string> = {
  overview: 'Overview',
  updates: 'Updates',
  apply: 'Apply',
  history: 'History',
  settings: 'Settings',
};

/** Where a notification click or the tray should take the dashboard. */
export const navigationTargetSchema = z
  .object({
    view: viewIdSchema,
    /** An item within the view, e.g. an update id; opaque to the shell. */
    itemId: z.string().min(1).max(200).optional(),
  })
  .strict();
export type NavigationTarget = z.infer<typeof navigationTargetSchema>;
