import { type ReactElement, useEffect, useRef, useState } from 'react';
import type { ApplyRunView } from '../../../../shared/apply/run';
import { useApi } from '../../api-context';
import { ErrorState } from '../../components/States';
import { useRunAction } from './useRunAction';

/**
 * Cancels a run before anything is executed: main deletes the change set the run created (never
 * a vendor's) and the run ends as cancelled. Asked in place, so it is never a single stray click.
 */
export function CancelRun({ run }: { run: ApplyRunView }): ReactElement {
  const api = useApi();
  const action = useRunAction();
  const [asking, setAsking] = useState(false);
  const [keptGoing, setKeptGoing] = useState(0);
  const question = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);
  useEffect(() => {
    if (keptGoing > 0) opener.current?.focus();
  }, [keptGoing]);

  if (!asking) {
    return (
      <button type="button" className="button wizard__cancel" ref={opener} onClick={() => setAsking(true)}>
        Cancel the apply…
      </button>
    );
  }

  return (
    <div className="confirm apply-cancel">
      <p className="confirm__question" ref={question} tabIndex={-1}>
        Cancel the apply of {run.label} on {run.cellName}? Nothing has been executed: no stack changes
        {run.stacks.some((stack) => stack.changeSet?.createdByRun)
          ? ', and the change set this run created is deleted.'
          : '.'}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--danger"
          aria-disabled={action.running}
          aria-busy={action.running}
          onClick={() => action.run(() => api.apply.cancel({ runId: run.id }))}
        >
          {action.running ? 'Cancelling…' : 'Cancel the apply'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setAsking(false);
            setKeptGoing((n) => n + 1);
          }}
        >
          Keep going
        </button>
      </div>
      {action.error ? <ErrorState title="The apply was not cancelled" error={action.error} /> : null}
    </div>
  );
}
