import { describeDeadline } from './deadline';
import { isHandled, type KeyedNotification, type NotificationPlan, type SentKeys } from './delivery';
import { isQuietAt, type QuietHours, quietHoursEndAfter } from './quiet-hours';
import { DAY_MS, HOUR_MS, systemTimeZone } from './zoned-time';

/** One pending update, as the reminder schedule needs it. */
export interface UpdateForReminders {
  /** Stable across refreshes and restarts (a change set ARN, an import id). */
  readonly id: string;
  readonly cellName: string;
  /** "Infrastructure Update v37". */
  readonly label: string;
  readonly releasedAt: Date;
  readonly deadline: Date;
  readonly snoozedUntil?: Date | null;
}

export interface ReminderContext {
  readonly update: UpdateForReminders;
  readonly now: Date;
  readonly sent: SentKeys;
  readonly quietHours?: QuietHours | null;
  /** The zone the texts are written in; default: the quiet hours' zone, else this machine's. */
  readonly timeZone?: string;
}

type StageKind = 'before' | 'deadline' | 'overdue';

interface Stage {
  readonly key: string;
  readonly at: Date;
  readonly kind: StageKind;
}

const BEFORE_DEADLINE = [
  { name: 'before-7d', ms: 7 * DAY_MS },
  { name: 'before-3d', ms: 3 * DAY_MS },
  { name: 'before-1d', ms: DAY_MS },
  { name: 'before-4h', ms: 4 * HOUR_MS },
] as const;

export function newUpdateKey(updateId: string): string {
  return `update:${updateId}:new`;
}

/**
 * Reminder keys carry the deadline, so a deadline the vendor moves starts a fresh schedule
 * (whose already-passed stages then collapse into one, like any others), while the "new
 * update" notification stays once per update.
 */
function stageKey(update: UpdateForReminders, stage: string): string {
  return `update:${update.id}:due-${update.deadline.toISOString()}:${stage}`;
}

/** 7 d, 3 d, 1 d and 4 h before, at the deadline, then every 24 h while overdue, up to the first one after `now`. */
function stagesUntilAfter(update: UpdateForReminders, now: Date): Stage[] {
  const deadline = update.deadline.getTime();
  const stages: Stage[] = BEFORE_DEADLINE.map(({ name, ms }) => ({
    key: stageKey(update, name),
    at: new Date(deadline - ms),
    kind: 'before',
  }));
  stages.push({ key: stageKey(update, 'deadline'), at: new Date(deadline), kind: 'deadline' });
  const overdueDays = Math.max(0, Math.floor((now.getTime() - deadline) / DAY_MS));
  for (let day = 1; day <= overdueDays + 1; day += 1) {
    stages.push({
      key: stageKey(update, `overdue-day-${day}`),
      at: new Date(deadline + day * DAY_MS),
      kind: 'overdue',
    });
  }
  return stages;
}

/**
 * The snooze the admin asked for, cut at the deadline: a snooze never hides the deadline or
 * what comes after it. Null when nothing would be snoozed (the time is not in the future, or
 * the deadline has passed).
 */
export function clampSnooze(requested: Date, deadline: Date, now: Date): Date | null {
  const until = Math.min(requested.getTime(), deadline.getTime());
  return until > now.getTime() ? new Date(until) : null;
}

/** When the snooze ends; a stored snooze past the deadline (the deadline moved) is cut again. */
function snoozeEnd(update: UpdateForReminders): number | null {
  if (!update.snoozedUntil) return null;
  return Math.min(update.snoozedUntil.getTime(), update.deadline.getTime());
}

/** Quiet hours hold back everything except what concerns an overdue update. */
function heldByQuietHours(context: ReminderContext, at: Date): boolean {
  return at.getTime() < context.update.deadline.getTime() && isQuietAt(context.quietHours, at);
}

/**
 * The notifications due now for one pending update.
 *
 * - The first time an update is seen: "new update" (which already says how long is left, so
 *   any reminder stages passed by then are folded into it).
 * - Afterwards only the latest stage that has come due is raised; earlier stages not sent yet
 *   (the app was closed, asleep, snoozed or quiet while they passed) are recorded as handled
 *   and never fire: one current reminder instead of a burst of stale ones.
 * - Snooze holds reminders back until it ends; quiet hours hold everything back, except for
 *   an overdue update, until they end. What is held back is not recorded, so it is raised
 *   once the hold ends — if it is still the latest stage by then.
 */
