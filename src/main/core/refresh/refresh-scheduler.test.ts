import { describe, expect, it } from 'vitest';
import {
  clampIntervalMinutes,
  type RefreshReason,
  RefreshScheduler,
  type RefreshSchedulerOptions,
  type RefreshSchedulerState,
} from './refresh-scheduler';
import { ManualTimers } from './timers';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

interface Call {
  readonly at: number;
  readonly reason: RefreshReason;
}

function setup(options: Partial<Omit<RefreshSchedulerOptions, 'refresh' | 'timers'>> = {}) {
  const timers = new ManualTimers(Date.UTC(2025, 0, 6, 9));
  const origin = timers.now();
  const calls: Call[] = [];
  const states: RefreshSchedulerState[] = [];
  let running = 0;
  let mostAtOnce = 0;
  /** What each refresh does; replace it to fail or to take time. */
  let work: (reason: RefreshReason) => Promise<void> = () => Promise.resolve();
  const scheduler = new RefreshScheduler({
    timers,
    refresh: async (reason) => {
      calls.push({ at: timers.now() - origin, reason });
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      try {
        await work(reason);
      } finally {
        running -= 1;
      }
    },
    onChange: (state) => states.push(state),
    ...options,
  });
  return {
    timers,
    scheduler,
    calls,
    states,
    /** Minutes since the start at which each refresh began. */
    minutes: () => calls.map((call) => call.at / MINUTE),
    seconds: () => calls.map((call) => call.at / SECOND),
    reasons: () => calls.map((call) => call.reason),
    mostAtOnce: () => mostAtOnce,
    setWork: (next: typeof work) => {
      work = next;
    },
    /** A refresh that takes `ms` of simulated time. */
    taking: (ms: number) => () => new Promise<void>((resolve) => timers.setTimeout(resolve, ms)),
    advance: (ms: number) => timers.advance(ms),
    /** Advances to `ms` after the start. */
    advanceTo: (ms: number) => timers.advance(origin + ms - timers.now()),
  };
}

