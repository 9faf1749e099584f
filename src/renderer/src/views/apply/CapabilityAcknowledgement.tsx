import { type ReactElement, useId } from 'react';
import type { Awaiting } from '../../../../shared/apply/run';
import { formatCount, plural } from '../../apply/apply-labels';

type InputAwaiting = Extract<Awaiting, { kind: 'input' }>;

/** More resources than this are listed behind a disclosure, so the checkbox stays in view. */
const SHOWN_OPEN = 6;
/** The first few are named in the checkbox's description. */
const NAMED = 5;

export interface CapabilityAcknowledgementProps {
  readonly awaiting: InputAwaiting;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly error: string | undefined;
}

/** The IAM acknowledgement CloudFormation requires, naming the resources it is about. */
export function CapabilityAcknowledgement({
  awaiting,
  checked,
  onChange,
  error,
}: CapabilityAcknowledgementProps): ReactElement {
  const id = useId();
  const resources = awaiting.capabilityResources;
  const named = resources.slice(0, NAMED).map((resource) => resource.logicalId);
  const more = resources.length - named.length;
  const list = (
    <ul className="apply-plain-list apply-iam-resources">
      {resources.map((resource) => (
        <li key={resource.logicalId}>
          <code>{resource.logicalId}</code> ({resource.type}
          {resource.named ? ', with a custom name' : ''})
        </li>
      ))}
    </ul>
  );

  return (
    <fieldset className="choice-group apply-ack">
      <legend className="choice-group__legend">IAM resources</legend>
      <p>
        The template needs {awaiting.capabilities.join(' and ')}: CloudFormation creates or changes IAM
        resources only once you acknowledge it.
        {awaiting.capabilitiesReason ? ` ${awaiting.capabilitiesReason}` : null}
      </p>
      {resources.length > SHOWN_OPEN ? (
        <details className="apply-disclosure">
          <summary className="apply-disclosure__summary">
            Show the {plural(resources.length, 'IAM resource')}
          </summary>
          {list}
        </details>
      ) : resources.length > 0 ? (
        list
      ) : null}
      <div className="apply-checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.currentTarget.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-resources${error ? ` ${id}-error` : ''}`}
        />
        <label htmlFor={id}>I acknowledge that this update may create or change IAM resources</label>
      </div>
      <p className="field__hint" id={`${id}-resources`}>
        {resources.length > 0
          ? `Resources: ${named.join(', ')}${more > 0 ? ` and ${formatCount(more)} more` : ''}.`
          : 'CloudFormation did not name the resources.'}
      </p>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
