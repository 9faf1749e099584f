import { describe, expect, it } from 'vitest';
import { isQuietAt, type QuietHours, quietHoursEndAfter, quietHoursSchema } from './quiet-hours';

const NIGHT_BERLIN: QuietHours = { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' };

describe('src/main/core/updates/quiet-hours', () => {
  describe('isQuietAt', () => {
    it.each([
      ['2026-01-15T20:59:00Z', false], // 21:59 CET
      ['2026-01-15T21:00:00Z', true], // 22:00
      ['2026-01-15T23:30:00Z', true], // 00:30
      ['2026-01-16T05:59:00Z', true], // 06:59
      ['2026-01-16T06:00:00Z', false], // 07:00: the end is no longer quiet
      ['2026-01-16T11:00:00Z', false],
    ])('in a window over midnight, %s is quiet: %s', (instant, quiet) => {
      expect(isQuietAt(NIGHT_BERLIN, new Date(instant))).toBe(quiet);
    });

    it('follows the wall clock in summer, an hour earlier in UTC', () => {
      expect(isQuietAt(NIGHT_BERLIN, new Date('2026-07-16T04:59:00Z'))).toBe(true); // 06:59 CEST
      expect(isQuietAt(NIGHT_BERLIN, new Date('2026-07-16T05:00:00Z'))).toBe(false); // 07:00 CEST
    });

    it('handles a window within one day', () => {
      const lunch: QuietHours = { start: '12:00', end: '13:30', timeZone: 'America/New_York' };
      expect(isQuietAt(lunch, new Date('2026-07-16T16:00:00Z'))).toBe(true); // 12:00 EDT
      expect(isQuietAt(lunch, new Date('2026-07-16T17:30:00Z'))).toBe(false); // 13:30 EDT
      expect(isQuietAt(lunch, new Date('2026-07-16T15:59:00Z'))).toBe(false);
    });

    it('treats a window that starts where it ends as empty, and no window as never quiet', () => {
      expect(isQuietAt({ ...NIGHT_BERLIN, end: '22:00' }, new Date('2026-01-15T21:30:00Z'))).toBe(false);
      expect(isQuietAt(null, new Date('2026-01-15T23:30:00Z'))).toBe(false);
    });
  });

  describe('quietHoursEndAfter', () => {
    it('is 07:00 the next morning when quiet hours started in the evening', () => {
      expect(quietHoursEndAfter(NIGHT_BERLIN, new Date('2026-01-15T22:00:00Z')).toISOString()).toBe(
        '2026-01-16T06:00:00.000Z',
      );
    });

    it('is 07:00 the same morning after midnight', () => {
      expect(quietHoursEndAfter(NIGHT_BERLIN, new Date('2026-01-16T01:00:00Z')).toISOString()).toBe(
        '2026-01-16T06:00:00.000Z',
      );
    });

    it('stays at 07:00 on the wall clock on the night the clocks go forward in Berlin', () => {
      expect(quietHoursEndAfter(NIGHT_BERLIN, new Date('2026-03-28T23:30:00Z')).toISOString()).toBe(
        '2026-03-29T05:00:00.000Z',
      );
    });

    it('stays at 07:00 on the wall clock on the night the clocks go back in Berlin', () => {
      expect(quietHoursEndAfter(NIGHT_BERLIN, new Date('2026-10-24T22:30:00Z')).toISOString()).toBe(
        '2026-10-25T06:00:00.000Z',
      );
    });

    it('stays at 07:00 on the wall clock across both changes in New York', () => {
      const nightNewYork: QuietHours = { ...NIGHT_BERLIN, timeZone: 'America/New_York' };
      expect(quietHoursEndAfter(nightNewYork, new Date('2026-03-08T04:00:00Z')).toISOString()).toBe(
        '2026-03-08T11:00:00.000Z',
      );
      expect(quietHoursEndAfter(nightNewYork, new Date('2026-11-01T04:00:00Z')).toISOString()).toBe(
        '2026-11-01T12:00:00.000Z',
      );
    });

    it('moves an end inside the skipped hour past the gap', () => {
      const odd: QuietHours = { start: '23:00', end: '02:30', timeZone: 'Europe/Berlin' };
      expect(quietHoursEndAfter(odd, new Date('2026-03-28T22:30:00Z')).toISOString()).toBe(
        '2026-03-29T01:30:00.000Z',
      );
    });
  });

  describe('quietHoursSchema', () => {
    it('accepts HH:MM times and an IANA zone', () => {
      expect(quietHoursSchema.parse(NIGHT_BERLIN)).toEqual(NIGHT_BERLIN);
    });

    it.each([
      { ...NIGHT_BERLIN, start: '24:00' },
      { ...NIGHT_BERLIN, end: '7:00' },
      { ...NIGHT_BERLIN, timeZone: 'Mars/Olympus_Mons' },
      { ...NIGHT_BERLIN, extra: true },
    ])('rejects %o', (value) => {
      expect(quietHoursSchema.safeParse(value).success).toBe(false);
    });
  });
});
