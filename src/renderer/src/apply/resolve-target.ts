import type { ApplyState } from '../../../shared/apply/apply-ipc';
import { applyRunIdSchema } from '../../../shared/apply/run';
import type { CellUpdates, UpdatesState } from '../../../shared/updates/pending-update';

/** What the Apply view was opened on, once the runs and the updates say what the id names. */
export type ApplyTarget =
  /** A run: named by its id, or the unfinished run of the cell (or update) the id names. */
  | { readonly kind: 'run'; readonly runId: string }
  /** A cell with no unfinished run: what its update to apply is, and a Start button. */
  | { readonly kind: 'cell'; readonly cell: CellUpdates }
  /** The updates are still loading: the id may name one of them. */
  | { readonly kind: 'loading' }
  /** Nothing known by that id (any more): an update applied meanwhile, a cell removed. */
  | { readonly kind: 'unknown' };

/** The cell an id names: a cell id (the "update to apply" panel) or a pending update's id (its card). */
export function cellForItem(itemId: string, updates: UpdatesState): CellUpdates | undefined {
  return (
    updates.cells.find((cell) => cell.cellId === itemId) ??
    updates.cells.find(
      (cell) => cell.pending.some((update) => update.id === itemId) || cell.toApply?.covers.includes(itemId),
    )
  );
}

/**
 * Resolves the Apply view's navigation target. An unfinished run wins over the start screen, so
 * opening an update whose apply is under way resumes it instead of offering a second one.
 */
export function resolveApplyTarget(
  itemId: string,
  apply: ApplyState,
  updates: UpdatesState | null,
): ApplyTarget {
  if (applyRunIdSchema.safeParse(itemId).success) return { kind: 'run', runId: itemId };

  const running = apply.active.find((run) => run.cellId === itemId || run.covers.includes(itemId));
  if (running) return { kind: 'run', runId: running.id };
  if (!updates) return { kind: 'loading' };

  const cell = cellForItem(itemId, updates);
  if (!cell) return { kind: 'unknown' };
  const cellRun = apply.active.find((run) => run.cellId === cell.cellId);
  return cellRun ? { kind: 'run', runId: cellRun.id } : { kind: 'cell', cell };
}
