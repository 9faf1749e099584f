import type { ReactElement } from 'react';
import { RUN_EXPORT_FORMATS } from '../../../../shared/apply/apply-ipc';
import type { ApplyRunView } from '../../../../shared/apply/run';
import { useApi } from '../../api-context';
import { formatDuration, OUTCOME_TONES, OUTCOME_WORDS, PHASE_WORDS } from '../../apply/apply-labels';
import { parseTime } from '../../cells/format-time';
import { STACK_KIND_LABELS } from '../../cells/stack-labels';
import { useNavigation } from '../../navigation/navigation-context';
import { formatWhen } from '../../updates/deadline-words';
import { ExportButtons } from './ExportButtons';
import { RootCauses } from './RootCauses';

function When({ iso }: { iso: string | undefined }): ReactElement {
  const date = parseTime(iso);
  return date && iso ? <time dateTime={iso}>{formatWhen(date)}</time> : <>—</>;
}

function duration(from: string | undefined, to: string | undefined): string {
  const start = parseTime(from);
  const end = parseTime(to);
  return start && end ? formatDuration(end.getTime() - start.getTime()) : '—';
}

export interface FinishedScreenProps {
  readonly run: ApplyRunView;
  /** Offered when the run did not update the stacks. */
  readonly onStartAgain: () => void;
}

/** Step 10: how the run ended, per stack, with its evidence to export. */
export function FinishedScreen({ run, onStartAgain }: FinishedScreenProps): ReactElement {
  const api = useApi();
  const { open } = useNavigation();
  const outcome = run.outcome ?? 'failed';
  const failedStack = run.stacks.find((stack) => stack.phase === 'rolled-back' || stack.phase === 'failed');
  const succeeded = outcome === 'updated' || outcome === 'already-up-to-date';

  return (
    <div className="apply-screen">
      <p className="apply-finished__outcome">
        <span className={`pill pill--${OUTCOME_TONES[outcome]}`}>
          <span className="pill__icon" aria-hidden="true" />
          {OUTCOME_WORDS[outcome]}
        </span>{' '}
        {run.message}
      </p>
      <dl className="facts apply-facts">
        <div>
          <dt>Cell</dt>
          <dd>
            {run.cellName} (account <code>{run.accountId}</code>, {run.region})
          </dd>
        </div>
        <div>
          <dt>Started by</dt>
          <dd>
            <code>{run.callerArn}</code>
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <When iso={run.createdAt} />
          </dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>
            <When iso={run.finishedAt} />
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{duration(run.createdAt, run.finishedAt)}</dd>
        </div>
      </dl>
      <div className="table-wrap">
        <table className="table">
          <caption>Stacks of the run, in apply order</caption>
          <thead>
            <tr>
              <th scope="col">Stack</th>
              <th scope="col">Result</th>
              <th scope="col">Final status</th>
              <th scope="col">Change set</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {run.stacks.map((stack) => (
              <tr key={stack.stackName}>
                <th scope="row">
                  {STACK_KIND_LABELS[stack.kind]} <code>{stack.stackName}</code>
                </th>
                <td>{PHASE_WORDS[stack.phase]}</td>
                <td>{stack.finalStatus ? <code>{stack.finalStatus}</code> : '—'}</td>
                <td>{stack.changeSet ? <code>{stack.changeSet.name}</code> : '—'}</td>
                <td>{duration(stack.startedAt, stack.endedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {failedStack ? (
        <div className="apply-subsection">
          <h4 className="apply-subsection__title">Why {failedStack.stackName} failed</h4>
          <RootCauses run={run} stack={failedStack} />
        </div>
      ) : run.error && !succeeded ? (
        <div className="apply-callout apply-callout--blocking">
          <p className="apply-callout__title">{run.error.message}</p>
          {run.error.nextStep ? (
            <p className="apply-next-step">
              <span className="apply-next-step__label">What to do next:</span> {run.error.nextStep}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="apply-subsection">
        <h4 className="apply-subsection__title">Evidence</h4>
        <p className="muted">
          Who applied what, when, with the change sets, the review and each step’s outcome: proof the update
          was applied within its deadline.
        </p>
        <ExportButtons
          formats={RUN_EXPORT_FORMATS}
          verb="Export the evidence"
          what={`of ${run.label} on ${run.cellName}`}
          onExport={(format) => api.apply.exportRun({ runId: run.id, format })}
        />
      </div>
      <div className="button-row wizard__buttons">
        {succeeded ? null : (
          <button type="button" className="button button--primary" onClick={onStartAgain}>
            Start the apply again
          </button>
        )}
        <button type="button" className="button" onClick={() => open({ view: 'updates' })}>
          Go to Updates
        </button>
        <button type="button" className="button" onClick={() => open({ view: 'history' })}>
          Go to History
        </button>
      </div>
    </div>
  );
}
