import { type ReactElement, useId } from 'react';
import type { PendingUpdate, UpdateToApply } from '../../../../shared/updates/pending-update';
import { parseTime } from '../../cells/format-time';
import { useNavigation } from '../../navigation/navigation-context';
import { describeDeadline } from '../../updates/deadline-words';
import { Countdown, DeadlineBadge } from './DeadlineInfo';
import { StackSteps } from './StackSteps';

export interface UpdateToApplyPanelProps {
  readonly toApply: UpdateToApply;
  /** The cell's pending updates, to name where each stack's change comes from. */
  readonly pending: readonly PendingUpdate[];
  /** The cell's heading: every cell has an "Update to apply", so the region names the cell too. */
  readonly cellHeadingId: string;
  readonly now: Date;
}

/** What applying brings the cell up to date with: the newest change per stack, role stack first. */
export function UpdateToApplyPanel({
  toApply,
  pending,
  cellHeadingId,
  now,
}: UpdateToApplyPanelProps): ReactElement {
  const headingId = useId();
  const { open } = useNavigation();
  const deadline = parseTime(toApply.deadline);
  const description = deadline ? describeDeadline(deadline, now) : null;
  const labelOf = (id: string): string | undefined => pending.find((update) => update.id === id)?.label;
  const covered = toApply.covers.length;

  return (
    <section
      className={`to-apply${description?.state === 'overdue' ? ' to-apply--overdue' : ''}`}
      aria-labelledby={`${cellHeadingId} ${headingId}`}
    >
      <div className="card__header">
        <h3 className="to-apply__title" id={headingId}>
          Update to apply: {toApply.label}
        </h3>
        {description ? <DeadlineBadge description={description} /> : null}
      </div>
      {description ? <Countdown deadline={toApply.deadline} description={description} /> : null}
      {description?.meaning ? <p className="to-apply__overdue">{description.meaning}</p> : null}
      {covered > 1 ? (
        <p className="to-apply__covers">
          Applying it takes care of all {covered} pending updates; it is due by the earliest of their
          deadlines.
        </p>
      ) : null}
      <StackSteps
        stacks={toApply.stacks}
        label={`Stacks to update for ${toApply.cellName}, in apply order`}
        // With several updates pending, a stack's change may come from an older one than the label's.
        from={(stack) => (covered > 1 ? labelOf(stack.updateId) : undefined)}
      />
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          onClick={() => open({ view: 'apply', itemId: toApply.cellId })}
        >
          Apply…<span className="visually-hidden"> the update to apply to {toApply.cellName}</span>
        </button>
        <span className="to-apply__hint">
          A guided run: checks, a change set to review, and your confirmation before anything changes.
        </span>
      </div>
    </section>
  );
}
