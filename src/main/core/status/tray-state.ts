import type { CellSummary, TrayState } from '../../../shared/status';

/**
 * How loudly each state speaks, ranked by how much the admin must act now. `offline` ranks
 * low: reconnecting is the only action, and it must not hide a deadline known from the last
 * check. `urgent` ranks highest: a missed deadline takes the cell out of the support SLA.
 */
const SEVERITY: Record<TrayState, number> = {
  ok: 0,
  offline: 1,
  attention: 2,
  error: 3,
  urgent: 4,
};

export const STATE_HEADLINES: Record<TrayState, string> = {
  ok: 'All cells up to date',
  attention: 'Infrastructure update pending',
  urgent: 'Infrastructure update due within 48 hours or overdue',
  error: 'A stack or a check failed',
  offline: 'Offline: AWS could not be reached',
};

export function worstState(states: Iterable<TrayState>): TrayState {
  let worst: TrayState = 'ok';
  for (const state of states) {
    if (SEVERITY[state] > SEVERITY[worst]) worst = state;
  }
  return worst;
}

export function compareBySeverity(a: TrayState, b: TrayState): number {
  return SEVERITY[b] - SEVERITY[a];
}

const MAX_CELL_LINES = 3;

/** The tray tooltip: the headline, then the cells that need attention, worst first. */
export function composeTooltip(state: TrayState, cells: readonly CellSummary[]): string {
  if (cells.length === 0 && state === 'ok') {
    return 'Dedicated Admin\nNo cell set up yet: open the dashboard to add one';
  }
  const lines = [`Dedicated Admin: ${STATE_HEADLINES[state]}`];
  const noteworthy = cells
    .filter((cell) => cell.state !== 'ok')
    .sort((a, b) => compareBySeverity(a.state, b.state));
  for (const cell of noteworthy.slice(0, MAX_CELL_LINES)) {
    lines.push(`${cell.name} · ${cell.line}`);
  }
  if (noteworthy.length > MAX_CELL_LINES) {
    lines.push(`and ${noteworthy.length - MAX_CELL_LINES} more`);
  }
  return lines.join('\n');
}
