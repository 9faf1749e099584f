import { type FormEvent, type ReactElement, useRef, useState } from 'react';
import type { DiscoveryReport } from '../../../../shared/cells/discovery';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { StackChoiceGroup } from './StackChoiceGroup';
import { hasErrors, type StackChoices, stackChoiceErrors } from './stack-choice';
import { WizardButtons } from './WizardButtons';

export interface StackChoiceFormProps {
  readonly report: DiscoveryReport;
  readonly choices: StackChoices;
  readonly onChoices: (choices: StackChoices) => void;
  readonly onBack: () => void;
  readonly onNext: () => void;
  readonly onCancel?: (() => void) | undefined;
}

export function StackChoiceForm({
  report,
  choices,
  onChoices,
  onBack,
  onNext,
  onCancel,
}: StackChoiceFormProps): ReactElement {
  const form = useRef<HTMLFormElement>(null);
  const [refused, setRefused] = useState(0);
  useFocusFirstInvalid(form, refused);

  const errors = stackChoiceErrors(choices, report);
  const shown = refused > 0 ? errors : {};

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (hasErrors(errors)) {
      setRefused((n) => n + 1);
      return;
    }
    onNext();
  };

  const roles = report.candidates.filter((candidate) => candidate.kind === 'role');
  const instances = report.candidates.filter((candidate) => candidate.kind === 'instance');

  return (
    <form className="wizard__form" noValidate onSubmit={onSubmit} ref={form}>
      {report.candidates.length === 0 ? (
        <p className="callout">
          No stack in this account and region looks like a Gitpod cell’s. Enter the stack names if you know
          them, or go back and choose another profile or region.
        </p>
      ) : null}
      <StackChoiceGroup
        kind="role"
        candidates={roles}
        suggested={report.suggested.role}
        choice={choices.role}
        onChange={(role) => onChoices({ ...choices, role })}
        error={shown.role}
      />
      <StackChoiceGroup
        kind="instance"
        candidates={instances}
        suggested={report.suggested.instance}
        choice={choices.instance}
        onChange={(instance) => onChoices({ ...choices, instance })}
        error={shown.instance}
      />
      {/* Rendered always, filled on a refused Next, so the message is announced. */}
      <div role="alert" className="form-alert-slot">
        {shown.stacks ? <p className="field__error">{shown.stacks}</p> : null}
      </div>
      <WizardButtons onBack={onBack} next="Next" onCancel={onCancel} />
    </form>
  );
}
