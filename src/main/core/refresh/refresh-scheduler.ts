import type { TimerPort } from './timers';

/** Events that ask for fresh data at once: the shell maps powerMonitor, network and UI events to these. */
export type RefreshTrigger = 'wake' | 'online' | 'tray-open' | 'dashboard-open';
export type RefreshReason = 'start' | 'interval' | 'retry' | RefreshTrigger;

export const DEFAULT_INTERVAL_MINUTES = 15;
export const MIN_INTERVAL_MINUTES = 5;
export const MAX_INTERVAL_MINUTES = 60;
/** At most one refresh starts in any window this long, whatever asks for it. */
export const COALESCE_MS = 30_000;
/** The first retry after a failure; each further failure doubles it, up to the interval. */
export const BACKOFF_BASE_MS = 60_000;

const MINUTE = 60_000;

export interface RefreshSchedulerOptions {
  /** Does the work; a rejection counts as a failure and brings on the backoff. */
  readonly refresh: (reason: RefreshReason) => Promise<void>;
  readonly timers: TimerPort;
  readonly intervalMinutes?: number;
  readonly coalesceMs?: number;
  readonly backoffBaseMs?: number;
  /** Called after every change of state: a refresh started or ended, the next one moved. */
  readonly onChange?: (state: RefreshSchedulerState) => void;
}

export interface RefreshSchedulerState {
  readonly running: boolean;
  readonly consecutiveFailures: number;
  readonly intervalMinutes: number;
  readonly lastStartedAt?: number;
  readonly lastSucceededAt?: number;
  /** When the next refresh is due; absent while one runs or when stopped. */
  readonly nextRefreshAt?: number;
}

/** 5–60 minutes; anything that is not a number gets the default. */
export function clampIntervalMinutes(minutes: number | undefined): number {
  if (minutes === undefined || !Number.isFinite(minutes)) return DEFAULT_INTERVAL_MINUTES;
  return Math.min(MAX_INTERVAL_MINUTES, Math.max(MIN_INTERVAL_MINUTES, minutes));
}

/**
 * Decides when to refresh: at start, every interval after the last refresh began, and at once
 * on a trigger. Three rules keep it cheap and safe:
 * - at most one refresh starts per 30 s: a trigger inside that window is deferred to its end,
 *   never dropped, and any number of triggers in one window make one refresh;
 * - never two at once: a trigger during a refresh runs after it (window permitting);
 * - after a failure the next try comes after 1, 2, 4 … minutes, capped at the interval, and a
 *   success restores the interval. Triggers are not held back by the backoff (the network
 *   coming back is exactly when to try again), only by the 30 s window.
 * A refresh for any reason restarts the interval: the data is fresh, so polling waits.
 */
export class RefreshScheduler {
  private readonly timers: TimerPort;
  private readonly coalesceMs: number;
  private readonly backoffBaseMs: number;
  private intervalMs: number;
  private started = false;
  private running = false;
  private failures = 0;
  private lastStartedAt: number | undefined;
  private lastSucceededAt: number | undefined;
  /** A trigger (or start) waiting for the window to pass or the running refresh to end. */
  private pendingReason: RefreshReason | undefined;
  private timer: unknown;
  private nextAt: number | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: RefreshSchedulerOptions) {
    this.timers = options.timers;
    this.intervalMs = clampIntervalMinutes(options.intervalMinutes) * MINUTE;
    this.coalesceMs = options.coalesceMs ?? COALESCE_MS;
    this.backoffBaseMs = options.backoffBaseMs ?? BACKOFF_BASE_MS;
  }

  /** Refreshes at once and keeps refreshing until `stop`. Calling it again does nothing. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.request('start');
  }

  /** Asks for a refresh now; coalesced as described above. Ignored unless started. */
  trigger(reason: RefreshTrigger): void {
    if (this.started) this.request(reason);
  }

  /** Changes the interval (clamped to 5–60 minutes); the next refresh moves accordingly. */
  setIntervalMinutes(minutes: number): void {
    this.intervalMs = clampIntervalMinutes(minutes) * MINUTE;
    this.arm();
  }

  /**
   * Clears every timer and forgets pending triggers. A refresh already running finishes, but
   * nothing follows it. `start` may be called again later.
   */
  stop(): void {
    this.started = false;
    this.pendingReason = undefined;
    this.disarm();
    this.publish();
  }

  state(): RefreshSchedulerState {
    return {
      running: this.running,
      consecutiveFailures: this.failures,
      intervalMinutes: this.intervalMs / MINUTE,
      ...(this.lastStartedAt === undefined ? {} : { lastStartedAt: this.lastStartedAt }),
      ...(this.lastSucceededAt === undefined ? {} : { lastSucceededAt: this.lastSucceededAt }),
      ...(this.nextAt === undefined ? {} : { nextRefreshAt: this.nextAt }),
    };
  }

  /** Resolves when no refresh is running (at once if none is). */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private request(reason: RefreshReason): void {
    this.pendingReason ??= reason;
    this.arm();
  }

  /** The delay after the last start before the next unprompted refresh. */
  private waitAfterLastStart(): number {
    if (this.failures === 0) return this.intervalMs;
    const backoff = this.backoffBaseMs * 2 ** Math.min(this.failures - 1, 30);
    return Math.min(backoff, this.intervalMs);
  }

  private due(): { at: number; reason: RefreshReason } {
    const last = this.lastStartedAt;
    if (last === undefined) return { at: this.timers.now(), reason: this.pendingReason ?? 'start' };
    const windowEnd = last + this.coalesceMs;
    const scheduled = last + this.waitAfterLastStart();
    if (this.pendingReason !== undefined && windowEnd <= scheduled) {
      return { at: windowEnd, reason: this.pendingReason };
    }
    return {
      at: Math.max(scheduled, windowEnd),
      reason: this.pendingReason ?? (this.failures > 0 ? 'retry' : 'interval'),
    };
  }

  /** (Re)sets the one timer for the next refresh, or runs it now if it is due. */
  private arm(): void {
    this.disarm();
    if (!this.started || this.running) {
      this.publish();
      return;
    }
    const { at, reason } = this.due();
    const delay = at - this.timers.now();
    if (delay <= 0) {
      this.run(reason);
      return;
    }
    this.nextAt = at;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.arm();
    }, delay);
    this.publish();
  }

  private disarm(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.nextAt = undefined;
  }

  private run(reason: RefreshReason): void {
    this.running = true;
    this.pendingReason = undefined;
    this.lastStartedAt = this.timers.now();
    this.publish();
    let work: Promise<void>;
    try {
      work = this.options.refresh(reason);
    } catch (error) {
      work = Promise.reject(error);
    }
    work.then(
      () => this.finish(true),
      () => this.finish(false),
    );
  }

  private finish(succeeded: boolean): void {
    this.running = false;
    if (succeeded) {
      this.failures = 0;
      this.lastSucceededAt = this.timers.now();
    } else {
      this.failures += 1;
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
    this.arm();
  }

  private publish(): void {
    this.options.onChange?.(this.state());
  }
}
