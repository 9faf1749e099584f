import type { AppProblemKind, CellAppStatus } from '../../../shared/app-status/app-status';
import type { CellSummary, TrayState } from '../../../shared/status';
import type { CellStatusSource } from '../status/status-service';
import { compareBySeverity } from '../status/tray-state';
import { DAY_MS, systemTimeZone } from '../updates/zoned-time';

/**
 * The cell's live application status in the tray: its menu line and, through the tray state,
 * its tooltip ("prod · maintenance on", "prod · unreachable since 10:42"). Folded into the
 * line the stacks and the pending update already make, as updates are (update-summary.ts).
 */
export interface AppTraySummary {
  /**
   * Never 'error' nor 'urgent': the app status is something to look at, not something broken
   * in the admin's infrastructure. A cell that does not answer is often only out of reach from
   * here (private cells are reached over a VPN), and maintenance is usually on on purpose,
   * during an update. Yet each is worth a glance: users cannot start workspaces, or are about
   * to be told they soon cannot, or the admin cannot see the cell at all. 'attention' also puts
   * the line in the tooltip, which lists only cells that are not 'ok'.
   */
  readonly state: Extract<TrayState, 'attention'>;
  readonly line: string;
}

const MAX_LINE = 200;
const NOTICE_WORDS = 60;

function clip(text: string, limit: number = MAX_LINE): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** The first failure's words: only a connection that failed is "unreachable". */
const FAILURE_WORDS: Partial<Record<AppProblemKind, string>> = {
  tls: 'certificate not accepted',
  redirect: 'redirects elsewhere',
  'bad-reply': 'answers unexpectedly',
  'http-error': 'answers with errors',
  'connect-error': 'answers with errors',
};

/** "10:42" today, "Mon 10:42" within a week, "3 Jun 10:42" before, on this machine's clock. */
export function shortTime(iso: string, now: Date, timeZone: string = systemTimeZone()): string {
  const at = new Date(iso);
  const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(at);
  const day = (date: Date): string =>
    new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(
      date,
    );
  if (day(at) === day(now)) return clock;
  const options: Intl.DateTimeFormatOptions =
    now.getTime() - at.getTime() < 6 * DAY_MS
      ? { weekday: 'short', timeZone }
      : { day: 'numeric', month: 'short', timeZone };
  return `${new Intl.DateTimeFormat('en-GB', options).format(at)} ${clock}`;
}

/** What the tray says of a cell's application, or null when there is nothing to say. */
export function appTraySummary(
  status: CellAppStatus,
  now: Date,
  timeZone: string = systemTimeZone(),
): AppTraySummary | null {
  const parts: string[] = [];
  if (status.reachable === false) {
    const words = (status.problem && FAILURE_WORDS[status.problem.kind]) ?? 'unreachable';
    const since = status.unreachableSince
      ? ` since ${shortTime(status.unreachableSince, now, timeZone)}`
      : '';
    parts.push(`${words}${since}`);
  }
  if (status.maintenance === true) parts.push('maintenance on');
  if (status.maintenanceNotice !== null) {
    const notice = status.maintenanceNotice.replace(/\s+/g, ' ').trim();
    parts.push(
      notice === '' ? 'maintenance announced' : `maintenance announced: “${clip(notice, NOTICE_WORDS)}”`,
    );
  }
  return parts.length === 0 ? null : { state: 'attention', line: clip(parts.join(' · ')) };
}

/**
 * One tray line from the cell's summary so far and its application's: the more severe state;
 * the stacks' and update's words first unless the app's are more severe ("stacks stable" and
 * "not checked yet" give way, as they do for an update).
 */
export function combineAppSummary(base: CellSummary, app: AppTraySummary | null): CellSummary {
  if (!app) return base;
  if (base.state === 'ok') return { name: base.name, state: app.state, line: app.line, live: true };
  const appFirst = compareBySeverity(app.state, base.state) < 0;
  const [state, lines] = appFirst ? [app.state, [app.line, base.line]] : [base.state, [base.line, app.line]];
  return {
    name: base.name,
    state,
    line: clip(lines.join(' · ')),
    ...(appFirst ? { live: true as const } : {}),
  };
}

/** The cells' tray lines with each one's application status folded in, matched by name. */
export function withAppStatus(
  summaries: readonly CellSummary[],
  statuses: readonly CellAppStatus[],
  now: Date,
  timeZone: string = systemTimeZone(),
): CellSummary[] {
  const byName = new Map(statuses.map((status) => [status.name, status]));
  return summaries.map((summary) => {
    const status = byName.get(summary.name);
    return combineAppSummary(summary, status ? appTraySummary(status, now, timeZone) : null);
  });
}

/** A tray source that is `base` with the application status folded into its lines. */
export function withAppStatusSource(
  base: CellStatusSource,
  statuses: () => readonly CellAppStatus[],
  now: () => Date,
): CellStatusSource {
  const fold = (summaries: readonly CellSummary[]): CellSummary[] =>
    withAppStatus(summaries, statuses(), now());
  const peek = base.peek;
  return {
    name: base.name,
    check: async () => fold(await base.check()),
    ...(peek ? { peek: () => fold(peek()) } : {}),
  };
}

/** What of the application status the tray shows: to recompose only when it changed. */
export function appTrayKey(statuses: readonly CellAppStatus[], now: Date): string {
  return statuses
    .map((status) => `${status.name}\u0000${appTraySummary(status, now)?.line ?? ''}`)
    .join('\u0001');
}
