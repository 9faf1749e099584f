import { type FormEvent, type ReactElement, useState } from 'react';
import type { Awaiting } from '../../../../shared/apply/run';
import { useApi } from '../../api-context';
import { ErrorState } from '../../components/States';
import { CancelRun } from './CancelRun';
import { ConfirmField } from './ConfirmField';
import type { ScreenProps } from './screen-props';
import { useRunAction } from './useRunAction';

type ConfirmationAwaiting = Extract<Awaiting, { kind: 'confirmation' }>;

export interface ConfirmScreenProps extends ScreenProps {
  readonly awaiting: ConfirmationAwaiting;
  /** Back to the review. */
  readonly onBack: () => void;
}

/**
 * Step 6: the admin types the stack name and the account id, exactly, before Execute can be
 * pressed. Rollback on failure is always on: there is deliberately no way to turn it off.
 */
export function ConfirmScreen({ run, awaiting, onBack }: ConfirmScreenProps): ReactElement {
  const api = useApi();
  const action = useRunAction();
  const [stackName, setStackName] = useState('');
  const [accountId, setAccountId] = useState('');
  const matches = stackName.trim() === awaiting.stackName && accountId.trim() === awaiting.accountId;

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (!matches || action.running) return;
    action.run(() =>
      api.apply.confirm({ runId: run.id, stackName: stackName.trim(), accountId: accountId.trim() }),
    );
  };

  return (
    <form className="wizard__form apply-screen" onSubmit={onSubmit} noValidate>
      <div className="apply-callout apply-callout--danger">
        <p className="apply-callout__title">This changes the stack</p>
        <p>
          Executing change set <code>{awaiting.changeSetName}</code> updates <code>{awaiting.stackName}</code>{' '}
          in account <code>{awaiting.accountId}</code> ({run.region}), the cell {run.cellName}.
        </p>
        <p>
          CloudFormation rolls back all stack resources if anything fails, so a failed update leaves the stack
          as it was. The app always keeps rollback on.
        </p>
      </div>
      <ConfirmField
        what="the stack name"
        expected={awaiting.stackName}
        value={stackName}
        onChange={setStackName}
      />
      <ConfirmField
        what="the account id"
        expected={awaiting.accountId}
        value={accountId}
        onChange={setAccountId}
        inputMode="numeric"
      />
      <p className="apply-confirm__status" role="status">
        {matches ? 'Both match: you can execute the change set.' : ''}
      </p>
      {action.error ? <ErrorState title="The change set was not executed" error={action.error} /> : null}
      <div className="button-row wizard__buttons">
        <button type="button" className="button" onClick={onBack}>
          Back to the review
        </button>
        <button
          type="submit"
          className="button button--danger"
          disabled={!matches}
          aria-disabled={action.running || undefined}
          aria-busy={action.running}
        >
          {action.running ? 'Executing…' : `Execute on ${awaiting.stackName}`}
        </button>
        <CancelRun run={run} />
      </div>
    </form>
  );
}
