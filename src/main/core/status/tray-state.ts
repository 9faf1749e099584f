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

/** Attention that comes only from cells' live Gitpod status: no update is pending. */
const LIVE_ATTENTION_HEADLINE = 'A cell needs attention';

/**
 * The headline for the tray's state: an `attention` that comes only from the cells' live status
 * (maintenance, a notice, an outage) says so instead of speaking of an update.
 */
export function headlineFor(state: TrayState, cells: readonly CellSummary[]): string {
  if (state === 'attention') {
    const attention = cells.filter((cell) => cell.state === 'attention');
    if (attention.length > 0 && attention.every((cell) => cell.live === true)) return LIVE_ATTENTION_HEADLINE;
  }
  return STATE_HEADLINES[state];
}

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
  const lines = [`Dedicated Admin: ${headlineFor(state, cells)}`];
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
