import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  deadlineState,
  describeDeadline,
  localDateString,
  OVERDUE_SENTENCE,
  relativeDeadline,
} from './deadline-words';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-03-10T12:00:00.000Z');

function later(ms: number): Date {
  return new Date(NOW.getTime() + ms);
}

describe('deadline words', () => {
  it('states follow real durations: more than 7 days on track, 48 hours urgent, past overdue', () => {
    expect(deadlineState(later(7 * DAY + 1), NOW)).toBe('on-track');
    expect(deadlineState(later(7 * DAY), NOW)).toBe('due-soon');
    expect(deadlineState(later(48 * HOUR + 1), NOW)).toBe('due-soon');
    expect(deadlineState(later(48 * HOUR), NOW)).toBe('urgent');
    expect(deadlineState(later(1), NOW)).toBe('urgent');
    expect(deadlineState(NOW, NOW)).toBe('overdue');
  });

  it('counts down in days, hours and minutes, rounding down', () => {
    expect(relativeDeadline(later(5 * DAY + 20 * HOUR), NOW)).toBe('due in 5 days');
    expect(relativeDeadline(later(47 * HOUR + 59 * 60 * 1000), NOW)).toBe('due in 47 hours');
    expect(relativeDeadline(later(1 * HOUR), NOW)).toBe('due in 1 hour');
    expect(relativeDeadline(later(30 * 60 * 1000), NOW)).toBe('due in 30 minutes');
    expect(relativeDeadline(later(10 * 1000), NOW)).toBe('due in less than a minute');
    expect(relativeDeadline(later(-2 * DAY - HOUR), NOW)).toBe('overdue by 2 days');
    expect(relativeDeadline(later(-30 * HOUR), NOW)).toBe('overdue by 30 hours');
  });

  it('says what overdue means, and only once it is', () => {
    expect(describeDeadline(later(-HOUR), NOW)).toMatchObject({
      state: 'overdue',
      label: 'Overdue',
      meaning: OVERDUE_SENTENCE,
    });
    expect(describeDeadline(later(3 * DAY), NOW)).toMatchObject({ label: 'Due soon', meaning: null });
  });

  describe('across a daylight-saving change', () => {
    // Node re-reads TZ when it is set, so Date's local getters follow Berlin's clocks here.
    beforeEach(() => {
      vi.stubEnv('TZ', 'Europe/Berlin');
    });
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it('counts wall-clock days: Wednesday 14:00 to Monday 14:00 is 5 days though clocks went forward', () => {
      // Berlin moves to summer time on Sunday 29 March 2026: 119 real hours pass.
      const from = new Date('2026-03-25T13:00:00.000Z'); // Wed 14:00 CET
      const to = new Date('2026-03-30T12:00:00.000Z'); // Mon 14:00 CEST
      expect(to.getTime() - from.getTime()).toBe(119 * HOUR);
      expect(relativeDeadline(to, from)).toBe('due in 5 days');
    });

    it('the local date for the date input is the one on the wall clock', () => {
      expect(localDateString(new Date('2026-03-29T23:30:00.000Z'))).toBe('2026-03-30');
    });
  });
});
