import type { AppNotification, Notifier } from '../notify/notifier';

/** A notification with the key that makes it fire once, across restarts. */
export interface KeyedNotification extends AppNotification {
  readonly key: string;
}

/** What one evaluation decided. */
export interface NotificationPlan {
  /** Raise these now. */
  readonly notifications: readonly KeyedNotification[];
  /**
   * Record these as handled: the keys of the notifications above, of reminders superseded by
   * a later one (so they never fire late), and of those already sent (recording them again
   * keeps them from being pruned while they still matter).
   */
  readonly handledKeys: readonly string[];
}

/** The notifications already handled, as the schedules need to know them. */
export interface SentKeys {
  has(key: string): boolean;
  /**
   * Set after the record of sent notifications was lost (a corrupt ledger): whatever became
   * due before this instant is taken as sent, because it probably was.
   */
  readonly assumeSentBefore?: Date | null;
}

/** Whether a notification that became due at `dueAt` counts as already handled. */
export function isHandled(sent: SentKeys, key: string, dueAt: Date): boolean {
  if (sent.has(key)) return true;
  const blindUntil = sent.assumeSentBefore;
  return blindUntil != null && dueAt.getTime() < blindUntil.getTime();
}

export function mergePlans(plans: readonly NotificationPlan[]): NotificationPlan {
  return {
    notifications: plans.flatMap((plan) => plan.notifications),
    handledKeys: [...new Set(plans.flatMap((plan) => plan.handledKeys))],
  };
}

export interface KeyRecorder {
  record(keys: readonly string[], now: Date): Promise<void>;
}

/**
 * Records the plan, then raises its notifications. Recording first makes delivery
 * at-most-once: a crash between the two loses one notification (the tray still shows the
 * state), where the other order would repeat it on every restart until a write succeeds. If
 * recording fails, nothing is raised and the error goes to the caller.
 */
export async function deliverPlan(
  plan: NotificationPlan,
  deps: { readonly ledger: KeyRecorder; readonly notifier: Notifier; readonly now: Date },
): Promise<readonly KeyedNotification[]> {
  if (plan.handledKeys.length > 0) await deps.ledger.record(plan.handledKeys, deps.now);
  for (const { title, body, target } of plan.notifications) deps.notifier.notify({ title, body, target });
  return plan.notifications;
}
