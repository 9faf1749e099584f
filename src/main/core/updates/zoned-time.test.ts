import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  HOUR_MS,
  instantAtWallTime,
  isValidTimeZone,
  utcOffsetMs,
  type WallTime,
  wallClockDifferenceMs,
  wallDatePlusDays,
  wallTimeAt,
} from './zoned-time';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

function wall(year: number, month: number, day: number, hour: number, minute = 0): WallTime {
  return { year, month, day, hour, minute, second: 0 };
}

describe('src/main/core/updates/zoned-time', () => {
  it('reads the wall clock of a zone in winter and in summer', () => {
    expect(wallTimeAt(new Date('2026-01-15T13:00:00Z'), BERLIN)).toEqual(wall(2026, 1, 15, 14));
    expect(wallTimeAt(new Date('2026-07-15T13:00:00Z'), BERLIN)).toEqual(wall(2026, 7, 15, 15));
    expect(wallTimeAt(new Date('2026-01-15T04:30:00Z'), NEW_YORK)).toEqual(wall(2026, 1, 14, 23, 30));
  });

  it('shows midnight as hour 0, not 24', () => {
    expect(wallTimeAt(new Date('2026-01-14T23:00:00Z'), BERLIN).hour).toBe(0);
  });

  it('knows the offset on either side of each daylight-saving change', () => {
    expect(utcOffsetMs(new Date('2026-03-29T00:59:00Z'), BERLIN)).toBe(HOUR_MS);
    expect(utcOffsetMs(new Date('2026-03-29T01:00:00Z'), BERLIN)).toBe(2 * HOUR_MS);
    expect(utcOffsetMs(new Date('2026-10-25T00:59:00Z'), BERLIN)).toBe(2 * HOUR_MS);
    expect(utcOffsetMs(new Date('2026-10-25T01:00:00Z'), BERLIN)).toBe(HOUR_MS);
    expect(utcOffsetMs(new Date('2026-03-08T06:59:00Z'), NEW_YORK)).toBe(-5 * HOUR_MS);
    expect(utcOffsetMs(new Date('2026-03-08T07:00:00Z'), NEW_YORK)).toBe(-4 * HOUR_MS);
    expect(utcOffsetMs(new Date('2026-11-01T05:59:00Z'), NEW_YORK)).toBe(-4 * HOUR_MS);
    expect(utcOffsetMs(new Date('2026-11-01T06:00:00Z'), NEW_YORK)).toBe(-5 * HOUR_MS);
  });

  it('finds the instant for an ordinary wall time', () => {
    expect(instantAtWallTime(wall(2026, 12, 2, 14), BERLIN).toISOString()).toBe('2026-12-02T13:00:00.000Z');
    expect(instantAtWallTime(wall(2026, 7, 1, 9), NEW_YORK).toISOString()).toBe('2026-07-01T13:00:00.000Z');
  });

  it('moves a wall time that the spring change skips past the gap', () => {
    // 02:30 does not exist on these nights; 03:30 summer time is the same distance past the gap.
    expect(instantAtWallTime(wall(2026, 3, 29, 2, 30), BERLIN).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(instantAtWallTime(wall(2026, 3, 8, 2, 30), NEW_YORK).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('takes the first of the two instants a wall time has when the clocks go back', () => {
    expect(instantAtWallTime(wall(2026, 10, 25, 2, 30), BERLIN).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(instantAtWallTime(wall(2026, 11, 1, 1, 30), NEW_YORK).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('adds calendar days across month and year ends', () => {
    expect(wallDatePlusDays(wall(2026, 12, 31, 23), 1, 7, 0)).toEqual(wall(2027, 1, 1, 7));
    expect(wallDatePlusDays(wall(2026, 2, 28, 0), 1, 0, 0)).toEqual(wall(2026, 3, 1, 0));
  });

  it('measures wall-clock time, so the same time five days later is five days even across a change', () => {
    const from = new Date('2026-03-25T13:00:00Z'); // Wed 14:00 CET
    const to = new Date('2026-03-30T12:00:00Z'); // Mon 14:00 CEST, 119 real hours later
    expect(to.getTime() - from.getTime()).toBe(5 * DAY_MS - HOUR_MS);
    expect(wallClockDifferenceMs(from, to, BERLIN)).toBe(5 * DAY_MS);
    expect(wallClockDifferenceMs(from, to, 'UTC')).toBe(5 * DAY_MS - HOUR_MS);
  });

  it('tells valid IANA zones from invalid ones', () => {
    expect(isValidTimeZone(BERLIN)).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
