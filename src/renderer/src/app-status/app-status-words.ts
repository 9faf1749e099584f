import type { AppProblem, AppProblemKind, CellAppHistory } from '../../../shared/app-status/app-status';
import type { CellAppView } from '../../../shared/app-status/app-status-ipc';
import { parseTime } from '../cells/format-time';

/**
 * The Overview's words for a cell's live Gitpod status. Colour is never the only cue: every
 * state has its words, and a problem names its kind ("Certificate not accepted").
 */

const PROBLEM_TITLES: Record<AppProblemKind, string> = {
  'http-refused': 'Domain refused',
  'invalid-domain': 'Domain not usable',
  unreachable: 'Unreachable',
  timeout: 'No answer in time',
  tls: 'Certificate not accepted',
  redirect: 'Redirects elsewhere',
  'http-error': 'Answers with errors',
  'bad-reply': 'Unexpected answer',
  'connect-error': 'Answers with errors',
  unsupported: 'Not supported by this Gitpod',
  'token-missing': 'Token needed',
  'token-rejected': 'Token rejected',
  'organization-needed': 'Organization needed',
  'no-domain': 'No domain',
};

export function problemTitle(problem: AppProblem): string {
  return PROBLEM_TITLES[problem.kind];
}

export type Tone = 'ok' | 'attention' | 'offline';

export interface Words {
  readonly text: string;
  readonly tone: Tone;
}

/** Reachable, with how long it took to answer; or since when it has not answered. */
export function reachabilityWords(view: CellAppView): Words {
  if (view.reachable === true) {
    return { text: view.responseMs === null ? 'Yes' : `Yes, answered in ${view.responseMs} ms`, tone: 'ok' };
  }
  if (view.reachable === false) {
    const title = view.problem ? problemTitle(view.problem) : 'Unreachable';
    return { text: title === 'Unreachable' ? 'No' : `No: ${title.toLowerCase()}`, tone: 'attention' };
  }
  if (view.checking) return { text: 'Checking…', tone: 'offline' };
  // One failed check is not an outage yet: it is said, not alarmed about.
  if (view.problem && view.failedChecks > 0)
    return { text: 'Not sure yet: the last check failed', tone: 'offline' };
  return { text: 'Not checked yet', tone: 'offline' };
}

export function maintenanceWords(view: CellAppView): Words {
  if (view.maintenance === true)
    return { text: 'On: workspaces cannot be started or stopped', tone: 'attention' };
  if (view.maintenance === false) return { text: 'Off', tone: 'ok' };
  if (view.maintenanceNeedsToken || !view.hasToken)
    return { text: 'Unknown: needs a personal access token', tone: 'offline' };
  if (view.maintenanceProblem)
    return { text: `Unknown: ${problemTitle(view.maintenanceProblem).toLowerCase()}`, tone: 'offline' };
  return { text: 'Unknown', tone: 'offline' };
}

export interface TimelineEntry {
  readonly key: string;
  /** When it began. */
  readonly at: Date;
  /** When a maintenance period ended; null while it lasts, undefined for a version. */
  readonly end?: Date | null;
  readonly kind: 'version' | 'maintenance';
  readonly text: string;
}

/** Version changes and maintenance periods in one list, newest first, at most `limit`. */
export function timelineEntries(history: CellAppHistory, limit = 10): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  history.versions.forEach((entry, index) => {
    const at = parseTime(entry.since);
    if (!at) return;
    entries.push({
      key: `v${index}:${entry.since}`,
      at,
      kind: 'version',
      text: index === 0 ? `Running ${entry.version}` : `Updated to ${entry.version}`,
    });
  });
  history.maintenance.forEach((period, index) => {
    const at = parseTime(period.start);
    if (!at) return;
    const end = parseTime(period.end);
    entries.push({
      key: `m${index}:${period.start}`,
      at,
      end,
      kind: 'maintenance',
      text: end ? 'Maintenance' : 'Maintenance, still on',
    });
  });
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

/** "12 minutes", "3 hours", "2 days": how long a period lasted. */
export function formatDuration(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}
