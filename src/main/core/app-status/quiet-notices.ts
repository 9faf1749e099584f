import { describeError, type Logger } from '../log/logger';
import type { Notifier } from '../notify/notifier';
import type { TimerPort } from '../refresh/timers';
import { isQuietAt, type QuietHours, quietHoursEndAfter } from '../updates/quiet-hours';
import type { AppStatusEvent, AppStatusNotice } from './app-events';

/**
 * Live-status notifications in quiet hours: held until the quiet hours end, then what still
 * matters is said once. Per cell and topic only the latest is kept (a version that changed twice
 * overnight is one notification), and a change that undid itself meanwhile (down and up again,
 * maintenance on and off) is not said at all: the tray showed it while it lasted.
 */

type Topic = 'version' | 'reachability' | 'maintenance' | 'notice';

function topicOf(event: AppStatusEvent): Topic {
  switch (event.kind) {
    case 'version-changed':
      return 'version';
    case 'unreachable':
    case 'reachable-again':
      return 'reachability';
    case 'maintenance-on':
    case 'maintenance-off':
      return 'maintenance';
    default:
      return 'notice';
  }
}

/** Whether `last` brings back what was before `first`: nothing to tell. */
function undoes(first: AppStatusEvent, last: AppStatusEvent): boolean {
  return (
    (first.kind === 'unreachable' && last.kind === 'reachable-again') ||
    (first.kind === 'maintenance-on' && last.kind === 'maintenance-off') ||
    (first.kind === 'maintenance-off' && last.kind === 'maintenance-on') ||
    (first.kind === 'notice-set' && last.kind === 'notice-cleared')
  );
}

export interface QuietNoticesOptions {
  readonly notifier: Notifier;
  readonly quietHours: () => QuietHours | null;
  readonly timers: TimerPort;
  readonly logger: Logger;
}

export class QuietNotices {
  private readonly held = new Map<string, { first: AppStatusNotice; last: AppStatusNotice }>();
  private timer: unknown = null;

  constructor(private readonly options: QuietNoticesOptions) {}

  /** Says it now, or holds it until the quiet hours end. */
  push(notice: AppStatusNotice): void {
    const quiet = this.options.quietHours();
    const now = new Date(this.options.timers.now());
    if (!isQuietAt(quiet, now)) {
      this.say(notice);
      return;
    }
    const key = `${notice.cellId}:${topicOf(notice.event)}`;
    const entry = this.held.get(key);
    this.held.set(key, { first: entry?.first ?? notice, last: notice });
    this.arm();
  }

  /** Settings changed: quiet hours that ended or were removed let the held notices out now. */
  reschedule(): void {
    if (this.held.size === 0) return;
    this.flushIfAwake();
  }

  /** Notices waiting for the quiet hours to end (the tray shows the states meanwhile). */
  get waiting(): number {
    return this.held.size;
  }

  dispose(): void {
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    const quiet = this.options.quietHours();
    if (quiet === null) return;
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    const end = quietHoursEndAfter(quiet, new Date(this.options.timers.now())).getTime();
    this.timer = this.options.timers.setTimeout(
      () => {
        this.timer = null;
        this.flushIfAwake();
      },
      Math.max(0, end - this.options.timers.now()),
    );
  }

  private flushIfAwake(): void {
    if (isQuietAt(this.options.quietHours(), new Date(this.options.timers.now()))) {
      this.arm();
      return;
    }
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
    const held = [...this.held.values()];
    this.held.clear();
    for (const { first, last } of held) {
      if (first !== last && undoes(first.event, last.event)) continue;
      this.say(last);
    }
  }

  private say(notice: AppStatusNotice): void {
    try {
      this.options.notifier.notify(notice.notification);
    } catch (error) {
      this.options.logger.warn(`live status: a notification failed: ${describeError(error)}`);
    }
  }
}
