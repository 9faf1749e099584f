import type { ReactElement } from 'react';
import { PHASE_WORDS, stackPhrase } from '../../apply/apply-labels';
import type { ScreenProps } from './screen-props';
import { WorkingProgress } from './WorkingProgress';

/** Step 4: the change set is created (or the vendor's is read) and CloudFormation works out the changes. */
export function CreateScreen({ run, stack }: ScreenProps): ReactElement {
  const changeSet = stack.changeSet;

  if (stack.phase === 'already-up-to-date') {
    return (
      <div className="apply-screen">
        <div className="apply-callout apply-callout--ok">
          <p className="apply-callout__title">
            <span aria-hidden="true">✓ </span>Already up to date
          </p>
          <p>
            <code>{stack.stackName}</code> already runs this template: there is nothing to change. The empty
            change set was removed and the update is recorded as applied.
          </p>
        </div>
        <p className="muted">{run.message}</p>
      </div>
    );
  }

  return (
    <div className="apply-screen">
      <WorkingProgress
        label={`${PHASE_WORDS[stack.phase]} for ${stackPhrase(stack)}`}
        message={run.message}
      />
      {changeSet ? (
        <dl className="facts apply-facts">
          <div>
            <dt>Change set</dt>
            <dd>
              <code>{changeSet.name}</code>
              {changeSet.createdByRun ? null : ' (created by Gitpod)'}
            </dd>
          </div>
          {changeSet.status ? (
            <div>
              <dt>Status</dt>
              <dd>
                <code>{changeSet.status}</code>
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      <p className="muted">
        CloudFormation usually takes under a minute to work out a change set. Nothing is executed until you
        confirm.
      </p>
    </div>
  );
}
