import type { ReactElement } from 'react';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api-context';
import { ErrorState } from '../../components/States';
import type { ScreenProps } from './screen-props';
import { useRunAction } from './useRunAction';

const FALLBACK: AppError = {
  code: 'paused',
  message: 'The run is paused.',
  nextStep: 'Fix what stopped it, then resume.',
};

/** The run stopped on something the admin must fix (expired credentials, say); Resume goes on from there. */
export function PausedScreen({ run }: ScreenProps): ReactElement {
  const api = useApi();
  const action = useRunAction();
  const reason = run.awaiting?.kind === 'resume' ? run.awaiting.reason : (run.error ?? FALLBACK);

  return (
    <div className="apply-screen">
      <div className="apply-callout apply-callout--warning">
        <p className="apply-callout__title">
          <span aria-hidden="true">‖ </span>Paused: {reason.message}
        </p>
        {reason.nextStep ? (
          <p className="apply-next-step">
            <span className="apply-next-step__label">What to do:</span> {reason.nextStep}
          </p>
        ) : null}
        <p>
          Nothing is lost: the run resumes where it stands, and an update already executing goes on in AWS
          meanwhile.
        </p>
      </div>
      {action.error ? <ErrorState title="The run did not resume" error={action.error} /> : null}
      <div className="button-row wizard__buttons">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={action.running}
          aria-busy={action.running}
          onClick={() => action.run(() => api.apply.resume({ runId: run.id }))}
        >
          {action.running ? 'Resuming…' : 'Resume'}
        </button>
      </div>
    </div>
  );
}
