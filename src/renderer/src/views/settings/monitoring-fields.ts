import {
  DASHBOARD_POLL_SECONDS,
  type MonitoringSettings,
  monitoringSettingsSchema,
  REFRESH_INTERVAL_MINUTES,
  TRAY_POLL_MINUTES,
} from '../../../../shared/monitoring-settings';

/** The form's fields, as the inputs hold them (text). */
export interface MonitoringFields {
  readonly refreshIntervalMinutes: string;
  readonly quiet: boolean;
  readonly quietStart: string;
  readonly quietEnd: string;
  readonly dashboardPollSeconds: string;
  readonly trayPollMinutes: string;
}

export type MonitoringField = Exclude<keyof MonitoringFields, 'quiet'>;
export type MonitoringErrors = Partial<Record<MonitoringField, string>>;

/** Suggested when quiet hours are switched on for the first time. */
const DEFAULT_QUIET = { start: '22:00', end: '07:00' };

export const LIMITS = {
  refreshIntervalMinutes: REFRESH_INTERVAL_MINUTES,
  dashboardPollSeconds: DASHBOARD_POLL_SECONDS,
  trayPollMinutes: TRAY_POLL_MINUTES,
} as const;

export function fieldsOf(settings: MonitoringSettings): MonitoringFields {
  return {
    refreshIntervalMinutes: String(settings.refreshIntervalMinutes),
    quiet: settings.quietHours !== null,
    quietStart: settings.quietHours?.start ?? DEFAULT_QUIET.start,
    quietEnd: settings.quietHours?.end ?? DEFAULT_QUIET.end,
    dashboardPollSeconds: String(settings.liveStatus.dashboardPollSeconds),
    trayPollMinutes: String(settings.liveStatus.trayPollMinutes),
  };
}

/** "15" → 15; anything that is not a plain whole number stays a string, so the schema names it. */
function numberOf(text: string): number | string {
  const trimmed = text.trim();
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function candidateOf(fields: MonitoringFields): unknown {
  return {
    refreshIntervalMinutes: numberOf(fields.refreshIntervalMinutes),
    quietHours: fields.quiet ? { start: fields.quietStart, end: fields.quietEnd } : null,
    liveStatus: {
      dashboardPollSeconds: numberOf(fields.dashboardPollSeconds),
      trayPollMinutes: numberOf(fields.trayPollMinutes),
    },
  };
}

const FIELD_OF_PATH: Record<string, MonitoringField> = {
  refreshIntervalMinutes: 'refreshIntervalMinutes',
  'quietHours.start': 'quietStart',
  'quietHours.end': 'quietEnd',
  'liveStatus.dashboardPollSeconds': 'dashboardPollSeconds',
  'liveStatus.trayPollMinutes': 'trayPollMinutes',
};

/** The settings to save, or each field's error — checked by the same schema main uses. */
export function settingsOf(
  fields: MonitoringFields,
): { ok: true; settings: MonitoringSettings } | { ok: false; errors: MonitoringErrors } {
  const parsed = monitoringSettingsSchema.safeParse(candidateOf(fields));
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: MonitoringErrors = {};
  for (const issue of parsed.error.issues) {
    const field = FIELD_OF_PATH[issue.path.join('.')];
    if (field && !errors[field]) {
      errors[field] = issue.code === 'invalid_type' ? 'Enter a whole number.' : `Enter ${issue.message}.`;
    }
  }
  return { ok: false, errors };
}
