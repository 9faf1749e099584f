import { describe, expect, it } from 'vitest';
import type { KeyedNotification } from './delivery';
import {
  type EventContext,
  type EventNotice,
  eventsDue,
  nextEventWakeAt,
  type StackStateChange,
  stackStateNotice,
  updateAppliedNotice,
} from './event-notices';
import type { QuietHours } from './quiet-hours';
import { DAY_MS, HOUR_MS } from './zoned-time';

const NOW = new Date('2026-06-10T10:00:00Z'); // 12:00 CEST
const NIGHT: QuietHours = { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' };

function change(extra: Partial<StackStateChange> = {}): StackStateChange {
  return {
    cellId: 'cell-1',
    cellName: 'prod',
    stackName: 'gitpod-instance',
    status: 'UPDATE_ROLLBACK_COMPLETE',
    enteredAt: new Date(NOW.getTime() - HOUR_MS),
    ...extra,
  };
}

function notice(extra: Partial<StackStateChange> = {}): EventNotice {
  const result = stackStateNotice(change(extra));
  if (!result) throw new Error('expected a notice');
  return result;
}

/** Evaluates like the shell: raise, record. */
function evaluate(
  sent: Set<string>,
  notices: EventNotice[],
  context: Partial<EventContext> = {},
): KeyedNotification[] {
  const plan = eventsDue(notices, { now: NOW, sent, ...context });
  for (const key of plan.handledKeys) sent.add(key);
  return [...plan.notifications];
}

describe('src/main/core/updates/event-notices', () => {
  describe('stackStateNotice', () => {
    it('tells of a rolled-back stack, naming the cell and the stack, with what to do', () => {
      const rolledBack = notice();
      expect(rolledBack.title).toBe('prod: stack gitpod-instance rolled back');
      expect(rolledBack.body).toContain('was rolled back');
      expect(rolledBack.body).toContain('stack events');
      expect(rolledBack.target).toEqual({ view: 'overview' });
    });

    it.each(['UPDATE_ROLLBACK_FAILED', 'ROLLBACK_COMPLETE', 'UPDATE_FAILED', 'DELETE_FAILED'])(
      'tells of a stack in %s as failed',
      (status) => {
        expect(notice({ status }).title).toBe('prod: stack gitpod-instance failed');
      },
    );

    it.each(['UPDATE_COMPLETE', 'UPDATE_IN_PROGRESS', 'UPDATE_ROLLBACK_IN_PROGRESS', 'CREATE_COMPLETE'])(
      'says nothing about a stack in %s',
      (status) => {
        expect(stackStateNotice(change({ status }))).toBeNull();
      },
    );
  });

  describe('eventsDue', () => {
    it('raises a failed stack once however often the same state is seen', () => {
      const sent = new Set<string>();
      expect(evaluate(sent, [notice()]).map((n) => n.title)).toEqual([
        'prod: stack gitpod-instance rolled back',
      ]);
      expect(evaluate(sent, [notice()])).toEqual([]);
      expect(evaluate(sent, [notice()], { now: new Date(NOW.getTime() + DAY_MS) })).toEqual([]);
    });

    it('raises it again when the stack fails again later: a new transition', () => {
      const sent = new Set<string>();
      evaluate(sent, [notice()]);
      expect(evaluate(sent, [notice({ status: 'UPDATE_ROLLBACK_COMPLETE', enteredAt: NOW })])).toHaveLength(
        1,
      );
      expect(evaluate(sent, [notice({ status: 'UPDATE_ROLLBACK_FAILED', enteredAt: NOW })])).toHaveLength(1);
    });

    it('raises "update applied" once', () => {
      const applied = updateAppliedNotice({
        updateId: 'u-1',
        cellName: 'prod',
        label: 'Infrastructure Update v37',
        appliedAt: NOW,
      });
      expect(applied.title).toBe('prod: infrastructure update applied');
      expect(applied.target).toEqual({ view: 'updates', itemId: 'u-1' });
      const sent = new Set<string>();
      expect(evaluate(sent, [applied])).toHaveLength(1);
      expect(evaluate(sent, [applied])).toEqual([]);
    });

    it('holds notices back during quiet hours and raises them when they end, if still true', () => {
      const sent = new Set<string>();
      const night = new Date('2026-06-10T22:00:00Z'); // 00:00 CEST
      const failed = notice({ enteredAt: night });
      expect(evaluate(sent, [failed], { now: night, quietHours: NIGHT })).toEqual([]);
      expect(nextEventWakeAt([failed], { now: night, sent, quietHours: NIGHT })?.toISOString()).toBe(
        '2026-06-11T05:00:00.000Z',
      );
      const morning = new Date('2026-06-11T05:00:00Z');
      expect(evaluate(sent, [failed], { now: morning, quietHours: NIGHT })).toHaveLength(1);
      expect(nextEventWakeAt([failed], { now: morning, sent, quietHours: NIGHT })).toBeNull();
    });

    it('records events older than a week without raising them', () => {
      const sent = new Set<string>();
      const old = notice({ enteredAt: new Date(NOW.getTime() - 30 * DAY_MS) });
      const plan = eventsDue([old], { now: NOW, sent });
      expect(plan.notifications).toEqual([]);
      expect(plan.handledKeys).toEqual([old.key]);
    });

    it('keeps recording already-sent keys so the ledger does not forget them while they hold', () => {
      const sent = new Set<string>();
      const failed = notice();
      evaluate(sent, [failed]);
      expect(eventsDue([failed], { now: NOW, sent }).handledKeys).toEqual([failed.key]);
    });

    it('takes events from before a ledger loss as sent', () => {
      const plan = eventsDue([notice()], { now: NOW, sent: { has: () => false, assumeSentBefore: NOW } });
      expect(plan.notifications).toEqual([]);
    });
  });
});
