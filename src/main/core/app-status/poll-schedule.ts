import type { PollMode } from '../../../shared/app-status/app-status';

/**
 * How often a cell is checked. Polling is cheap for the cell but not free for a laptop on a
 * train: every minute while the admin looks at the dashboard, every five when only the tray
 * is there, and less and less often while the cell does not answer.
 */

export interface PollIntervals {
  readonly dashboardMs: number;
  readonly trayMs: number;
}

export const DEFAULT_POLL_INTERVALS: PollIntervals = { dashboardMs: 60_000, trayMs: 5 * 60_000 };
/** While unreachable the wait doubles up to this (or the interval, if that is longer). */
export const MAX_BACKOFF_MS = 15 * 60_000;
export const MIN_INTERVAL_MS = 10_000;
export const MAX_INTERVAL_MS = 60 * 60_000;
/** Triggers (wake, network) closer together than this after a check make one check. */
export const TRIGGER_GAP_MS = 5_000;

export function clampIntervalMs(ms: number | undefined, fallback: number): number {
  if (ms === undefined || !Number.isFinite(ms)) return fallback;
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, Math.round(ms)));
}

export function pollIntervals(partial: Partial<PollIntervals> = {}): PollIntervals {
  return {
    dashboardMs: clampIntervalMs(partial.dashboardMs, DEFAULT_POLL_INTERVALS.dashboardMs),
    trayMs: clampIntervalMs(partial.trayMs, DEFAULT_POLL_INTERVALS.trayMs),
  };
}

/**
 * The wait after a check began until the next. After one failure the interval is kept, so a
 * second check can confirm an outage soon; from the second on the wait doubles, up to the cap.
 */
export function nextPollDelayMs(
  mode: PollMode,
  intervals: PollIntervals,
  failedChecks: number,
  maxBackoffMs: number = MAX_BACKOFF_MS,
): number {
  const interval = mode === 'dashboard' ? intervals.dashboardMs : intervals.trayMs;
  if (failedChecks <= 1) return interval;
  const cap = Math.max(maxBackoffMs, interval);
  return Math.min(cap, interval * 2 ** Math.min(failedChecks - 1, 20));
}
