import { z } from 'zod';
import { instantAtWallTime, isValidTimeZone, wallDatePlusDays, wallTimeAt } from './zoned-time';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (00:00–23:59)');

/**
 * Quiet hours on the admin's wall clock, e.g. 22:00–07:00 in Europe/Berlin. `end` is the first
 * minute that is no longer quiet. A window that ends before it starts runs over midnight; one
 * whose start equals its end is empty (never quiet), not the whole day.
 */
export const quietHoursSchema = z
  .object({
    start: clockTime,
    end: clockTime,
    timeZone: z.string().refine(isValidTimeZone, 'an IANA time zone such as Europe/Berlin'),
  })
  .strict();
export type QuietHours = z.infer<typeof quietHoursSchema>;

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Whether the wall clock in the quiet hours' zone shows a quiet time at this instant. */
export function isQuietAt(quiet: QuietHours | null | undefined, instant: Date): boolean {
  if (!quiet) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const wall = wallTimeAt(instant, quiet.timeZone);
  const now = wall.hour * 60 + wall.minute;
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * The first instant after `instant` at which the wall clock shows `end`: when quiet hours that
 * are on at `instant` are over. Computed per calendar day in the zone, so it stays at 07:00
 * local across daylight-saving changes; an end inside a skipped hour moves past the gap.
 */
export function quietHoursEndAfter(quiet: QuietHours, instant: Date): Date {
  const end = minutesOf(quiet.end);
  const today = wallTimeAt(instant, quiet.timeZone);
  for (let days = 0; days <= 2; days += 1) {
    const wall = wallDatePlusDays(today, days, Math.floor(end / 60), end % 60);
    const candidate = instantAtWallTime(wall, quiet.timeZone);
    if (candidate.getTime() > instant.getTime()) return candidate;
  }
  // Unreachable for real zones: the end time recurs every calendar day.
  throw new Error(`quiet hours in ${quiet.timeZone} have no end after ${instant.toISOString()}`);
}
