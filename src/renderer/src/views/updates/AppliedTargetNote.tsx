import type { ReactElement } from 'react';
import type { AppliedUpdate, CellUpdates } from '../../../../shared/updates/pending-update';
import { parseTime } from '../../cells/format-time';
import { TimeAgo } from '../../components/TimeAgo';
import { useNavigation } from '../../navigation/navigation-context';

export interface AppliedTargetNoteProps {
  readonly cells: readonly CellUpdates[];
  readonly history: readonly AppliedUpdate[];
  readonly now: Date;
}

/**
 * A notification ("update applied") can name an update that is no longer pending: say so where
 * its card would have been, rather than leave the admin looking for it.
 */
export function AppliedTargetNote({ cells, history, now }: AppliedTargetNoteProps): ReactElement | null {
  const { target } = useNavigation();
  if (target?.view !== 'updates') return null;
  const pending = cells.some((cell) => cell.pending.some((update) => update.id === target.itemId));
  const applied = pending ? undefined : history.find((entry) => entry.id === target.itemId);
  if (!applied) return null;
  const appliedAt = parseTime(applied.appliedAt);

  return (
    <p className="callout applied-note" data-update-id={applied.id} tabIndex={-1}>
      <span>
        <strong>{applied.label}</strong> on {applied.cellName} is applied
        {appliedAt ? (
          <>
            {' '}
            (seen <TimeAgo date={appliedAt} now={now} />)
          </>
        ) : null}
        . It is listed in History.
      </span>
    </p>
  );
}
