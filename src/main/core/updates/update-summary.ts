import type { CellSummary, TrayState } from '../../../shared/status';
import type { UpdateToApply } from '../../../shared/updates/pending-update';
import { compareBySeverity } from '../status/tray-state';
import { relativeDeadline } from './deadline';
import { systemTimeZone } from './zoned-time';

/** A cell's pending update as the tray says it. */
export interface UpdateTraySummary {
  /** 'urgent' within 48 hours of the deadline or past it; 'attention' before. */
  readonly state: Extract<TrayState, 'attention' | 'urgent'>;
  /** "infrastructure update due in 5 days", "infrastructure update overdue by 2 days". */
  readonly line: string;
}

const MAX_LINE = 200;

function clip(text: string): string {
  return text.length <= MAX_LINE ? text : `${text.slice(0, MAX_LINE - 1)}…`;
}

/** The tray's words for the update to apply (its deadline is the earliest of those it covers). */
export function updateTraySummary(
  toApply: UpdateToApply | null,
  now: Date,
  timeZone: string = systemTimeZone(),
): UpdateTraySummary | null {
  if (!toApply) return null;
  const urgent = toApply.state === 'urgent' || toApply.state === 'overdue';
  return {
    state: urgent ? 'urgent' : 'attention',
    line: `infrastructure update ${relativeDeadline(new Date(toApply.deadline), now, timeZone)}`,
  };
}

/**
 * One tray line per cell from the stacks' summary (cell-summary.ts) and the update's: the more
 * severe state, its line first, the other after it when it says something ("stacks stable"
 * and "not checked yet" are left out once there is an update to speak of).
 */
export function combineCellSummary(base: CellSummary, update: UpdateTraySummary | null): CellSummary {
  if (!update) return base;
  if (base.state === 'ok') return { name: base.name, state: update.state, line: clip(update.line) };
  const updateFirst = compareBySeverity(update.state, base.state) <= 0;
  const [state, lines] = updateFirst
    ? [update.state, [update.line, base.line]]
    : [base.state, [base.line, update.line]];
  return { name: base.name, state, line: clip(lines.join(' · ')) };
}
