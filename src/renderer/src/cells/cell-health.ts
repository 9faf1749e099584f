import type { CellView } from '../../../shared/cells/cells-state';

export type HealthTone = 'ok' | 'attention' | 'error' | 'offline';

export interface CellHealth {
  readonly tone: HealthTone;
  readonly label: string;
}

/**
 * A cell's health from its last check: a failed check first, then any stack that would block
 * an update or has failed, else healthy. Deadlines are the tray's business, not this one's.
 */
export function cellHealth(view: CellView): CellHealth {
  const { check } = view;
  if (!check) return { tone: 'offline', label: 'Not checked yet' };
  if (check.errors.length > 0) return { tone: 'error', label: 'Check failed' };
  const troubled = check.stacks.some(
    (stack) => stack.explanation.blocksUpdate || stack.explanation.category === 'failed',
  );
  if (troubled) return { tone: 'attention', label: 'Needs attention' };
  return { tone: 'ok', label: 'Healthy' };
}
