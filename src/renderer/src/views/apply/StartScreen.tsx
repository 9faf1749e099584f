import { type ReactElement, useId, useState } from 'react';
import type { ApplyRunView } from '../../../../shared/apply/run';
import type { CellUpdates } from '../../../../shared/updates/pending-update';
import { useApi } from '../../api-context';
import { type MaintenanceChoice, NO_MAINTENANCE, planOf } from '../../apply/maintenance-words';
import { parseTime } from '../../cells/format-time';
import { ErrorState } from '../../components/States';
import { useNow } from '../../hooks/useNow';
import { describeDeadline } from '../../updates/deadline-words';
import { Countdown, DeadlineBadge } from '../updates/DeadlineInfo';
import { StackSteps } from '../updates/StackSteps';
import { MaintenanceOffer } from './MaintenanceOffer';
import { useRunAction } from './useRunAction';

export interface StartScreenProps {
  readonly cell: CellUpdates;
  /**
   * The admin pressed Start. Main pushes the new run (apply:changed) before it answers, and the
   * view may switch to it (unmounting this screen, so `onStarted` never runs): focus must move
   * to the run's first step all the same.
   */
  readonly onStarting: () => void;
  /** Main started the run: show it. */
  readonly onStarted: (run: ApplyRunView) => void;
  readonly onShowAll: () => void;
}

/** Step 1: what the guided apply will bring the cell up to date with, and the button that starts it. */
export function StartScreen({ cell, onStarting, onStarted, onShowAll }: StartScreenProps): ReactElement {
  const api = useApi();
  const action = useRunAction();
  const now = useNow();
  const titleId = useId();
  const [maintenance, setMaintenance] = useState<MaintenanceChoice>(NO_MAINTENANCE);
  const [maintenanceError, setMaintenanceError] = useState<string | null>(null);
  const toApply = cell.toApply;

  if (!toApply) {
    return (
      <section className="apply-start" aria-labelledby={titleId}>
        <h2 className="apply-start__title" id={titleId}>
          Nothing to apply to {cell.cellName}
        </h2>
        <p className="muted">The cell has no pending infrastructure update: its stacks are up to date.</p>
        <div className="button-row">
          <button type="button" className="button" onClick={onShowAll}>
            All runs and updates to apply
          </button>
        </div>
      </section>
    );
  }

  const deadline = parseTime(toApply.deadline);
  const description = deadline ? describeDeadline(deadline, now) : null;
  const covered = toApply.covers.length;

  return (
    <section className="apply-start" aria-labelledby={titleId}>
      <div className="card__header">
        <h2 className="apply-start__title" id={titleId}>
          Apply {toApply.label} to {toApply.cellName}
        </h2>
        {description ? <DeadlineBadge description={description} /> : null}
      </div>
      {description ? <Countdown deadline={toApply.deadline} description={description} /> : null}
      {description?.meaning ? <p className="to-apply__overdue">{description.meaning}</p> : null}
      {covered > 1 ? (
        <p className="muted">It takes care of all {covered} pending updates of the cell.</p>
      ) : null}
      <StackSteps stacks={toApply.stacks} label={`Stacks to update on ${toApply.cellName}, in apply order`} />
      <div className="apply-start__how">
        <p>The guided apply goes through each stack in turn, the role stack first:</p>
        <ol className="apply-plain-list apply-start__steps">
          <li>Preflight checks, which only read.</li>
          <li>Values for any new parameters, and your acknowledgement of IAM changes.</li>
          <li>A change set, which changes nothing by itself.</li>
          <li>Its review: every change, the risks, IAM and security-group changes.</li>
          <li>Your confirmation, naming the stack and the account, before anything is executed.</li>
          <li>The update followed to its end; a failure rolls all stack resources back.</li>
        </ol>
      </div>
      <MaintenanceOffer
        cellId={toApply.cellId}
        choice={maintenance}
        onChange={(choice) => {
          setMaintenance(choice);
          setMaintenanceError(null);
        }}
        error={maintenanceError}
      />
      {action.error ? <ErrorState title="The guided apply did not start" error={action.error} /> : null}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={action.running}
          aria-busy={action.running}
          onClick={() => {
            if (action.running) return;
            const chosen = planOf(maintenance);
            if ('error' in chosen) {
              setMaintenanceError(chosen.error);
              return;
            }
            onStarting();
            const request = chosen.plan
              ? { cellId: toApply.cellId, maintenance: chosen.plan }
              : { cellId: toApply.cellId };
            action.run(() => api.apply.start(request), onStarted);
          }}
        >
          {action.running ? 'Starting…' : 'Start guided apply'}
        </button>
        <button type="button" className="button" onClick={onShowAll}>
          All runs and updates to apply
        </button>
      </div>
    </section>
  );
}
