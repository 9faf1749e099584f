import type { AppProblem } from '../../../shared/app-status/app-status';
import type { AppStatusEvent } from './app-events';
import type { LastMaintenance } from './app-history';

/**
 * The rules that turn one check's outcome into state and events, free of timers and I/O.
 * Reachability is debounced: a single failed check is not an outage (a laptop waking up, a
 * VPN reconnecting), so the cell counts as unreachable only after `outageAfter` failures in a
 * row, and only a cell that was reachable before produces the "unreachable" event.
 */

export const DEFAULT_OUTAGE_AFTER = 2;

export interface Reachability {
  /** null until the first success or the first confirmed outage. */
  readonly reachable: boolean | null;
  readonly failedChecks: number;
  /** When the current run of failures began; null while checks succeed. */
  readonly failingSince: string | null;
  /**
   * Whether the current outage was announced. One found at start (never reachable before) is
   * not, and then neither is its end: "reachable again" only follows "unreachable".
   */
  readonly announced: boolean;
}

export const INITIAL_REACHABILITY: Reachability = {
  reachable: null,
  failedChecks: 0,
  failingSince: null,
  announced: false,
};

export function nextReachability(
  previous: Reachability,
  outcome: { readonly problem: AppProblem | null; readonly version: string | null },
  at: string,
  outageAfter: number = DEFAULT_OUTAGE_AFTER,
): { state: Reachability; event: AppStatusEvent | null } {
  if (outcome.problem === null) {
    const event: AppStatusEvent | null =
      previous.reachable === false && previous.announced
        ? { kind: 'reachable-again', downSince: previous.failingSince, version: outcome.version }
        : null;
    return { state: { reachable: true, failedChecks: 0, failingSince: null, announced: false }, event };
  }
  const failedChecks = previous.failedChecks + 1;
  const failingSince = previous.failingSince ?? at;
  if (failedChecks < Math.max(1, outageAfter) || previous.reachable === false) {
    return { state: { ...previous, failedChecks, failingSince }, event: null };
  }
  const announced = previous.reachable === true;
  const event: AppStatusEvent | null = announced
    ? { kind: 'unreachable', problem: outcome.problem, since: failingSince }
    : null;
  return { state: { reachable: false, failedChecks, failingSince, announced }, event };
}

/**
 * Maintenance and notice changes between two readings. Nothing is said about the first
 * reading ever (there is no "before" to compare with); after that, each change once.
 */
export function maintenanceEvents(previous: LastMaintenance | null, next: LastMaintenance): AppStatusEvent[] {
  if (previous === null) return [];
  const events: AppStatusEvent[] = [];
  if (!previous.on && next.on) events.push({ kind: 'maintenance-on' });
  if (previous.on && !next.on) events.push({ kind: 'maintenance-off' });
  if (previous.notice === null && next.notice !== null)
    events.push({ kind: 'notice-set', notice: next.notice });
  if (previous.notice !== null && next.notice !== null && previous.notice !== next.notice) {
    events.push({ kind: 'notice-changed', notice: next.notice });
  }
  if (previous.notice !== null && next.notice === null) events.push({ kind: 'notice-cleared' });
  return events;
}
