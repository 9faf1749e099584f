import type { AppProblem } from '../../../shared/app-status/app-status';
import type { AppNotification } from '../notify/notifier';
import { versionDirection } from './version-order';

/** A change worth telling the admin about; each is produced once per transition. */
export type AppStatusEvent =
  | { readonly kind: 'version-changed'; readonly from: string; readonly to: string }
  | { readonly kind: 'unreachable'; readonly problem: AppProblem; readonly since: string }
  | { readonly kind: 'reachable-again'; readonly downSince: string | null; readonly version: string | null }
  | { readonly kind: 'maintenance-on' }
  | { readonly kind: 'maintenance-off' }
  | { readonly kind: 'notice-set'; readonly notice: string }
  | { readonly kind: 'notice-changed'; readonly notice: string }
  | { readonly kind: 'notice-cleared' };

export interface AppStatusNotice {
  readonly cellId: string;
  readonly event: AppStatusEvent;
  readonly notification: AppNotification;
  /** ISO time of the check that found it. */
  readonly at: string;
}

export interface NoticeCell {
  readonly cellId: string;
  readonly name: string;
  readonly domain: string;
}

const BODY_MAX = 300;

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > BODY_MAX ? `${line.slice(0, BODY_MAX - 1)}…` : line;
}

function minutesBetween(fromIso: string, toIso: string): number {
  return Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
}

function duration(minutes: number): string {
  if (minutes < 1) return 'less than a minute';
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return `${hours} hours`;
}

/** A problem's words for a title: only connection failures are "unreachable". */
function problemTitle(found: AppProblem): string {
  switch (found.kind) {
    case 'tls':
      return 'certificate not accepted';
    case 'redirect':
      return 'redirects elsewhere';
    case 'bad-reply':
      return 'answers unexpectedly';
    case 'http-error':
      return 'answers with errors';
    default:
      return 'unreachable';
  }
}

/** The desktop notification for an event; a click opens the Overview at the cell. */
export function noticeForAppEvent(cell: NoticeCell, event: AppStatusEvent, at: string): AppNotification {
  const target = { view: 'overview' as const, itemId: cell.cellId };
  const { name, domain } = cell;
  switch (event.kind) {
    case 'version-changed': {
      const direction = versionDirection(event.from, event.to);
      if (direction === 'older') {
        return {
          title: `${name} went back to ${event.to}`,
          body: `Gitpod on ${domain} now runs ${event.to}, an older build than ${event.from}.`,
          target,
        };
      }
      return {
        title: `${name} updated to ${event.to}`,
        body: `Gitpod on ${domain} changed from ${event.from} to ${event.to}.`,
        target,
      };
    }
    case 'unreachable': {
      const title = problemTitle(event.problem);
      return {
        title: title === 'unreachable' ? `${name} is unreachable` : `${name}: ${title}`,
        body: short(`${event.problem.message} ${event.problem.fix ?? ''}`),
        target,
      };
    }
    case 'reachable-again': {
      const down = event.downSince === null ? '' : ` after ${duration(minutesBetween(event.downSince, at))}`;
      const version = event.version === null ? '' : ` (${event.version})`;
      return {
        title: `${name} is reachable again`,
        body: `${domain} answers again${version}${down}.`,
        target,
      };
    }
    case 'maintenance-on':
      return {
        title: `${name} is in maintenance`,
        body: `Workspaces on ${domain} cannot be started or stopped until maintenance ends; running ones are not affected.`,
        target,
      };
    case 'maintenance-off':
      return {
        title: `${name}: maintenance is over`,
        body: `Workspaces on ${domain} can be started and stopped again.`,
        target,
      };
    case 'notice-set':
      return {
        title: `${name}: maintenance announced`,
        body: event.notice === '' ? `${domain} shows its users a maintenance notice.` : short(event.notice),
        target,
      };
    case 'notice-changed':
      return {
        title: `${name}: maintenance notice changed`,
        body: event.notice === '' ? `${domain} shows its users a maintenance notice.` : short(event.notice),
        target,
      };
    case 'notice-cleared':
      return {
        title: `${name}: maintenance notice removed`,
        body: `${domain} no longer shows its users a maintenance notice.`,
        target,
      };
  }
}
