import { type ReactElement, useId } from 'react';
import type { CellUpdates } from '../../../../shared/updates/pending-update';
import { parseTime } from '../../cells/format-time';
import { TimeAgo } from '../../components/TimeAgo';
import { PendingUpdateCard } from './PendingUpdateCard';
import { UpdateToApplyPanel } from './UpdateToApplyPanel';

export interface CellUpdatesSectionProps {
  readonly cell: CellUpdates;
  readonly now: Date;
  readonly readOnlyReasonId: string | undefined;
  /** An imported update of this cell was removed: focus has to go somewhere that stays. */
  readonly onRemoved: (cellId: string) => void;
}

/** A cell with pending updates: the one update to apply first, then each pending update. */
export function CellUpdatesSection({
  cell,
  now,
  readOnlyReasonId,
  onRemoved,
}: CellUpdatesSectionProps): ReactElement {
  const headingId = useId();
  const listHeadingId = useId();
  const checkedAt = parseTime(cell.checkedAt);

  return (
    <section className="update-cell" aria-labelledby={headingId}>
      <div className="update-cell__header">
        <h2 className="update-cell__title" id={headingId} tabIndex={-1} data-cell-id={cell.cellId}>
          {cell.cellName}
        </h2>
        <p className="update-cell__checked">
          {checkedAt ? (
            <>
              Checked <TimeAgo date={checkedAt} now={now} />
            </>
          ) : (
            'Not checked yet'
          )}
        </p>
      </div>
      {cell.toApply ? (
        <UpdateToApplyPanel
          toApply={cell.toApply}
          pending={cell.pending}
          cellHeadingId={headingId}
          now={now}
        />
      ) : null}
      <h3 className="update-cell__subtitle" id={listHeadingId}>
        Pending updates ({cell.pending.length})
      </h3>
      <ul className="card-list" aria-labelledby={`${headingId} ${listHeadingId}`}>
        {cell.pending.map((update) => (
          <PendingUpdateCard
            key={update.id}
            update={update}
            now={now}
            readOnlyReasonId={readOnlyReasonId}
            onRemoved={() => onRemoved(cell.cellId)}
          />
        ))}
      </ul>
    </section>
  );
}
