import { type FormEvent, type ReactElement, useRef, useState } from 'react';
import type { Awaiting } from '../../../../shared/apply/run';
import { useApi } from '../../api-context';
import { ErrorState } from '../../components/States';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { CancelRun } from './CancelRun';
import { CapabilityAcknowledgement } from './CapabilityAcknowledgement';
import { ParameterField } from './ParameterField';
import type { ScreenProps } from './screen-props';
import { useRunAction } from './useRunAction';

type InputAwaiting = Extract<Awaiting, { kind: 'input' }>;

export interface InputScreenProps extends ScreenProps {
  readonly awaiting: InputAwaiting;
  /** Back to the preflight checks. */
  readonly onBack: () => void;
}

interface InputErrors {
  readonly values: Readonly<Record<string, string>>;
  readonly acknowledgement: string | undefined;
}

function validate(
  awaiting: InputAwaiting,
  values: Record<string, string>,
  acknowledged: boolean,
): InputErrors {
  const errors: Record<string, string> = {};
  for (const parameter of awaiting.missingParameters) {
    if ((values[parameter.key] ?? '') === '') errors[parameter.key] = `Give a value for ${parameter.key}.`;
  }
  const acknowledgement =
    awaiting.capabilities.length > 0 && !acknowledged
      ? 'Tick the acknowledgement: CloudFormation refuses to create the change set without it.'
      : undefined;
  return { values: errors, acknowledgement };
}

/** Step 3: values for new parameters (secrets in password fields) and the IAM acknowledgement. */
export function InputScreen({ run, awaiting, onBack }: InputScreenProps): ReactElement {
  const api = useApi();
  const action = useRunAction();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [acknowledged, setAcknowledged] = useState(false);
  const [attempts, setAttempts] = useState(0);
  useFocusFirstInvalid(form, attempts);

  const errors = validate(awaiting, values, acknowledged);
  const shown = attempts > 0 ? errors : { values: {}, acknowledgement: undefined };
  const invalid = Object.keys(errors.values).length > 0 || errors.acknowledgement !== undefined;
  const nothingToAsk = awaiting.missingParameters.length === 0 && awaiting.capabilities.length === 0;

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (action.running) return;
    if (invalid) {
      setAttempts((n) => n + 1);
      return;
    }
    const parameterValues = awaiting.missingParameters.length > 0 ? { ...values } : undefined;
    action.run(
      () =>
        api.apply.provideInput({
          runId: run.id,
          ...(parameterValues ? { parameterValues } : {}),
          acknowledgeCapabilities: awaiting.capabilities.length > 0 && acknowledged,
        }),
      // Secrets are not kept in the page once main has them.
      () => setValues({}),
    );
  };

  return (
    <form className="wizard__form apply-screen" ref={form} onSubmit={onSubmit} noValidate>
      {nothingToAsk ? (
        <p className="apply-screen__lead">
          The template has no new parameters and needs no IAM acknowledgement: existing parameters keep their
          values. Go on to create the change set; nothing is executed yet.
        </p>
      ) : (
        <p className="apply-screen__lead">
          Existing parameters keep their values. Creating the change set changes nothing yet: you review it
          and confirm before anything is executed.
        </p>
      )}
      {awaiting.missingParameters.length > 0 ? (
        <fieldset className="choice-group">
          <legend className="choice-group__legend">New parameters</legend>
          {awaiting.missingParameters.map((parameter) => (
            <ParameterField
              key={parameter.key}
              parameter={parameter}
              value={values[parameter.key] ?? ''}
              onChange={(value) => setValues((before) => ({ ...before, [parameter.key]: value }))}
              error={shown.values[parameter.key]}
            />
          ))}
        </fieldset>
      ) : null}
      {awaiting.capabilities.length > 0 ? (
        <CapabilityAcknowledgement
          awaiting={awaiting}
          checked={acknowledged}
          onChange={setAcknowledged}
          error={shown.acknowledgement}
        />
      ) : null}
      {action.error ? <ErrorState title="The change set was not created" error={action.error} /> : null}
      <div className="button-row wizard__buttons">
        <button type="button" className="button" onClick={onBack}>
          Back
        </button>
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={action.running}
          aria-busy={action.running}
        >
          {action.running ? 'Creating the change set…' : 'Create the change set'}
        </button>
        <CancelRun run={run} />
      </div>
    </form>
  );
}
