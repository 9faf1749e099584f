import { type ReactElement, useEffect, useId, useRef, useState } from 'react';
import type { Awaiting } from '../../../../shared/apply/run';
import { useApi } from '../../api-context';
import { ErrorState } from '../../components/States';
import type { ScreenProps } from './screen-props';
import { useRunAction } from './useRunAction';

type RecoveryAwaiting = Extract<Awaiting, { kind: 'recovery' }>;

export interface RecoverScreenProps extends ScreenProps {
  readonly awaiting: RecoveryAwaiting;
}

/** Names the skipped resources in a sentence: "SetupPolicy and SetupBucket". */
function listed(ids: readonly string[]): string {
  if (ids.length <= 1) return ids.join('');
  return `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

/**
 * UPDATE_ROLLBACK_FAILED, explained, and ContinueUpdateRollback guided: the admin picks the
 * resources to skip, reads what skipping means, and confirms.
 */
export function RecoverScreen({ run, awaiting }: RecoverScreenProps): ReactElement {
  const api = useApi();
  const action = useRunAction();
  const idPrefix = useId();
  const [skip, setSkip] = useState<ReadonlySet<string>>(() => new Set());
  const [confirming, setConfirming] = useState(false);
  const [backs, setBacks] = useState(0);
  const question = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  // In the order CloudFormation listed them, whatever order they were ticked in.
  const chosen = awaiting.failedResources.map((resource) => resource.logicalId).filter((id) => skip.has(id));

  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (backs > 0) opener.current?.focus();
  }, [backs]);

  const toggle = (logicalId: string, checked: boolean): void => {
    setSkip((before) => {
      const next = new Set(before);
      if (checked) next.add(logicalId);
      else next.delete(logicalId);
      return next;
    });
  };

  return (
    <div className="apply-screen">
      <p className="apply-screen__lead">
        <code>{awaiting.stackName}</code> is <code>UPDATE_ROLLBACK_FAILED</code>: an update failed, and
        CloudFormation could not roll every resource back. The stack accepts no update until its rollback is
        continued and finishes.
      </p>
      <fieldset className="choice-group" disabled={confirming}>
        <legend className="choice-group__legend">Resources to skip</legend>
        <p className="choice-group__hint">
          Skip only a resource you have fixed by hand (or will): CloudFormation then leaves it as it is. With
          none skipped, it tries to roll them all back again.
        </p>
        {awaiting.failedResources.length === 0 ? (
          <p className="choice-group__empty">CloudFormation named no resource that failed to roll back.</p>
        ) : null}
        {awaiting.failedResources.map((resource, index) => (
          <div key={resource.logicalId} className="apply-checkbox">
            <input
              id={`${idPrefix}-skip-${index}`}
              type="checkbox"
              checked={skip.has(resource.logicalId)}
              onChange={(event) => toggle(resource.logicalId, event.currentTarget.checked)}
              aria-describedby={resource.reason ? `${idPrefix}-skip-${index}-reason` : undefined}
            />
            <label htmlFor={`${idPrefix}-skip-${index}`}>
              Skip <code>{resource.logicalId}</code> ({resource.resourceType})
            </label>
            {resource.reason ? (
              <p className="field__hint apply-checkbox__hint" id={`${idPrefix}-skip-${index}-reason`}>
                {resource.reason}
              </p>
            ) : null}
          </div>
        ))}
      </fieldset>
      <div className="apply-callout apply-callout--warning">
        <p className="apply-callout__title">What skipping means</p>
        <p>{awaiting.consequence}</p>
      </div>
      {confirming ? (
        <div className="confirm">
          <p className="confirm__question" ref={question} tabIndex={-1}>
            Continue the rollback of {awaiting.stackName}
            {chosen.length > 0 ? `, skipping ${listed(chosen)}?` : ', skipping no resource?'}
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button button--danger"
              aria-disabled={action.running}
              aria-busy={action.running}
              onClick={() => action.run(() => api.apply.recover({ runId: run.id, resourcesToSkip: chosen }))}
            >
              {action.running ? 'Continuing the rollback…' : 'Continue the rollback'}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setConfirming(false);
                setBacks((n) => n + 1);
              }}
            >
              Back
            </button>
          </div>
          {action.error ? <ErrorState title="The rollback was not continued" error={action.error} /> : null}
        </div>
      ) : (
        <div className="button-row wizard__buttons">
          <button
            type="button"
            className="button button--primary"
            ref={opener}
            onClick={() => setConfirming(true)}
          >
            Continue the rollback…
          </button>
        </div>
      )}
    </div>
  );
}
