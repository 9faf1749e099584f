import { z } from 'zod';
import { monitoringSettingsSchema } from './monitoring-settings';

export const appInfoSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    platform: z.string(),
    /** Folder holding the settings file (never any secret). */
    settingsDir: z.string(),
    /** The log file the app writes to, with secrets redacted. */
    logFile: z.string(),
    /** Where to report a problem (https only). */
    issuesUrl: z.string().url(),
  })
  .strict();
export type AppInfo = z.infer<typeof appInfoSchema>;

export const preferencesSchema = z
  .object({
    startAtLogin: z.boolean(),
    /** False where the OS offers no way to start at login (the toggle is then disabled). */
    startAtLoginSupported: z.boolean(),
    /** Refresh interval, quiet hours and live-status polling, as saved in the settings file. */
    monitoring: monitoringSettingsSchema,
  })
  .strict();
export type Preferences = z.infer<typeof preferencesSchema>;
