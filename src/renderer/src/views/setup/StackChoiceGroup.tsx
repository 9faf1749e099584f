import { type ReactElement, useId } from 'react';
import { GITPOD_ROLE_NAME } from '../../../../shared/cells/cell';
import type { StackCandidate } from '../../../../shared/cells/discovery';
import type { StackKind } from '../../../../shared/cells/stack-report';
import { STACK_KIND_LABELS } from '../../cells/stack-labels';
import { TextField } from '../../components/FormField';
import { CUSTOM, candidateOption, NONE, type StackChoice } from './stack-choice';

const KIND_HINTS: Record<StackKind, string> = {
  role: `The stack that creates the IAM role ${GITPOD_ROLE_NAME}.`,
  instance: `The Gitpod installation itself, deployed with the role ${GITPOD_ROLE_NAME}.`,
};

export interface StackChoiceGroupProps {
  readonly kind: StackKind;
  readonly candidates: readonly StackCandidate[];
  readonly suggested: string | undefined;
  readonly choice: StackChoice;
  readonly onChange: (choice: StackChoice) => void;
  /** About the typed name. */
  readonly error: string | undefined;
}

/** One radio group: each candidate with its evidence, "none", or a name typed in. */
export function StackChoiceGroup({
  kind,
  candidates,
  suggested,
  choice,
  onChange,
  error,
}: StackChoiceGroupProps): ReactElement {
  const name = useId();
  const hintId = useId();
  const label = STACK_KIND_LABELS[kind];
  const select = (option: string): void => onChange({ ...choice, option });

  return (
    <fieldset className="choice-group" aria-describedby={hintId}>
      <legend className="choice-group__legend">{label}</legend>
      <p className="choice-group__hint" id={hintId}>
        {KIND_HINTS[kind]}
      </p>
      {candidates.length === 0 ? (
        <p className="choice-group__empty">No stack here looks like the {label.toLowerCase()}.</p>
      ) : null}
      {candidates.map((candidate) => {
        const id = `${name}-${candidate.stackName}`;
        return (
          <div className="choice" key={candidate.stackId}>
            <input
              type="radio"
              id={id}
              name={name}
              checked={choice.option === candidateOption(candidate.stackName)}
              onChange={() => select(candidateOption(candidate.stackName))}
              aria-describedby={`${id}-evidence`}
            />
            <label htmlFor={id} className="choice__label">
              <span className="choice__name">{candidate.stackName}</span>
              {candidate.stackName === suggested ? <span className="badge">Suggested</span> : null}
              <code className="choice__status">{candidate.status}</code>
            </label>
            <ul className="choice__evidence" id={`${id}-evidence`}>
              {candidate.evidence.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </div>
        );
      })}
      <div className="choice">
        <input
          type="radio"
          id={`${name}-none`}
          name={name}
          checked={choice.option === NONE}
          onChange={() => select(NONE)}
        />
        <label htmlFor={`${name}-none`} className="choice__label">
          No {label.toLowerCase()}
        </label>
      </div>
      <div className="choice">
        <input
          type="radio"
          id={`${name}-custom`}
          name={name}
          checked={choice.option === CUSTOM}
          onChange={() => select(CUSTOM)}
        />
        <label htmlFor={`${name}-custom`} className="choice__label">
          Enter a name
        </label>
      </div>
      {choice.option === CUSTOM ? (
        <div className="choice__custom">
          <TextField
            label={`${label} name`}
            value={choice.custom}
            onChange={(custom) => onChange({ ...choice, custom })}
            error={error}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