describe('main/core/refresh/refresh-scheduler', () => {
  describe('at default settings', () => {
    it('refreshes on start and every 15 minutes: 4 + 1 refreshes in one simulated hour', async () => {
      const t = setup();
      t.scheduler.start();
      await t.advance(HOUR);
      expect(t.minutes()).toEqual([0, 15, 30, 45, 60]);
      expect(t.reasons()).toEqual(['start', 'interval', 'interval', 'interval', 'interval']);
    });

    it('refreshes 4 times an hour, every hour, over a simulated day', async () => {
      const t = setup();
      t.scheduler.start();
      await t.advance(24 * HOUR);
      expect(t.calls).toHaveLength(1 + 24 * 4);
      expect(t.mostAtOnce()).toBe(1);
    });

    it('counts the interval from the start of a refresh, so a slow one does not drift', async () => {
      const t = setup();
      t.setWork(t.taking(2 * MINUTE));
      t.scheduler.start();
      await t.advance(HOUR);
      expect(t.minutes()).toEqual([0, 15, 30, 45, 60]);
    });
  });

  describe('interval', () => {
    it('clamps the interval to 5–60 minutes', () => {
      expect(clampIntervalMinutes(undefined)).toBe(15);
      expect(clampIntervalMinutes(1)).toBe(5);
      expect(clampIntervalMinutes(90)).toBe(60);
      expect(clampIntervalMinutes(Number.NaN)).toBe(15);
      expect(clampIntervalMinutes(20)).toBe(20);
    });

    it('refreshes every 5 minutes at the lowest setting and hourly at the highest', async () => {
      const fast = setup({ intervalMinutes: 1 });
      fast.scheduler.start();
      await fast.advance(HOUR);
      expect(fast.calls).toHaveLength(13);
      const slow = setup({ intervalMinutes: 600 });
      slow.scheduler.start();
      await slow.advance(3 * HOUR);
      expect(slow.minutes()).toEqual([0, 60, 120, 180]);
    });

    it('moves the next refresh when the interval changes, counting from the last start', async () => {
      const t = setup();
      t.scheduler.start();
      await t.advance(10 * MINUTE);
      t.scheduler.setIntervalMinutes(30);
      await t.advance(50 * MINUTE);
      expect(t.minutes()).toEqual([0, 30, 60]);
      t.scheduler.setIntervalMinutes(5);
      expect(t.scheduler.state().nextRefreshAt).toBe(t.timers.now() + 5 * MINUTE);
    });

    it('refreshes at once when a shorter interval is already overdue', async () => {
      const t = setup({ intervalMinutes: 60 });
      t.scheduler.start();
      await t.advance(20 * MINUTE);
      t.scheduler.setIntervalMinutes(5);
      await t.advance(0);
      expect(t.minutes()).toEqual([0, 20]);
    });
  });

  describe('triggers', () => {
    it('refreshes at once on a trigger, and restarts the interval from there', async () => {
      const t = setup();
      t.scheduler.start();
      await t.advance(10 * MINUTE);
      t.scheduler.trigger('tray-open');
      await t.advance(50 * MINUTE);
      expect(t.minutes()).toEqual([0, 10, 25, 40, 55]);
      expect(t.reasons()).toEqual(['start', 'tray-open', 'interval', 'interval', 'interval']);
    });

    it('runs each kind of trigger', async () => {
      const t = setup();
      t.scheduler.start();
      for (const trigger of ['wake', 'online', 'tray-open', 'dashboard-open'] as const) {
        await t.advance(MINUTE);
        t.scheduler.trigger(trigger);
      }
      await t.advance(0);
      expect(t.reasons()).toEqual(['start', 'wake', 'online', 'tray-open', 'dashboard-open']);
    });

    it('defers a trigger inside the 30 s window to the end of the window, without dropping it', async () => {
      const t = setup();
      t.scheduler.start();
      await t.advance(10 * SECOND);
      t.scheduler.trigger('tray-open');
      await t.advance(19 * SECOND);
      expect(t.seconds()).toEqual([0]);
      await t.advance(1 * SECOND);
      expect(t.seconds()).toEqual([0, 30]);
      expect(t.reasons()).toEqual(['start', 'tray-open']);
    });

    it('makes one refresh of any number of triggers in one window', async () => {
      const t = setup();
      t.scheduler.start();
      for (const [at, trigger] of [
        [5, 'wake'],
        [6, 'online'],
        [20, 'tray-open'],
        [29, 'dashboard-open'],
      ] as const) {
        await t.advanceTo(at * SECOND);
        t.scheduler.trigger(trigger);
      }
      await t.advance(10 * MINUTE);
      expect(t.seconds()).toEqual([0, 30]);
      expect(t.reasons()).toEqual(['start', 'wake']);
    });

    it('starts at most one refresh per 30 s however often it is asked', async () => {
      const t = setup();
      t.scheduler.start();
      for (let second = 1; second <= 600; second += 1) {
        await t.advance(SECOND);
        t.scheduler.trigger(second % 2 === 0 ? 'tray-open' : 'dashboard-open');
      }
      expect(t.calls).toHaveLength(21);
      for (let i = 1; i < t.calls.length; i += 1) {
        expect((t.calls[i]?.at ?? 0) - (t.calls[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(30 * SECOND);
      }
    });

    it('never runs two refreshes at once: a trigger during one runs after it', async () => {
      const t = setup();
      t.setWork(t.taking(2 * MINUTE));
      t.scheduler.start();
      await t.advance(MINUTE);
      t.scheduler.trigger('wake');
      t.scheduler.trigger('online');
      expect(t.calls).toHaveLength(1);
      await t.advance(MINUTE);
      expect(t.minutes()).toEqual([0, 2]);
      expect(t.reasons()).toEqual(['start', 'wake']);
      expect(t.mostAtOnce()).toBe(1);
    });

    it('ignores triggers before start', async () => {
      const t = setup();
      t.scheduler.trigger('wake');
      await t.advance(HOUR);
      expect(t.calls).toHaveLength(0);
    });
  });

  describe('failures', () => {
    it('backs off 1, 2, 4, 8 minutes, then keeps to the interval', async () => {
      const t = setup();
      t.setWork(() => Promise.reject(new Error('offline')));
      t.scheduler.start();
      await t.advance(HOUR);
      expect(t.minutes()).toEqual([0, 1, 3, 7, 15, 30, 45, 60]);
      expect(t.reasons().slice(1)).toEqual(Array(7).fill('retry'));
      expect(t.scheduler.state().consecutiveFailures).toBe(8);
    });

    it('caps the backoff at a short interval too', async () => {
      const t = setup({ intervalMinutes: 5 });
      t.setWork(() => Promise.reject(new Error('offline')));
      t.scheduler.start();
      await t.advance(30 * MINUTE);
      expect(t.minutes()).toEqual([0, 1, 3, 7, 12, 17, 22, 27]);
    });

    it('returns to the interval after a success', async () => {
      const t = setup();
      let failuresLeft = 2;
      t.setWork(() => (failuresLeft-- > 0 ? Promise.reject(new Error('Rate exceeded')) : Promise.resolve()));
      t.scheduler.start();
      await t.advance(HOUR);
      expect(t.minutes()).toEqual([0, 1, 3, 18, 33, 48]);
      expect(t.scheduler.state()).toMatchObject({
        consecutiveFailures: 0,
        lastSucceededAt: t.timers.now() - 12 * MINUTE,
      });
    });

    it('counts a refresh that throws before returning a promise as a failure', async () => {
      const timers = new ManualTimers();
      let calls = 0;
      const scheduler = new RefreshScheduler({
        timers,
        refresh: () => {
          calls += 1;
          throw new Error('bad setup');
        },
      });
      scheduler.start();
      await timers.advance(3 * MINUTE);
      expect(calls).toBe(3);
      expect(scheduler.state().consecutiveFailures).toBe(3);
    });

    it('lets a trigger through the backoff, but not through the 30 s window', async () => {
      const t = setup();
      t.setWork(() => Promise.reject(new Error('offline')));
      t.scheduler.start();
      await t.advance(10 * SECOND);
      t.scheduler.trigger('online');
      await t.advance(50 * SECOND);
      expect(t.seconds()).toEqual([0, 30]);
      expect(t.reasons()).toEqual(['start', 'online']);
      // Two failures now: the next retry is 2 minutes after the last start.
      expect(t.scheduler.state().nextRefreshAt).toBe(t.timers.now() - 30 * SECOND + 2 * MINUTE);
    });
  });

  describe('stop', () => {
    it('clears every timer and ignores triggers afterwards', async () => {
      const t = setup();
      t.scheduler.start();
      await t.advance(10 * SECOND);
      t.scheduler.trigger('tray-open');
      t.scheduler.stop();
      expect(t.timers.pendingCount).toBe(0);
      t.scheduler.trigger('wake');
      await t.advance(2 * HOUR);
      expect(t.calls).toHaveLength(1);
      expect(t.scheduler.state().nextRefreshAt).toBeUndefined();
    });

    it('lets a running refresh finish but schedules nothing after it', async () => {
      const t = setup();
      t.setWork(t.taking(MINUTE));
      t.scheduler.start();
      await t.advance(10 * SECOND);
      t.scheduler.stop();
      await t.advance(HOUR);
      expect(t.calls).toHaveLength(1);
      expect(t.timers.pendingCount).toBe(0);
      expect(t.scheduler.state().running).toBe(false);
    });

    it('can start again after a stop, without overlapping a refresh still running', async () => {
      const t = setup();
      t.setWork(t.taking(MINUTE));
      t.scheduler.start();
      await t.advance(40 * SECOND);
      t.scheduler.stop();
      t.scheduler.start();
      await t.advance(20 * SECOND);
      expect(t.seconds()).toEqual([0, 60]);
      expect(t.mostAtOnce()).toBe(1);
    });
  });

  describe('state', () => {
    it('reports the next refresh, and whether one is running', async () => {
      const t = setup();
      t.setWork(t.taking(5 * SECOND));
      const start = t.timers.now();
      t.scheduler.start();
      expect(t.scheduler.state()).toMatchObject({ running: true, lastStartedAt: start, intervalMinutes: 15 });
      expect(t.scheduler.state().nextRefreshAt).toBeUndefined();
      await t.advance(5 * SECOND);
      expect(t.scheduler.state()).toMatchObject({
        running: false,
        lastSucceededAt: start + 5 * SECOND,
        nextRefreshAt: start + 15 * MINUTE,
      });
      expect(t.states.at(-1)).toEqual(t.scheduler.state());
    });

    it('resolves idle() when the running refresh ends', async () => {
      const t = setup();
      t.setWork(t.taking(MINUTE));
      t.scheduler.start();
      let idle = false;
      void t.scheduler.idle().then(() => {
        idle = true;
      });
      await t.advance(59 * SECOND);
      expect(idle).toBe(false);
      await t.advance(SECOND);
      expect(idle).toBe(true);
    });
  });
});
