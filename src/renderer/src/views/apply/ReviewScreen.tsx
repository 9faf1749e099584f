import type { ReactElement } from 'react';
import { useApi } from '../../api-context';
import { stackPhrase } from '../../apply/apply-labels';
import { ErrorState, Loading } from '../../components/States';
import { useResult } from '../../hooks/useResult';
import { CancelRun } from './CancelRun';
import { ExportButtons } from './ExportButtons';
import { ReviewBody } from './ReviewBody';
import type { ScreenProps } from './screen-props';

export interface ReviewScreenProps extends ScreenProps {
  /** The admin has read the review: on to the confirmation. */
  readonly onContinue: () => void;
}

/** Step 5: the full review of the stack's change set, fetched from main, exportable. */
export function ReviewScreen({ run, stack, stackIndex, onContinue }: ReviewScreenProps): ReactElement {
  const api = useApi();
  const review = useResult(
    () => api.apply.getReview({ runId: run.id, stackIndex }),
    [api, run.id, stackIndex, stack.changeSet?.id],
  );

  if (review.status === 'loading') return <Loading label={`Loading the review of ${stackPhrase(stack)}…`} />;
  if (review.status === 'error') {
    return <ErrorState title="Could not load the review" error={review.error} onRetry={review.reload} />;
  }

  return (
    <div className="apply-screen">
      <ReviewBody review={review.value} />
      <ExportButtons
        formats={['markdown', 'json'] as const}
        verb="Export the review"
        what={`of ${stackPhrase(stack)}`}
        onExport={(format) => api.apply.exportReview({ runId: run.id, stackIndex, format })}
      />
      <div className="button-row wizard__buttons">
        {run.awaiting?.kind === 'confirmation' ? (
          <button type="button" className="button button--primary" onClick={onContinue}>
            Continue to confirmation
          </button>
        ) : null}
        {run.awaiting?.kind === 'confirmation' ? <CancelRun run={run} /> : null}
      </div>
    </div>
  );
}
