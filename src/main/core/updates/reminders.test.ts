import { describe, expect, it } from 'vitest';
import { OVERDUE_MEANING } from './deadline';
import type { KeyedNotification, SentKeys } from './delivery';
import type { QuietHours } from './quiet-hours';
import { clampSnooze, newUpdateKey, nextWakeAt, remindersDue, type UpdateForReminders } from './reminders';
import { DAY_MS, HOUR_MS } from './zoned-time';

const BERLIN = 'Europe/Berlin';
const NIGHT: QuietHours = { start: '22:00', end: '07:00', timeZone: BERLIN };
/** Mon 15 Jun 2026, 12:00 CEST. */
const DEADLINE = new Date('2026-06-15T10:00:00Z');

function updateDue(deadline: Date, extra: Partial<UpdateForReminders> = {}): UpdateForReminders {
  return {
    id: 'arn:aws:cloudformation:eu-central-1:123456789012:changeSet/v37/1',
    cellName: 'prod',
    label: 'Infrastructure Update v37',
    releasedAt: new Date(deadline.getTime() - 14 * DAY_MS),
    deadline,
    ...extra,
  };
}

function beforeDeadline(ms: number, deadline = DEADLINE): Date {
  return new Date(deadline.getTime() - ms);
}

/** The last part of a key: "new", "before-7d", "overdue-day-2". */
function stageOf(notification: KeyedNotification): string {
  return notification.key.split(':').at(-1) ?? '';
}

/** Evaluates like the shell does: raise the plan's notifications, record its keys. */
class Schedule {
  readonly sent = new Set<string>();
  update: UpdateForReminders;
  quietHours: QuietHours | null = null;

  constructor(update = updateDue(DEADLINE)) {
    this.update = update;
  }

  at(now: Date): KeyedNotification[] {
    const plan = remindersDue({
      update: this.update,
      now,
      sent: this.sent,
      quietHours: this.quietHours,
      timeZone: BERLIN,
    });
    for (const key of plan.handledKeys) this.sent.add(key);
    return [...plan.notifications];
  }

  stagesAt(now: Date): string[] {
    return this.at(now).map(stageOf);
  }

  wakeAfter(now: Date): string {
    return nextWakeAt({
      update: this.update,
      now,
      sent: this.sent,
      quietHours: this.quietHours,
    }).toISOString();
  }
}

