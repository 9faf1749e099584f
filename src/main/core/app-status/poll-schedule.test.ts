import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLL_INTERVALS,
  MAX_BACKOFF_MS,
  MIN_INTERVAL_MS,
  nextPollDelayMs,
  pollIntervals,
} from './poll-schedule';

const MINUTE = 60_000;

describe('main/core/app-status/poll-schedule', () => {
  it('checks every minute with the dashboard open and every five minutes from the tray', () => {
    expect(nextPollDelayMs('dashboard', DEFAULT_POLL_INTERVALS, 0)).toBe(MINUTE);
    expect(nextPollDelayMs('tray', DEFAULT_POLL_INTERVALS, 0)).toBe(5 * MINUTE);
  });

  it('keeps the interval after one failure, so a second check can confirm an outage soon', () => {
    expect(nextPollDelayMs('dashboard', DEFAULT_POLL_INTERVALS, 1)).toBe(MINUTE);
  });

  it('doubles the wait while failures go on, up to 15 minutes', () => {
    const waits = [2, 3, 4, 5, 6, 7].map((failed) =>
      nextPollDelayMs('dashboard', DEFAULT_POLL_INTERVALS, failed),
    );
    expect(waits).toEqual([2 * MINUTE, 4 * MINUTE, 8 * MINUTE, 15 * MINUTE, 15 * MINUTE, 15 * MINUTE]);
    expect(nextPollDelayMs('tray', DEFAULT_POLL_INTERVALS, 2)).toBe(10 * MINUTE);
    expect(nextPollDelayMs('tray', DEFAULT_POLL_INTERVALS, 3)).toBe(MAX_BACKOFF_MS);
    expect(nextPollDelayMs('tray', DEFAULT_POLL_INTERVALS, 1000)).toBe(MAX_BACKOFF_MS);
  });

  it('never backs off below an interval configured longer than the cap', () => {
    const hourly = pollIntervals({ trayMs: 60 * MINUTE });
    expect(nextPollDelayMs('tray', hourly, 5)).toBe(60 * MINUTE);
  });

  it('clamps configured intervals and falls back to the defaults for nonsense', () => {
    expect(pollIntervals({ dashboardMs: 1, trayMs: Number.NaN })).toEqual({
      dashboardMs: MIN_INTERVAL_MS,
      trayMs: DEFAULT_POLL_INTERVALS.trayMs,
    });
  });
});
