import { z } from 'zod';

/** How often the cells' stacks are checked; the issue's bounds, 15 minutes by default. */
export const REFRESH_INTERVAL_MINUTES = { min: 5, max: 60, default: 15 } as const;
/** The cell's version and maintenance while the dashboard is open, in seconds. */
export const DASHBOARD_POLL_SECONDS = { min: 30, max: 600, default: 60 } as const;
/** The same when only the tray runs, in minutes. */
export const TRAY_POLL_MINUTES = { min: 1, max: 60, default: 5 } as const;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (00:00–23:59)');

const bounded = (limits: { min: number; max: number }, unit: string): z.ZodNumber =>
  z
    .number()
    .int(`whole ${unit}`)
    .min(limits.min, `at least ${limits.min} ${unit}`)
    .max(limits.max, `at most ${limits.max} ${unit}`);

/**
 * Quiet hours on this machine's wall clock (its time zone at the time), e.g. 22:00–07:00:
 * reminders wait until they end; overdue reminders do not. `end` is the first minute that is
 * no longer quiet; a window ending before it starts runs over midnight; start = end is refused
 * because it reads as "always" to some and "never" to others.
 */
export const quietHoursSettingSchema = z
  .object({ start: clockTime, end: clockTime })
  .strict()
  .refine((quiet) => quiet.start !== quiet.end, {
    message: 'an end different from the start',
    path: ['end'],
  });
export type QuietHoursSetting = z.output<typeof quietHoursSettingSchema>;

/** What the admin sets for monitoring; kept in the settings file (no secret in it). */
export const monitoringSettingsSchema = z
  .object({
    refreshIntervalMinutes: bounded(REFRESH_INTERVAL_MINUTES, 'minutes'),
    /** null: no quiet hours. */
    quietHours: quietHoursSettingSchema.nullable(),
    liveStatus: z
      .object({
        dashboardPollSeconds: bounded(DASHBOARD_POLL_SECONDS, 'seconds'),
        trayPollMinutes: bounded(TRAY_POLL_MINUTES, 'minutes'),
      })
      .strict(),
  })
  .strict();
export type MonitoringSettings = z.output<typeof monitoringSettingsSchema>;

export const DEFAULT_MONITORING: MonitoringSettings = {
  refreshIntervalMinutes: REFRESH_INTERVAL_MINUTES.default,
  quietHours: null,
  liveStatus: {
    dashboardPollSeconds: DASHBOARD_POLL_SECONDS.default,
    trayPollMinutes: TRAY_POLL_MINUTES.default,
  },
};
