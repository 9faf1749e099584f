import { type ReactElement, useId } from 'react';
import type { AppProblem } from '../../../../shared/app-status/app-status';
import type { CellAppView } from '../../../../shared/app-status/app-status-ipc';
import { useApi } from '../../api-context';
import { useAppStatus, useCellAppStatus } from '../../app-status/app-status-context';
import { maintenanceWords, problemTitle, reachabilityWords } from '../../app-status/app-status-words';
import { parseTime } from '../../cells/format-time';
import { ErrorState } from '../../components/States';
import { TimeAgo } from '../../components/TimeAgo';
import { useAction } from '../../hooks/useAction';
import { GitpodTimeline } from './GitpodTimeline';
import { GitpodTokenForm } from './GitpodTokenForm';

export interface GitpodSectionProps {
  readonly cellId: string;
  readonly cellName: string;
  /** The card's heading: the section's name says which cell it is of. */
  readonly cellHeadingId: string;
  readonly now: Date;
}

/**
 * The cell's Gitpod application, live: the version it runs and since when, whether it answers
 * and how fast, maintenance and its notice, a timeline of both, and the token maintenance
 * status needs. A cell that does not answer is a state shown here, never a dialog.
 */
export function GitpodSection({ cellId, cellName, cellHeadingId, now }: GitpodSectionProps): ReactElement {
  const headingId = useId();
  const { state, reload } = useAppStatus();
  const view = useCellAppStatus(cellId);
  return (
    <section className="gitpod" aria-labelledby={`${cellHeadingId} ${headingId}`}>
      <h3 className="gitpod__title" id={headingId}>
        Gitpod
      </h3>
      {state.status === 'error' ? (
        <ErrorState title="Could not load the Gitpod status" error={state.error} onRetry={reload} />
      ) : view === null ? (
        <p className="gitpod__pending">{state.status === 'loading' ? 'Loading…' : 'Not checked yet.'}</p>
      ) : view.domain === null ? (
        <p className="gitpod__pending">
          Add the cell’s domain (Settings → Cells → Edit) to see the Gitpod version it runs, whether it
          answers, and its maintenance.
        </p>
      ) : (
        <GitpodStatus view={view} cellName={cellName} now={now} />
      )}
    </section>
  );
}

function GitpodStatus({
  view,
  cellName,
  now,
}: {
  view: CellAppView;
  cellName: string;
  now: Date;
}): ReactElement {
  const api = useApi();
  const { apply } = useAppStatus();
  const check = useAction();
  const since = parseTime(view.versionSince);
  const checkedAt = parseTime(view.checkedAt);
  const down = parseTime(view.unreachableSince);
  const reach = reachabilityWords(view);
  const maintenance = maintenanceWords(view);
  const busy = view.checking || check.running;
  const showMaintenanceProblem =
    view.maintenanceProblem !== null && view.maintenanceProblem.kind !== 'token-missing' && view.hasToken;

  const onCheck = (): void => {
    if (busy) return;
    void check.run(() => api.appStatus.checkNow({ cellId: view.cellId }), apply);
  };

  return (
    <>
      <dl className="facts">
        <div>
          <dt>Version</dt>
          <dd>
            {view.version ? <code>{view.version}</code> : 'Unknown'}
            {since ? (
              <span className="gitpod__since">
                {' '}
                since <TimeAgo date={since} now={now} />
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Reachable</dt>
          <dd className={`gitpod__value gitpod__value--${reach.tone}`}>
            {reach.text}
            {down ? (
              <span>
                {' '}
                since <TimeAgo date={down} now={now} />
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Maintenance</dt>
          <dd className={`gitpod__value gitpod__value--${maintenance.tone}`}>{maintenance.text}</dd>
        </div>
        <div>
          <dt>Last checked</dt>
          <dd>{checkedAt ? <TimeAgo date={checkedAt} now={now} /> : 'Not checked yet'}</dd>
        </div>
      </dl>
      {view.problem ? <GitpodProblem problem={view.problem} lead={problemLead(view)} /> : null}
      {view.maintenanceNotice !== null ? (
        <div className="gitpod__notice">
          <p className="gitpod__notice-title">Maintenance announced to users</p>
          <p>
            {view.maintenanceNotice === ''
              ? 'Users see the standard maintenance notice.'
              : view.maintenanceNotice}
          </p>
        </div>
      ) : null}
      {showMaintenanceProblem && view.maintenanceProblem ? (
        <GitpodProblem problem={view.maintenanceProblem} lead="Maintenance status unknown" />
      ) : null}
      <GitpodTimeline history={view.history} now={now} />
      <GitpodTokenForm view={view} cellName={cellName} />
      <div className="button-row">
        <button type="button" className="button" onClick={onCheck} aria-disabled={busy} aria-busy={busy}>
          {busy ? 'Checking Gitpod…' : 'Check Gitpod now'}
          <span className="visually-hidden"> for {cellName}</span>
        </button>
      </div>
      {check.error ? <ErrorState title="The Gitpod check failed" error={check.error} /> : null}
    </>
  );
}

/** The first line over a problem: an outage is said as such; one failed check is only "the last check". */
function problemLead(view: CellAppView): string {
  return view.reachable === false ? problemTitle(view.problem as AppProblem) : 'The last check failed';
}

/** What went wrong and the next step; a certificate error is named as one. Not an alert: it is a state. */
function GitpodProblem({ problem, lead }: { problem: AppProblem; lead: string }): ReactElement {
  const kind = problemTitle(problem);
  return (
    <div className="problems">
      <p className="problems__title">{lead === kind ? kind : `${lead}: ${kind.toLowerCase()}`}</p>
      <p>{problem.message}</p>
      {problem.fix ? <p className="problems__next-step">Next step: {problem.fix}</p> : null}
    </div>
  );
}
