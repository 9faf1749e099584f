import type { StatusSnapshot } from '../../../shared/status';
import type { AppNotification } from '../notify/notifier';

/**
 * The notification, if any, for a change between two checks. Only transitions into and out
 * of failure speak up here; updates, deadlines and maintenance bring their own, with their
 * own de-duplication, in the capabilities that detect them.
 */
export function noticeForTransition(previous: StatusSnapshot, next: StatusSnapshot): AppNotification | null {
  if (next.checking || previous.checkedAt === null) return null;
  if (next.state === 'error' && previous.state !== 'error') {
    return {
      title: 'Dedicated Admin: a check failed',
      body: next.tooltip.split('\n').slice(1).join(' ') || 'Open the dashboard for details.',
      target: { view: 'overview' },
    };
  }
  if (next.state === 'offline' && previous.state !== 'offline') {
    return {
      title: 'Dedicated Admin is offline',
      body: 'AWS could not be reached. The app keeps trying and will tell you when it is back.',
      target: { view: 'overview' },
    };
  }
  return null;
}
