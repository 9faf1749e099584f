import type { ReactElement } from 'react';
import { stackPhrase } from '../../apply/apply-labels';
import { CancelRun } from './CancelRun';
import { checkCounts, PreflightChecks } from './PreflightChecks';
import { PreflightFacts } from './PreflightFacts';
import type { ScreenProps } from './screen-props';
import { WorkingProgress } from './WorkingProgress';

export interface PreflightScreenProps extends ScreenProps {
  /** The admin read the checks and goes on: to the input form, or to recovery. */
  readonly onContinue: () => void;
  /** For a run that preflight stopped: start a new run once the cause is fixed. */
  readonly onStartAgain: () => void;
}

/** Step 2: each check passed, a warning or blocking, with what was found and the fix. */
export function PreflightScreen({
  run,
  stack,
  onContinue,
  onStartAgain,
}: PreflightScreenProps): ReactElement {
  const report = stack.preflight;
  if (!report) {
    return <WorkingProgress label={`Preflight checks of ${stackPhrase(stack)}`} message={run.message} />;
  }

  const finished = run.status === 'finished';
  const blocking = report.checks.filter((check) => check.outcome === 'blocking');
  const recovery = run.awaiting?.kind === 'recovery';

  return (
    <div className="apply-screen">
      <p className="apply-screen__lead">{checkCounts(report)}</p>
      {!report.canProceed && !report.needsRecovery ? (
        <div className="apply-callout apply-callout--blocking">
          <p className="apply-callout__title">
            <span aria-hidden="true">✕ </span>The update cannot go on
          </p>
          <p>
            {blocking.length === 1 ? 'A check is' : `${blocking.length} checks are`} blocking: do what{' '}
            {blocking.length === 1 ? 'it says' : 'each says'} under “What to do”, then start the apply again.
            Nothing was changed in AWS.
          </p>
          {finished ? (
            <div className="button-row">
              <button type="button" className="button button--primary" onClick={onStartAgain}>
                Start the apply again
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      {report.needsRecovery ? (
        <div className="apply-callout apply-callout--blocking">
          <p className="apply-callout__title">
            <span aria-hidden="true">! </span>The stack must be recovered first
          </p>
          <p>
            <code>{report.stackName}</code> is <code>UPDATE_ROLLBACK_FAILED</code>: an earlier update failed,
            and so did its rollback. CloudFormation accepts no update until the rollback is continued and
            finishes.
          </p>
          {recovery ? (
            <div className="button-row">
              <button type="button" className="button button--primary" onClick={onContinue}>
                Continue to recovery
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      <PreflightChecks report={report} label={`Preflight checks of ${stackPhrase(stack)}`} />
      <PreflightFacts report={report} />
      {finished ? null : (
        <div className="button-row wizard__buttons">
          {/* A blocking check stops here: there is no way on but fixing it. */}
          {run.awaiting?.kind === 'input' && report.canProceed ? (
            <button type="button" className="button button--primary" onClick={onContinue}>
              Continue
            </button>
          ) : null}
          {run.awaiting?.kind === 'input' ? <CancelRun run={run} /> : null}
        </div>
      )}
    </div>
  );
}
