import { appError } from '../errors/app-error';
import { DAY_MS, HOUR_MS, MINUTE_MS, systemTimeZone, utcOffsetMs, wallClockDifferenceMs } from './zoned-time';

/*
 * "Within two weeks" is 14 × 24 hours after the release instant, not 14 calendar days in the
 * admin's zone. The vendor's clock (change sets carry a UTC `CreationTime`) knows nothing of
 * the admin's zone, and the deadline must be one instant for everybody: two admins of the same
 * cell in Berlin and New York, the CLI's `status --json` on a CI runner set to UTC, and the
 * tray must all agree on it. Calendar days in the local zone would make the deadline move by
 * an hour when a daylight-saving change falls inside the two weeks, and differ from machine
 * to machine. (In UTC, which has no daylight saving, the two readings coincide.) Shown in a
 * zone, a deadline that crosses a clock change therefore ends an hour earlier or later on
 * the wall clock than the release did; the absolute text says which, with its zone.
 *
 * The thresholds (7 days, 48 hours) are real durations for the same reason: the state depends
 * on the instant and the deadline only, never on where the machine is.
 */
export const UPDATE_WINDOW_MS = 14 * DAY_MS;
const DUE_SOON_MS = 7 * DAY_MS;
const URGENT_MS = 48 * HOUR_MS;

export const DEADLINE_STATES = ['on-track', 'due-soon', 'urgent', 'overdue'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

export const DEADLINE_STATE_LABELS: Record<DeadlineState, string> = {
  'on-track': 'On track',
  'due-soon': 'Due soon',
  urgent: 'Urgent',
  overdue: 'Overdue',
};

/** What "overdue" means for the admin, from the vendor's documentation. */
export const OVERDUE_MEANING =
  'The cell no longer receives Gitpod updates and is outside the support SLA until this update is applied.';

/** Release + 14 days, unless the vendor stated another deadline for this update. */
export function deadlineFor(releasedAt: Date, override?: Date | null): Date {
  return override ? new Date(override.getTime()) : new Date(releasedAt.getTime() + UPDATE_WINDOW_MS);
}

export function deadlineState(deadline: Date, now: Date): DeadlineState {
  const left = deadline.getTime() - now.getTime();
  if (left <= 0) return 'overdue';
  if (left <= URGENT_MS) return 'urgent';
  if (left <= DUE_SOON_MS) return 'due-soon';
  return 'on-track';
}

/**
 * The instant for a date the vendor states without a time ("released 2026-11-20", "apply by
 * 2026-12-04"): 00:00 UTC of that date. It is the same instant on every machine, and it is
 * never later than the end of that date anywhere on Earth (zones run from UTC−12 to UTC+14),
 * so a deadline read this way can only be early, never late.
 */
export function instantOfStatedDate(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const instant = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!instant || instant.toISOString().slice(0, 10) !== date) {
    throw appError(
      'invalid-date',
      `"${date}" is not a date in the form YYYY-MM-DD.`,
      'Enter the date the vendor stated, e.g. 2026-11-20.',
    );
  }
  return instant;
}

export interface DeadlineDescription {
  readonly state: DeadlineState;
  /** "On track", "Due soon", … */
  readonly label: string;
  /** "due in 5 days", "due in 3 hours", "overdue by 2 days". */
  readonly relative: string;
  /** "Wed 2 Dec 2026, 14:00 CET". */
  readonly absolute: string;
  /** What overdue means, when it is; null before the deadline. */
  readonly meaning: string | null;
}

/** The deadline for humans, in `timeZone` (default: this machine's). */
export function describeDeadline(
  deadline: Date,
  now: Date,
  timeZone: string = systemTimeZone(),
): DeadlineDescription {
  const state = deadlineState(deadline, now);
  return {
    state,
    label: DEADLINE_STATE_LABELS[state],
    relative: relativeDeadline(deadline, now, timeZone),
    absolute: formatInstant(deadline, timeZone),
    meaning: state === 'overdue' ? OVERDUE_MEANING : null,
  };
}

/**
 * "due in 5 days" / "overdue by 30 hours". Under 48 hours the count is in real hours (or
 * minutes), because that is when it happens. From 48 hours on it counts days on the wall clock
 * of `timeZone`: from Wednesday 14:00 to Monday 14:00 is "5 days" even when the clocks went
 * forward in between and only 119 hours pass. Counts round down, so the time left is never
 * overstated.
 */
export function relativeDeadline(deadline: Date, now: Date, timeZone: string = systemTimeZone()): string {
  const left = deadline.getTime() - now.getTime();
  const amount = left > 0 ? durationWords(now, deadline, timeZone) : durationWords(deadline, now, timeZone);
  return left > 0 ? `due in ${amount}` : `overdue by ${amount}`;
}

function durationWords(from: Date, to: Date, timeZone: string): string {
  const real = to.getTime() - from.getTime();
  if (real < MINUTE_MS) return 'less than a minute';
  if (real < HOUR_MS) return plural(Math.floor(real / MINUTE_MS), 'minute');
  if (real < 2 * DAY_MS) return plural(Math.floor(real / HOUR_MS), 'hour');
  const days = Math.floor(wallClockDifferenceMs(from, to, timeZone) / DAY_MS);
  return plural(Math.max(2, days), 'day');
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

const absoluteFormatters = new Map<string, Intl.DateTimeFormat>();

function absoluteFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = absoluteFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    absoluteFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "Wed 2 Dec 2026, 14:00 CET": the date and time on the wall clock of `timeZone`, with its zone. */
export function formatInstant(instant: Date, timeZone: string = systemTimeZone()): string {
  const parts = absoluteFormatter(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')} ${zoneAbbreviation(instant, timeZone)}`;
}

/**
 * ICU knows "CET"/"CEST" only in British English and "EST"/"EDT" only in American English;
 * where neither has a name it falls back to an offset ("GMT+5:30"), which is unambiguous too.
 */
function zoneAbbreviation(instant: Date, timeZone: string): string {
  const names = ['en-GB', 'en-US'].map(
    (locale) =>
      zoneNameFormatter(locale, timeZone)
        .formatToParts(instant)
        .find((p) => p.type === 'timeZoneName')?.value ?? '',
  );
  const named = names.find((name) => name !== '' && !/^(GMT|UTC)[+\-\u2212]/.test(name));
  return named ?? (names[0] || offsetName(instant, timeZone));
}

const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneNameFormatter(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  let formatter = zoneNameFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
    zoneNameFormatters.set(key, formatter);
  }
  return formatter;
}

function offsetName(instant: Date, timeZone: string): string {
  const minutes = Math.round(utcOffsetMs(instant, timeZone) / MINUTE_MS);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 === 0 ? '' : `:${String(abs % 60).padStart(2, '0')}`}`;
}
