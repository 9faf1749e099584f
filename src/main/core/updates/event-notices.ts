import { explainStackStatus } from '../cells/stack-status';
import { isHandled, type KeyedNotification, type NotificationPlan, type SentKeys } from './delivery';
import { isQuietAt, type QuietHours, quietHoursEndAfter } from './quiet-hours';
import { DAY_MS } from './zoned-time';

/** A notification about something that happened, with when it happened. */
export interface EventNotice extends KeyedNotification {
  readonly occurredAt: Date;
}

/** A stack as last described, with the time it entered its status (its `LastUpdatedTime`). */
export interface StackStateChange {
  /** The cell's id: keys survive renaming the cell. */
  readonly cellId: string;
  readonly cellName: string;
  readonly stackName: string;
  readonly status: string;
  readonly enteredAt: Date;
}

/**
 * The notice for a stack in a failed or rolled-back status, or null for any other status.
 * Keyed by the stack, the status and when it was entered: it fires once per transition,
 * however often the same state is seen, and again if the stack fails again later.
 */
export function stackStateNotice(change: StackStateChange): EventNotice | null {
  const explanation = explainStackStatus(change.status);
  const rolledBack = explanation.category === 'rolled-back';
  if (
    !rolledBack &&
    explanation.category !== 'failed' &&
    explanation.category !== 'needs-continue-rollback'
  ) {
    return null;
  }
  return {
    key: `stack:${change.cellId}:${change.stackName}:${change.status}:${change.enteredAt.toISOString()}`,
    occurredAt: change.enteredAt,
    title: `${change.cellName}: stack ${change.stackName} ${rolledBack ? 'rolled back' : 'failed'}`,
    body: [explanation.words, explanation.nextStep].filter(Boolean).join(' '),
    target: { view: 'overview' },
  };
}

export interface AppliedUpdate {
  readonly updateId: string;
  readonly cellName: string;
  readonly label: string;
  readonly appliedAt: Date;
}

export function updateAppliedNotice(update: AppliedUpdate): EventNotice {
  return {
    key: `update:${update.updateId}:applied`,
    occurredAt: update.appliedAt,
    title: `${update.cellName}: infrastructure update applied`,
    body: `${update.label} is applied; the cell keeps receiving Gitpod updates.`,
    target: { view: 'updates', itemId: update.updateId },
  };
}

/** Events older than this are recorded without a notification: news, not history. */
export const EVENT_NOTICE_MAX_AGE_MS = 7 * DAY_MS;

export interface EventContext {
  readonly now: Date;
  readonly sent: SentKeys;
  readonly quietHours?: QuietHours | null;
  readonly maxAgeMs?: number;
}

/**
 * The event notices to raise now. Pass every notice that is true of the current state (each
 * stack in a failed status, each update applied recently), on every evaluation: the keys make
 * each fire once, and a notice held back by quiet hours is raised when they end if its state
 * still holds. Events older than `maxAgeMs` (a stack that failed long before the app was
 * installed) are recorded silently.
 */
export function eventsDue(notices: readonly EventNotice[], context: EventContext): NotificationPlan {
  const maxAge = context.maxAgeMs ?? EVENT_NOTICE_MAX_AGE_MS;
  const quiet = isQuietAt(context.quietHours, context.now);
  const notifications: KeyedNotification[] = [];
  const handledKeys: string[] = [];
  for (const { occurredAt, ...notice } of notices) {
    const stale = context.now.getTime() - occurredAt.getTime() > maxAge;
    if (isHandled(context.sent, notice.key, occurredAt) || stale) {
      handledKeys.push(notice.key);
    } else if (!quiet) {
      notifications.push(notice);
      handledKeys.push(notice.key);
    }
  }
  return { notifications, handledKeys };
}

/** When quiet hours release a held-back notice, or null when none is held back. */
export function nextEventWakeAt(notices: readonly EventNotice[], context: EventContext): Date | null {
  const quiet = context.quietHours;
  if (!quiet || !isQuietAt(quiet, context.now)) return null;
  const held = eventsDue(notices, { ...context, quietHours: null }).notifications.length > 0;
  return held ? quietHoursEndAfter(quiet, context.now) : null;
}
