import { type ReactElement, useId } from 'react';
import type { ApplyState } from '../../../../shared/apply/apply-ipc';
import type { CellUpdates } from '../../../../shared/updates/pending-update';
import { PHASE_WORDS, RUN_STATUS_WORDS, stackTitle } from '../../apply/apply-labels';
import { currentStackOf } from '../../apply/run-screen';
import { parseTime } from '../../cells/format-time';
import { EmptyState } from '../../components/States';
import { useNow } from '../../hooks/useNow';
import { describeDeadline } from '../../updates/deadline-words';
import { DeadlineBadge } from '../updates/DeadlineInfo';

export interface ApplyOverviewProps {
  readonly state: ApplyState;
  /** Cells with an update to apply (from the updates), whether or not a run is under way. */
  readonly cells: readonly CellUpdates[];
  /** Opens a run (by id) or a cell's start screen (by cell id). */
  readonly onOpen: (itemId: string) => void;
  /** The view was opened on something that is no longer there. */
  readonly missing?: boolean;
}

/** The Apply view with nothing chosen: runs under way first, then the cells with an update to apply. */
export function ApplyOverview({ state, cells, onOpen, missing = false }: ApplyOverviewProps): ReactElement {
  const now = useNow();
  const runsId = useId();
  const cellsId = useId();
  const waiting = cells.filter(
    (cell) => cell.toApply && !state.active.some((run) => run.cellId === cell.cellId),
  );

  return (
    <div className="apply-overview">
      {state.notices.length > 0 ? (
        <div className="banner" role="note">
          <div className="banner__text">
            <p>
              <strong>Some run files could not be used.</strong> They were set aside; the runs they held are
              not shown.
            </p>
            {state.notices.map((notice) => (
              <p key={notice.file}>
                {notice.message}
                {notice.backupPath ? (
                  <>
                    {' '}
                    Copy kept at <code>{notice.backupPath}</code>.
                  </>
                ) : null}
              </p>
            ))}
          </div>
        </div>
      ) : null}
      {missing ? (
        <p className="callout">
          There is nothing to apply for the update you opened: it may have been applied meanwhile, or its cell
          removed.
        </p>
      ) : null}
      {state.active.length === 0 && waiting.length === 0 ? (
        <EmptyState
          title="Nothing to apply"
          body={
            <p>
              When an update is pending, the guided apply walks you through it: creating the CloudFormation
              change set, reviewing what it changes, and executing it.
            </p>
          }
        />
      ) : null}
      {state.active.length > 0 ? (
        <section className="section" aria-labelledby={runsId}>
          <h2 className="section__title" id={runsId}>
            Runs under way
          </h2>
          <ul className="card-list">
            {state.active.map((run) => {
              const stack = currentStackOf(run);
              return (
                <li key={run.id} className="card apply-overview__item">
                  <p className="card__title">
                    {run.label} on {run.cellName}
                  </p>
                  <p className="card__line">
                    {RUN_STATUS_WORDS[run.status]}: {stackTitle(stack)},{' '}
                    {PHASE_WORDS[stack.phase].toLowerCase()}.
                  </p>
                  <div className="button-row">
                    <button type="button" className="button button--primary" onClick={() => onOpen(run.id)}>
                      Open
                      <span className="visually-hidden">
                        {' '}
                        the run of {run.label} on {run.cellName}
                      </span>
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {waiting.length > 0 ? (
        <section className="section" aria-labelledby={cellsId}>
          <h2 className="section__title" id={cellsId}>
            Updates to apply
          </h2>
          <ul className="card-list">
            {waiting.map((cell) => {
              const toApply = cell.toApply;
              if (!toApply) return null;
              const deadline = parseTime(toApply.deadline);
              const description = deadline ? describeDeadline(deadline, now) : null;
              return (
                <li key={cell.cellId} className="card apply-overview__item">
                  <div className="card__header">
                    <p className="card__title">
                      {toApply.label} on {cell.cellName}
                    </p>
                    {description ? <DeadlineBadge description={description} /> : null}
                  </div>
                  {description ? (
                    <p className="card__line">
                      {description.relative.charAt(0).toUpperCase()}
                      {description.relative.slice(1)}.
                    </p>
                  ) : null}
                  <div className="button-row">
                    <button
                      type="button"
                      className="button button--primary"
                      onClick={() => onOpen(cell.cellId)}
                    >
                      Apply…
                      <span className="visually-hidden">
                        {' '}
                        {toApply.label} to {cell.cellName}
                      </span>
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
