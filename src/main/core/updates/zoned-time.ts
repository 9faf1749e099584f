/**
 * Wall-clock time in an IANA time zone, with nothing but `Intl`: what a clock on the admin's
 * wall shows at an instant, and the instant at which it shows a given time. Daylight-saving
 * changes are handled by asking `Intl` for the offset at the instant in question, never by
 * assuming a fixed one. No `node:` imports, so the renderer can use it too.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface WallTime {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
  /** 0–23. */
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The zone this machine is set to, as `Intl` reports it (e.g. "Europe/Berlin"). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

function wallFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      // h23, not hour12: false, which some ICU versions render as "24" at midnight.
      hourCycle: 'h23',
    });
    wallFormatters.set(timeZone, formatter);
  }
  return formatter;
}

export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts = wallFormatter(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    return part ? Number(part.value) : 0;
  };
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The wall time read as if it were UTC: a number line on which every local day is 24 h long. */
function wallAsUtcMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** How far the zone's clocks are ahead of UTC at this instant (e.g. +2 h for CEST). */
export function utcOffsetMs(instant: Date, timeZone: string): number {
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return wallAsUtcMs(wallTimeAt(instant, timeZone)) - wholeSeconds;
}

/**
 * The instant at which the zone's clocks show `wall`. A time that occurs twice (clocks going
 * back) resolves to its first occurrence; a time that never occurs (clocks going forward)
 * resolves to the same distance past the gap, so 02:30 on the spring-forward night in Berlin
 * becomes 03:30 CEST — the behaviour Temporal calls "compatible".
 */
export function instantAtWallTime(wall: WallTime, timeZone: string): Date {
  const local = wallAsUtcMs(wall);
  // Real zones change offset at most once within a day, so the offsets a day before and a
  // day after are the only two candidates.
  const before = utcOffsetMs(new Date(local - DAY_MS), timeZone);
  const after = utcOffsetMs(new Date(local + DAY_MS), timeZone);
  const matches = [...new Set([before, after])]
    .map((offset) => local - offset)
    .filter((ms) => wallAsUtcMs(wallTimeAt(new Date(ms), timeZone)) === local)
    .sort((a, b) => a - b);
  return new Date(matches[0] ?? local - before);
}

/** The calendar date `days` after the wall time's date, at the given time of day. */
export function wallDatePlusDays(wall: WallTime, days: number, hour: number, minute: number): WallTime {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour,
    minute,
    second: 0,
  };
}

/**
 * Elapsed wall-clock time from `from` to `to` in the zone: 14:00 on one day to 14:00 five days
 * later is exactly five days here, even when a daylight-saving change made it 119 real hours.
 */
export function wallClockDifferenceMs(from: Date, to: Date, timeZone: string): number {
  return to.getTime() + utcOffsetMs(to, timeZone) - (from.getTime() + utcOffsetMs(from, timeZone));
}
