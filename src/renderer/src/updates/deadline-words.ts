import type { UpdateDeadlineState } from '../../../shared/updates/pending-update';

/*
 * The deadline in words, in this machine's time zone. Main has the same rules in
 * core/updates/deadline (the renderer cannot import main's code): the thresholds are real
 * durations, so the state depends on the deadline and the time only, while day counts are
 * wall-clock days, so "due in 5 days" stays right across a daylight-saving change.
 *
 * The state is worked out here from the deadline, not taken from main: the view stays open for
 * hours, and the badge must never disagree with the countdown next to it.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
const DUE_SOON_MS = 7 * DAY_MS;
const URGENT_MS = 48 * HOUR_MS;

export const DEADLINE_STATE_LABELS: Record<UpdateDeadlineState, string> = {
  'on-track': 'On track',
  'due-soon': 'Due soon',
  urgent: 'Urgent',
  overdue: 'Overdue',
};

/** What overdue means for the admin, from Gitpod's documentation. */
export const OVERDUE_SENTENCE =
  'Overdue: the cell no longer receives Gitpod updates and is outside the support SLA until this update is applied.';

export interface DeadlineDescription {
  readonly state: UpdateDeadlineState;
  /** "On track", "Due soon", "Urgent", "Overdue". */
  readonly label: string;
  /** "due in 5 days", "due in 3 hours", "overdue by 2 days". */
  readonly relative: string;
  /** "Wed, 2 Dec 2026, 14:00 CET", in the local zone. */
  readonly absolute: string;
  /** The overdue sentence once the deadline has passed; null before. */
  readonly meaning: string | null;
}

export function deadlineState(deadline: Date, now: Date): UpdateDeadlineState {
  const left = deadline.getTime() - now.getTime();
  if (left <= 0) return 'overdue';
  if (left <= URGENT_MS) return 'urgent';
  if (left <= DUE_SOON_MS) return 'due-soon';
  return 'on-track';
}

/** The deadline for humans, seen from `now`. */
export function describeDeadline(deadline: Date, now: Date): DeadlineDescription {
  const state = deadlineState(deadline, now);
  return {
    state,
    label: DEADLINE_STATE_LABELS[state],
    relative: relativeDeadline(deadline, now),
    absolute: formatWhen(deadline),
    meaning: state === 'overdue' ? OVERDUE_SENTENCE : null,
  };
}

/**
 * "due in 5 days" / "overdue by 30 hours". Under 48 hours in real hours (or minutes); from 48
 * hours on in days on the local wall clock. Counts round down, so the time left is never
 * overstated.
 */
export function relativeDeadline(deadline: Date, now: Date): string {
  const left = deadline.getTime() - now.getTime();
  return left > 0 ? `due in ${durationWords(now, deadline)}` : `overdue by ${durationWords(deadline, now)}`;
}

function durationWords(from: Date, to: Date): string {
  const real = to.getTime() - from.getTime();
  if (real < MINUTE_MS) return 'less than a minute';
  if (real < HOUR_MS) return plural(Math.floor(real / MINUTE_MS), 'minute');
  if (real < 2 * DAY_MS) return plural(Math.floor(real / HOUR_MS), 'hour');
  const days = Math.floor((wallClockMs(to) - wallClockMs(from)) / DAY_MS);
  // 48 real hours can be 47 on the wall clock when the clocks went forward: still "2 days".
  return plural(Math.max(2, days), 'day');
}

/** The local wall-clock time read as if it were UTC: a number line on which every day is 24 h. */
function wallClockMs(date: Date): number {
  return Date.UTC(
    date.getFullYear(),
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
    date.getMilliseconds(),
  );
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

const whenFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

/** A deadline, release or snooze time in the local zone, with the weekday and the zone named. */
export function formatWhen(date: Date): string {
  return whenFormat.format(date);
}

/** Today in the local zone as YYYY-MM-DD, as `<input type="date">` takes it. */
export function localDateString(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