export function remindersDue(context: ReminderContext): NotificationPlan {
  const { update, now, sent } = context;
  const passed = stagesUntilAfter(update, now).filter((stage) => stage.at.getTime() <= now.getTime());
  const latest = passed.at(-1);
  const superseded = passed.slice(0, -1).map((stage) => stage.key);
  const quiet = heldByQuietHours(context, now);
  const newKey = newUpdateKey(update.id);

  if (!isHandled(sent, newKey, update.releasedAt)) {
    if (quiet) return { notifications: [], handledKeys: superseded };
    return {
      notifications: [newUpdateNotification(context)],
      handledKeys: [newKey, ...passed.map((stage) => stage.key)],
    };
  }
  if (!latest || isHandled(sent, latest.key, latest.at)) {
    return { notifications: [], handledKeys: [newKey, ...passed.map((stage) => stage.key)] };
  }
  const end = snoozeEnd(update);
  const snoozed = end !== null && now.getTime() < end;
  if (quiet || snoozed) return { notifications: [], handledKeys: [newKey, ...superseded] };
  return {
    notifications: [stageNotification(context, latest)],
    handledKeys: [newKey, ...passed.map((stage) => stage.key)],
  };
}

/**
 * When `remindersDue` will next have something to raise for this update, so the shell can set
 * one timer rather than poll. Pass the `sent` keys as they are after recording the current
 * plan; an answer at or before `now` means "evaluate now". Waking early is harmless.
 */
export function nextWakeAt(context: ReminderContext): Date {
  const { update, now, sent } = context;
  const stages = stagesUntilAfter(update, now);
  const candidates: number[] = [];
  if (!isHandled(sent, newUpdateKey(update.id), update.releasedAt)) {
    candidates.push(deliveryTime(context, now.getTime(), false));
  }
  const latest = stages.filter((stage) => stage.at.getTime() <= now.getTime()).at(-1);
  if (latest && !isHandled(sent, latest.key, latest.at)) {
    candidates.push(deliveryTime(context, now.getTime(), true));
  }
  const next = stages.find((stage) => stage.at.getTime() > now.getTime());
  if (next) candidates.push(deliveryTime(context, next.at.getTime(), true));
  return new Date(Math.min(...candidates));
}

/** The first instant from `from` on at which neither snooze nor quiet hours hold a stage back. */
function deliveryTime(context: ReminderContext, from: number, snoozable: boolean): number {
  let at = from;
  const end = snoozeEnd(context.update);
  if (snoozable && end !== null && end > at) at = end;
  if (context.quietHours && heldByQuietHours(context, new Date(at))) {
    // The deadline lifts quiet hours by itself: the update is overdue from then on.
    at = Math.min(
      quietHoursEndAfter(context.quietHours, new Date(at)).getTime(),
      context.update.deadline.getTime(),
    );
  }
  return at;
}

function textZone(context: ReminderContext): string {
  return context.timeZone ?? context.quietHours?.timeZone ?? systemTimeZone();
}

function newUpdateNotification(context: ReminderContext): KeyedNotification {
  const { update, now } = context;
  const due = describeDeadline(update.deadline, now, textZone(context));
  const body =
    due.state === 'overdue'
      ? `${update.label} was due ${due.absolute} and is ${due.relative}. ${due.meaning}`
      : `${update.label} must be applied by ${due.absolute} (${due.relative}).`;
  return {
    key: newUpdateKey(update.id),
    title: `${update.cellName}: new infrastructure update`,
    body,
    target: { view: 'updates', itemId: update.id },
  };
}

function stageNotification(context: ReminderContext, stage: Stage): KeyedNotification {
  const { update, now } = context;
  // Written from `now`, not from the stage: a reminder raised late says how long is left now.
  const due = describeDeadline(update.deadline, now, textZone(context));
  const title =
    stage.kind === 'deadline'
      ? `${update.cellName}: infrastructure update deadline reached`
      : `${update.cellName}: infrastructure update ${due.relative}`;
  const body =
    due.state === 'overdue'
      ? `${update.label} was due ${due.absolute}. ${due.meaning}`
      : `${update.label} must be applied by ${due.absolute}.`;
  return { key: stage.key, title, body, target: { view: 'updates', itemId: update.id } };
}
