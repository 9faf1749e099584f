import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notifier } from '../notify/notifier';
import { deadlineFor } from './deadline';
import { deliverPlan, mergePlans, type NotificationPlan } from './delivery';
import {
  type AppliedUpdate,
  type EventNotice,
  eventsDue,
  nextEventWakeAt,
  stackStateNotice,
  updateAppliedNotice,
} from './event-notices';
import { JsonFileLedger } from './notification-ledger';
import type { QuietHours } from './quiet-hours';
import { clampSnooze, nextWakeAt, remindersDue, type UpdateForReminders } from './reminders';
import { HOUR_MS } from './zoned-time';

/*
 * Two weeks and a bit on fake time, through the reminder schedule, the event notices and the
 * file ledger, the way the shell drives them: evaluate, deliver, set one timer for the next
 * wake (at most an hour away, the refresh period). Berlin, quiet hours 22:00–07:30; the
 * clocks go forward on 29 March, in the middle of it.
 */
const BERLIN = 'Europe/Berlin';
const QUIET: QuietHours = { start: '22:00', end: '07:30', timeZone: BERLIN };
const REFRESH_MS = HOUR_MS;
/** Mon 16 Mar 2026, 06:00 CET: the vendor creates the change set. */
const RELEASED = new Date('2026-03-16T05:00:00Z');
/** Mon 30 Mar 2026, 07:00 CEST. */
const DEADLINE = deadlineFor(RELEASED);

interface World {
  pending: UpdateForReminders | null;
  stack: { status: string; enteredAt: Date };
  applied: AppliedUpdate | null;
}

interface Raised {
  readonly at: string;
  readonly key: string;
  readonly title: string;
}

/** The shell's part, reduced to what matters here. */
class SimulatedShell {
  wakeAt: Date | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pass: Promise<void> = Promise.resolve();

  constructor(
    private readonly ledger: JsonFileLedger,
    private readonly world: World,
    private readonly notifier: Notifier,
    private readonly raised: Raised[],
  ) {}

  /** Evaluates now: at start, on a timer, or when something the admin did changed the state. */
  trigger(): void {
    clearTimeout(this.timer);
    this.pass = this.pass.then(() => this.evaluate());
  }

  settled(): Promise<void> {
    return this.pass;
  }

  quit(): void {
    clearTimeout(this.timer);
    this.wakeAt = null;
  }