describe('src/main/core/updates/reminders', () => {
  describe('a new update', () => {
    it('is announced once, naming the cell and the deadline, and opens that update', () => {
      const schedule = new Schedule();
      const [notification, ...rest] = schedule.at(schedule.update.releasedAt);
      expect(rest).toEqual([]);
      expect(notification).toEqual({
        key: newUpdateKey(schedule.update.id),
        title: 'prod: new infrastructure update',
        body: 'Infrastructure Update v37 must be applied by Mon 15 Jun 2026, 12:00 CEST (due in 14 days).',
        target: { view: 'updates', itemId: schedule.update.id },
      });
      expect(schedule.at(new Date(schedule.update.releasedAt.getTime() + HOUR_MS))).toEqual([]);
    });

    it('first seen late is one notification that folds in the reminders already passed', () => {
      const schedule = new Schedule();
      const now = beforeDeadline(2 * DAY_MS);
      expect(schedule.stagesAt(now)).toEqual(['new']);
      expect(schedule.at(beforeDeadline(2 * DAY_MS - HOUR_MS))).toEqual([]);
      expect(schedule.stagesAt(beforeDeadline(DAY_MS))).toEqual(['before-1d']);
    });

    it('first seen overdue says so and what overdue means', () => {
      const schedule = new Schedule();
      const [notification] = schedule.at(new Date(DEADLINE.getTime() + 3 * DAY_MS));
      expect(notification?.body).toBe(
        `Infrastructure Update v37 was due Mon 15 Jun 2026, 12:00 CEST and is overdue by 3 days. ${OVERDUE_MEANING}`,
      );
    });
  });

  describe('reminders', () => {
    it('come at 7 days, 3 days, 1 day and 4 hours before, at the deadline, then daily, each once', () => {
      const schedule = new Schedule();
      schedule.at(schedule.update.releasedAt);
      const instants = [
        beforeDeadline(7 * DAY_MS),
        beforeDeadline(3 * DAY_MS),
        beforeDeadline(DAY_MS),
        beforeDeadline(4 * HOUR_MS),
        DEADLINE,
        beforeDeadline(-DAY_MS),
        beforeDeadline(-2 * DAY_MS),
      ];
      const fired = instants.flatMap((now) => [...schedule.stagesAt(now), ...schedule.stagesAt(now)]);
      expect(fired).toEqual([
        'before-7d',
        'before-3d',
        'before-1d',
        'before-4h',
        'deadline',
        'overdue-day-1',
        'overdue-day-2',
      ]);
    });

    it('do not fire a moment before their time', () => {
      const schedule = new Schedule();
      schedule.at(schedule.update.releasedAt);
      expect(schedule.at(beforeDeadline(7 * DAY_MS + 1))).toEqual([]);
    });

    it('name the cell and say how long is left when they are raised', () => {
      const schedule = new Schedule();
      schedule.at(schedule.update.releasedAt);
      const [reminder] = schedule.at(beforeDeadline(3 * DAY_MS));
      expect(reminder?.title).toBe('prod: infrastructure update due in 3 days');
      expect(reminder?.body).toBe(
        'Infrastructure Update v37 must be applied by Mon 15 Jun 2026, 12:00 CEST.',
      );
      expect(reminder?.target).toEqual({ view: 'updates', itemId: schedule.update.id });
    });

    it('at the deadline and after say what overdue means', () => {
      const schedule = new Schedule();
      schedule.at(schedule.update.releasedAt);
      const [atDeadline] = schedule.at(DEADLINE);
      expect(atDeadline?.title).toBe('prod: infrastructure update deadline reached');
      expect(atDeadline?.body).toContain(OVERDUE_MEANING);
      const [dayTwo] = schedule.at(beforeDeadline(-2 * DAY_MS));
      expect(dayTwo?.title).toBe('prod: infrastructure update overdue by 2 days');
    });

    it('after the app was closed across several, send only the latest and never the skipped ones', () => {
      const schedule = new Schedule();
      schedule.at(schedule.update.releasedAt);
      schedule.at(beforeDeadline(7 * DAY_MS));
      // Closed from before the 3-day reminder until after the 1-day one.
      const [latest, ...others] = schedule.at(beforeDeadline(22 * HOUR_MS));
      expect(others).toEqual([]);
      expect(latest && stageOf(latest)).toBe('before-1d');
      expect(latest?.title).toBe('prod: infrastructure update due in 22 hours');
      expect([...schedule.sent].some((key) => key.endsWith(':before-3d'))).toBe(true);
      expect(schedule.at(beforeDeadline(21 * HOUR_MS))).toEqual([]);
    });

    it('while overdue and closed for days, send only the current day, keyed by its number', () => {
      const schedule = new Schedule();
      schedule.at(schedule.update.releasedAt);
      schedule.at(DEADLINE);
      expect(schedule.stagesAt(new Date(DEADLINE.getTime() + 5 * DAY_MS + HOUR_MS))).toEqual([
        'overdue-day-5',
      ]);
      expect(schedule.stagesAt(new Date(DEADLINE.getTime() + 6 * DAY_MS))).toEqual(['overdue-day-6']);
    });

    it('start again for a deadline the vendor moved, and only from its own thresholds', () => {
      const schedule = new Schedule();
      schedule.at(schedule.update.releasedAt);
      expect(schedule.stagesAt(beforeDeadline(7 * DAY_MS))).toEqual(['before-7d']);
      const later = new Date(DEADLINE.getTime() + 7 * DAY_MS);
      schedule.update = { ...schedule.update, deadline: later };
      expect(schedule.at(beforeDeadline(7 * DAY_MS - HOUR_MS))).toEqual([]);
      expect(schedule.stagesAt(beforeDeadline(7 * DAY_MS, later))).toEqual(['before-7d']);
    });
  });

  describe('snooze', () => {
    it('holds reminders back until it ends, then raises the latest', () => {
      const snoozedUntil = beforeDeadline(2 * DAY_MS);
      const schedule = new Schedule();
      schedule.at(schedule.update.releasedAt);
      schedule.at(beforeDeadline(7 * DAY_MS));
      schedule.update = { ...schedule.update, snoozedUntil };
      expect(schedule.at(beforeDeadline(3 * DAY_MS))).toEqual([]);
      expect(schedule.wakeAfter(beforeDeadline(3 * DAY_MS))).toBe(snoozedUntil.toISOString());
      const [held] = schedule.at(snoozedUntil);
      expect(held && stageOf(held)).toBe('before-3d');
      expect(held?.title).toBe('prod: infrastructure update due in 2 days');
      expect(schedule.stagesAt(beforeDeadline(DAY_MS))).toEqual(['before-1d']);
    });

    it('never hides the deadline, even when a stored snooze reaches past it', () => {
      const schedule = new Schedule();
      schedule.at(schedule.update.releasedAt);
      schedule.update = { ...schedule.update, snoozedUntil: new Date(DEADLINE.getTime() + 10 * DAY_MS) };
      expect(schedule.at(beforeDeadline(HOUR_MS))).toEqual([]);
      expect(schedule.wakeAfter(beforeDeadline(HOUR_MS))).toBe(DEADLINE.toISOString());
      expect(schedule.stagesAt(DEADLINE)).toEqual(['deadline']);
      expect(schedule.stagesAt(beforeDeadline(-DAY_MS))).toEqual(['overdue-day-1']);
    });

    it('is cut at the deadline when requested', () => {
      const now = beforeDeadline(2 * DAY_MS);
      expect(clampSnooze(beforeDeadline(DAY_MS), DEADLINE, now)).toEqual(beforeDeadline(DAY_MS));
      expect(clampSnooze(new Date(DEADLINE.getTime() + 7 * DAY_MS), DEADLINE, now)).toEqual(DEADLINE);
    });

    it('is refused for a time already past, or once the deadline has passed', () => {
      const now = beforeDeadline(2 * DAY_MS);
      expect(clampSnooze(now, DEADLINE, now)).toBeNull();
      expect(clampSnooze(new Date(DEADLINE.getTime() + DAY_MS), DEADLINE, DEADLINE)).toBeNull();
    });
  });

  describe('quiet hours', () => {
    /** Tue 16 Jun 2026, 03:00 CEST: in the middle of the night. */
    const NIGHT_DEADLINE = new Date('2026-06-16T01:00:00Z');

    it('hold a reminder back and raise it when they end', () => {
      const schedule = new Schedule(updateDue(NIGHT_DEADLINE));
      schedule.quietHours = NIGHT;
      schedule.at(new Date('2026-06-02T10:00:00Z'));
      const sevenDays = beforeDeadline(7 * DAY_MS, NIGHT_DEADLINE); // 03:00 CEST
      expect(schedule.at(sevenDays)).toEqual([]);
      expect(schedule.wakeAfter(sevenDays)).toBe('2026-06-09T05:00:00.000Z'); // 07:00 CEST
      expect(schedule.stagesAt(new Date('2026-06-09T05:00:00Z'))).toEqual(['before-7d']);
    });

    it('hold back a new update until they end', () => {
      const schedule = new Schedule(updateDue(NIGHT_DEADLINE));
      schedule.quietHours = NIGHT;
      const night = new Date('2026-06-03T23:00:00Z'); // 01:00 CEST
      expect(schedule.at(night)).toEqual([]);
      expect(schedule.wakeAfter(night)).toBe('2026-06-04T05:00:00.000Z');
      expect(schedule.stagesAt(new Date('2026-06-04T05:00:00Z'))).toEqual(['new']);
    });

    it('drop a held reminder that a later one superseded before they ended', () => {
      const schedule = new Schedule(updateDue(NIGHT_DEADLINE));
      schedule.quietHours = NIGHT;
      schedule.at(new Date('2026-06-02T10:00:00Z'));
      schedule.at(new Date('2026-06-15T10:00:00Z'));
      const fourHours = beforeDeadline(4 * HOUR_MS, NIGHT_DEADLINE); // 23:00 CEST: held back…
      expect(schedule.at(fourHours)).toEqual([]);
      // …but the deadline comes before 07:00 and lifts quiet hours itself, superseding it.
      expect(schedule.wakeAfter(fourHours)).toBe(NIGHT_DEADLINE.toISOString());
      expect(schedule.stagesAt(NIGHT_DEADLINE)).toEqual(['deadline']);
      expect([...schedule.sent].some((key) => key.endsWith(':before-4h'))).toBe(true);
      expect(schedule.at(new Date('2026-06-16T05:00:00Z'))).toEqual([]);
    });

    it('do not hold back anything about an overdue update', () => {
      const schedule = new Schedule(updateDue(NIGHT_DEADLINE));
      schedule.quietHours = NIGHT;
      schedule.at(new Date('2026-06-02T10:00:00Z'));
      schedule.at(new Date('2026-06-16T08:00:00Z'));
      expect(schedule.stagesAt(beforeDeadline(-DAY_MS, NIGHT_DEADLINE))).toEqual(['overdue-day-1']); // 03:00 CEST
    });
  });

  describe('nextWakeAt', () => {
    it('is the next threshold once everything due has been handled', () => {
      const schedule = new Schedule();
      schedule.at(schedule.update.releasedAt);
      expect(schedule.wakeAfter(schedule.update.releasedAt)).toBe(beforeDeadline(7 * DAY_MS).toISOString());
      schedule.at(beforeDeadline(4 * HOUR_MS));
      expect(schedule.wakeAfter(beforeDeadline(4 * HOUR_MS))).toBe(DEADLINE.toISOString());
    });

    it('is the next overdue day while overdue', () => {
      const schedule = new Schedule();
      schedule.at(schedule.update.releasedAt);
      const now = new Date(DEADLINE.getTime() + 2 * DAY_MS + HOUR_MS);
      schedule.at(now);
      expect(schedule.wakeAfter(now)).toBe(new Date(DEADLINE.getTime() + 3 * DAY_MS).toISOString());
    });

    it('is now when something due has not been handled yet', () => {
      const schedule = new Schedule();
      const now = beforeDeadline(5 * DAY_MS);
      expect(schedule.wakeAfter(now)).toBe(now.toISOString());
    });
  });

  describe('after the ledger lost its memory', () => {
    const lost = (assumeSentBefore: Date): SentKeys => ({ has: () => false, assumeSentBefore });

    it('takes what came due before then as sent, and raises only what came due since', () => {
      const update = updateDue(DEADLINE);
      const plan = remindersDue({
        update,
        now: beforeDeadline(3 * DAY_MS - HOUR_MS),
        sent: lost(beforeDeadline(5 * DAY_MS)),
        timeZone: BERLIN,
      });
      expect(plan.notifications.map(stageOf)).toEqual(['before-3d']);
      expect(plan.handledKeys).toContain(newUpdateKey(update.id));
    });

    it('raises nothing when everything due came due before then', () => {
      const plan = remindersDue({
        update: updateDue(DEADLINE),
        now: beforeDeadline(2 * DAY_MS),
        sent: lost(beforeDeadline(2 * DAY_MS + HOUR_MS)),
        timeZone: BERLIN,
      });
      expect(plan.notifications).toEqual([]);
    });

    it('still announces an update released since', () => {
      const update = updateDue(DEADLINE);
      const plan = remindersDue({
        update,
        now: new Date(update.releasedAt.getTime() + HOUR_MS),
        sent: lost(new Date(update.releasedAt.getTime() - HOUR_MS)),
        timeZone: BERLIN,
      });
      expect(plan.notifications.map(stageOf)).toEqual(['new']);
    });
  });
});
