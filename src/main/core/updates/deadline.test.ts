import { describe, expect, it } from 'vitest';
import { AppErrorException } from '../errors/app-error';
import {
  deadlineFor,
  deadlineState,
  describeDeadline,
  formatInstant,
  instantOfStatedDate,
  OVERDUE_MEANING,
  relativeDeadline,
} from './deadline';
import { DAY_MS, HOUR_MS, MINUTE_MS, systemTimeZone } from './zoned-time';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const DEADLINE = new Date('2026-12-02T13:00:00Z');

function whenLeft(ms: number): Date {
  return new Date(DEADLINE.getTime() - ms);
}

describe('src/main/core/updates/deadline', () => {
  describe('deadlineFor', () => {
    it('is the release plus 14 × 24 hours', () => {
      expect(deadlineFor(new Date('2026-11-18T13:00:00Z')).toISOString()).toBe('2026-12-02T13:00:00.000Z');
    });

    it('stays 14 × 24 hours when a daylight-saving change falls inside the two weeks', () => {
      // Released Fri 14:00 CET; the deadline is 336 hours later, which Berlin clocks show as 15:00 CEST.
      const deadline = deadlineFor(new Date('2026-03-20T13:00:00Z'));
      expect(deadline.toISOString()).toBe('2026-04-03T13:00:00.000Z');
      expect(formatInstant(deadline, BERLIN)).toBe('Fri 3 Apr 2026, 15:00 CEST');
    });

    it('uses the override the vendor stated instead', () => {
      const override = new Date('2026-12-24T00:00:00Z');
      expect(deadlineFor(new Date('2026-11-18T13:00:00Z'), override)).toEqual(override);
      expect(deadlineFor(new Date('2026-11-18T13:00:00Z'), null).toISOString()).toBe(
        '2026-12-02T13:00:00.000Z',
      );
    });
  });

  describe('deadlineState', () => {
    it.each([
      [7 * DAY_MS + 1, 'on-track'],
      [7 * DAY_MS, 'due-soon'],
      [48 * HOUR_MS + 1, 'due-soon'],
      [48 * HOUR_MS, 'urgent'],
      [1, 'urgent'],
      [0, 'overdue'],
      [-DAY_MS, 'overdue'],
    ])('with %i ms left is %s', (left, state) => {
      expect(deadlineState(DEADLINE, whenLeft(left))).toBe(state);
    });
  });

  describe('relativeDeadline', () => {
    it.each([
      [5 * DAY_MS, 'due in 5 days'],
      [5 * DAY_MS + 20 * HOUR_MS, 'due in 5 days'],
      [2 * DAY_MS, 'due in 2 days'],
      [47 * HOUR_MS + 59 * MINUTE_MS, 'due in 47 hours'],
      [3 * HOUR_MS, 'due in 3 hours'],
      [HOUR_MS, 'due in 1 hour'],
      [45 * MINUTE_MS, 'due in 45 minutes'],
      [MINUTE_MS, 'due in 1 minute'],
      [30_000, 'due in less than a minute'],
      [0, 'overdue by less than a minute'],
      [-5 * HOUR_MS, 'overdue by 5 hours'],
      [-2 * DAY_MS, 'overdue by 2 days'],
      [-10 * DAY_MS - 3 * HOUR_MS, 'overdue by 10 days'],
    ])('with %i ms left says "%s"', (left, text) => {
      expect(relativeDeadline(DEADLINE, whenLeft(left), BERLIN)).toBe(text);
    });

    it('counts days on the wall clock across the March change in Berlin', () => {
      // Wed 14:00 CET to Mon 14:00 CEST: 119 real hours, five days on the wall.
      expect(
        relativeDeadline(new Date('2026-03-30T12:00:00Z'), new Date('2026-03-25T13:00:00Z'), BERLIN),
      ).toBe('due in 5 days');
    });

    it('counts days on the wall clock across the October change in Berlin', () => {
      // Thu 10:00 CEST to Tue 09:30 CET: 5 days and 30 minutes pass, but not five wall days.
      expect(
        relativeDeadline(new Date('2026-10-27T08:30:00Z'), new Date('2026-10-22T08:00:00Z'), BERLIN),
      ).toBe('due in 4 days');
    });

    it('counts days on the wall clock across the March and November changes in New York', () => {
      expect(
        relativeDeadline(new Date('2026-03-10T16:00:00Z'), new Date('2026-03-05T17:00:00Z'), NEW_YORK),
      ).toBe('due in 5 days');
      // Thu 13:00 EDT to Tue 12:30 EST: 5 days and 30 minutes pass, but not five wall days.
      expect(
        relativeDeadline(new Date('2026-11-03T17:30:00Z'), new Date('2026-10-29T17:00:00Z'), NEW_YORK),
      ).toBe('due in 4 days');
      expect(
        relativeDeadline(new Date('2026-10-29T16:00:00Z'), new Date('2026-11-03T17:00:00Z'), NEW_YORK),
      ).toBe('overdue by 5 days');
    });

    it('counts hours in real time across a change, because that is when it happens', () => {
      // 00:00 CET to 06:00 CEST on the night the clocks go forward: five hours pass.
      expect(
        relativeDeadline(new Date('2026-03-29T04:00:00Z'), new Date('2026-03-28T23:00:00Z'), BERLIN),
      ).toBe('due in 5 hours');
    });
  });

  describe('formatInstant', () => {
    it('writes weekday, date, time and zone in Berlin', () => {
      expect(formatInstant(DEADLINE, BERLIN)).toBe('Wed 2 Dec 2026, 14:00 CET');
      expect(formatInstant(new Date('2026-07-14T07:05:00Z'), BERLIN)).toBe('Tue 14 Jul 2026, 09:05 CEST');
    });

    it('writes New York times with their American abbreviations', () => {
      expect(formatInstant(DEADLINE, NEW_YORK)).toBe('Wed 2 Dec 2026, 08:00 EST');
      expect(formatInstant(new Date('2026-07-14T13:00:00Z'), NEW_YORK)).toBe('Tue 14 Jul 2026, 09:00 EDT');
    });

    it('tells apart the two 02:30s of the night the clocks go back in Berlin', () => {
      expect(formatInstant(new Date('2026-10-25T00:30:00Z'), BERLIN)).toBe('Sun 25 Oct 2026, 02:30 CEST');
      expect(formatInstant(new Date('2026-10-25T01:30:00Z'), BERLIN)).toBe('Sun 25 Oct 2026, 02:30 CET');
    });

    it('tells apart the two 01:30s of the night the clocks go back in New York', () => {
      expect(formatInstant(new Date('2026-11-01T05:30:00Z'), NEW_YORK)).toBe('Sun 1 Nov 2026, 01:30 EDT');
      expect(formatInstant(new Date('2026-11-01T06:30:00Z'), NEW_YORK)).toBe('Sun 1 Nov 2026, 01:30 EST');
    });

    it('shows the time just after the spring change in both zones', () => {
      expect(formatInstant(new Date('2026-03-29T01:00:00Z'), BERLIN)).toBe('Sun 29 Mar 2026, 03:00 CEST');
      expect(formatInstant(new Date('2026-03-08T07:00:00Z'), NEW_YORK)).toBe('Sun 8 Mar 2026, 03:00 EDT');
    });

    it('falls back to the offset where a zone has no common abbreviation', () => {
      expect(formatInstant(DEADLINE, 'Asia/Kolkata')).toBe('Wed 2 Dec 2026, 18:30 GMT+5:30');
      expect(formatInstant(DEADLINE, 'UTC')).toBe('Wed 2 Dec 2026, 13:00 UTC');
    });
  });

  describe('describeDeadline', () => {
    it('describes an open deadline without the overdue explanation', () => {
      expect(describeDeadline(DEADLINE, whenLeft(5 * DAY_MS), BERLIN)).toEqual({
        state: 'due-soon',
        label: 'Due soon',
        relative: 'due in 5 days',
        absolute: 'Wed 2 Dec 2026, 14:00 CET',
        meaning: null,
      });
    });

    it('says what overdue means once the deadline has passed', () => {
      const description = describeDeadline(DEADLINE, whenLeft(-2 * DAY_MS), BERLIN);
      expect(description.state).toBe('overdue');
      expect(description.relative).toBe('overdue by 2 days');
      expect(description.meaning).toBe(OVERDUE_MEANING);
      expect(OVERDUE_MEANING).toContain('no longer receives Gitpod updates');
      expect(OVERDUE_MEANING).toContain('outside the support SLA until this update is applied');
    });

    it("uses this machine's zone by default", () => {
      expect(describeDeadline(DEADLINE, whenLeft(DAY_MS))).toEqual(
        describeDeadline(DEADLINE, whenLeft(DAY_MS), systemTimeZone()),
      );
    });
  });

  describe('instantOfStatedDate', () => {
    it('reads a stated date as 00:00 UTC of that date', () => {
      expect(instantOfStatedDate('2026-11-20').toISOString()).toBe('2026-11-20T00:00:00.000Z');
    });

    it.each(['2026-02-30', '20-11-2026', '2026-11-20T10:00', ''])(
      'rejects "%s" with a clear error',
      (text) => {
        expect(() => instantOfStatedDate(text)).toThrow(AppErrorException);
        expect(() => instantOfStatedDate(text)).toThrow(/YYYY-MM-DD/);
      },
    );
  });
});