  private async evaluate(): Promise<void> {
    const now = new Date();
    const context = { now, sent: this.ledger, quietHours: QUIET, timeZone: BERLIN };
    // The vendor's change set exists from its release on; the app sees it at its next evaluation.
    const update = this.world.pending && this.world.pending.releasedAt <= now ? this.world.pending : null;
    const notices = [
      stackStateNotice({
        cellId: 'cell-1',
        cellName: 'prod',
        stackName: 'gitpod-instance',
        ...this.world.stack,
      }),
      this.world.applied && updateAppliedNotice(this.world.applied),
    ].filter((notice): notice is EventNotice => notice !== null);
    const plans: NotificationPlan[] = [eventsDue(notices, context)];
    if (update) plans.push(remindersDue({ update, ...context }));
    const delivered = await deliverPlan(mergePlans(plans), {
      ledger: this.ledger,
      notifier: this.notifier,
      now,
    });
    this.raised.push(...delivered.map(({ key, title }) => ({ at: now.toISOString(), key, title })));

    const wakes = [now.getTime() + REFRESH_MS];
    if (update) wakes.push(nextWakeAt({ update, ...context }).getTime());
    const eventWake = nextEventWakeAt(notices, context);
    if (eventWake) wakes.push(eventWake.getTime());
    this.wakeAt = new Date(Math.min(...wakes));
    this.timer = setTimeout(() => this.trigger(), this.wakeAt.getTime() - now.getTime());
  }
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-simulation-'));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});

afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

describe('src/main/core/updates notification schedule, simulated', () => {
  it('fires each notification exactly once over two weeks, across a restart, with snooze and quiet hours', async () => {
    const file = join(dir, 'notifications.json');
    const world: World = {
      pending: {
        id: 'arn:aws:cloudformation:eu-central-1:123456789012:changeSet/v37/1',
        cellName: 'prod',
        label: 'Infrastructure Update v37',
        releasedAt: RELEASED,
        deadline: DEADLINE,
      },
      stack: { status: 'UPDATE_COMPLETE', enteredAt: new Date('2026-01-05T10:00:00Z') },
      applied: null,
    };
    const raised: Raised[] = [];
    const notify = vi.fn(() => true);
    // Assigned inside `start`, which control-flow analysis does not follow.
    let shell = null as SimulatedShell | null;
    let evaluations = 0;

    const start = async (): Promise<void> => {
      const ledger = await JsonFileLedger.open(file, { now: () => new Date() });
      shell = new SimulatedShell(ledger, world, { notify }, raised);
      shell.trigger();
    };

    /** Moves fake time to `target`, firing the shell's timer at each wake on the way. */
    const advanceTo = async (target: string): Promise<void> => {
      const until = new Date(target).getTime();
      for (;;) {
        await shell?.settled();
        const wake = shell?.wakeAt?.getTime();
        if (wake === undefined || wake > until) break;
        evaluations += 1;
        expect(evaluations).toBeLessThan(2000);
        vi.advanceTimersByTime(Math.max(0, wake - Date.now()));
      }
      vi.advanceTimersByTime(until - Date.now());
    };

    /** The admin did something: the shell evaluates at once. */
    const act = async (change: () => void): Promise<void> => {
      change();
      shell?.trigger();
      await shell?.settled();
    };

    vi.setSystemTime(new Date('2026-03-16T04:50:00Z'));
    await start();

    // Seen at 06:50 CET, inside quiet hours: announced when they end at 07:30.
    await advanceTo('2026-03-23T09:00:00Z');
    // The admin snoozes until Friday 13:00 CET: the 3-day reminder (Fri 06:00) waits for it.
    await act(() => {
      if (!world.pending) return;
      const snoozedUntil = clampSnooze(new Date('2026-03-27T12:00:00Z'), DEADLINE, new Date());
      world.pending = { ...world.pending, snoozedUntil };
    });

    // The app quits on Saturday evening and starts again on Monday at 04:00 CEST: the 1-day
    // reminder passed while it was closed, and the 4-hour one passed in quiet hours.
    await advanceTo('2026-03-28T20:00:00Z');
    shell?.quit();
    await advanceTo('2026-03-30T02:00:00Z');
    await start();

    // A snooze asked for past the deadline is cut at the deadline.
    await advanceTo('2026-03-30T02:30:00Z');
    await act(() => {
      if (!world.pending) return;
      const snoozedUntil = clampSnooze(new Date('2026-04-06T00:00:00Z'), DEADLINE, new Date());
      expect(snoozedUntil).toEqual(DEADLINE);
      world.pending = { ...world.pending, snoozedUntil };
    });

    // A first attempt to apply fails and rolls back; the stack stays rolled back for a day.
    await advanceTo('2026-03-30T08:00:00Z');
    await act(() => {
      world.stack = { status: 'UPDATE_ROLLBACK_COMPLETE', enteredAt: new Date() };
    });

    // The second attempt succeeds.
    await advanceTo('2026-03-31T09:00:00Z');
    await act(() => {
      world.stack = { status: 'UPDATE_COMPLETE', enteredAt: new Date() };
      world.applied = {
        updateId: world.pending?.id ?? '',
        cellName: 'prod',
        label: 'Infrastructure Update v37',
        appliedAt: new Date(),
      };
      world.pending = null;
    });
    await advanceTo('2026-04-02T12:00:00Z');

    expect(raised.map(({ at, title }) => `${at} ${title}`)).toEqual([
      '2026-03-16T06:30:00.000Z prod: new infrastructure update',
      // Held until 07:30 CET, by when less than 7 wall-clock days are left.
      '2026-03-23T06:30:00.000Z prod: infrastructure update due in 6 days',
      '2026-03-27T12:00:00.000Z prod: infrastructure update due in 2 days',
      // Quiet until 07:30 CEST, but overdue from 07:00: the deadline is not held back.
      '2026-03-30T05:00:00.000Z prod: infrastructure update deadline reached',
      '2026-03-30T08:00:00.000Z prod: stack gitpod-instance rolled back',
      '2026-03-31T05:00:00.000Z prod: infrastructure update overdue by 24 hours',
      '2026-03-31T09:00:00.000Z prod: infrastructure update applied',
    ]);
    expect(new Set(raised.map((r) => r.key)).size).toBe(raised.length);
    expect(notify).toHaveBeenCalledTimes(raised.length);
    // The 1-day and 4-hour reminders were superseded, and are on record so they never fire.
    const stages = [':before-1d', ':before-4h'];
    expect(raised.filter((r) => stages.some((stage) => r.key.endsWith(stage)))).toEqual([]);
    const afterAll = await JsonFileLedger.open(file, { now: () => new Date() });
    const stageKey = (stage: string): string =>
      `update:${world.applied?.updateId}:due-${DEADLINE.toISOString()}${stage}`;
    expect(stages.filter((stage) => !afterAll.has(stageKey(stage)))).toEqual([]);
    // Hundreds of evaluations, not a handful: "once" is not an accident of sampling.
    expect(evaluations).toBeGreaterThan(300);
  });
});
