import { type ReactElement, useId } from 'react';
import type { MissingParameter } from '../../../../shared/apply/preflight';

export interface ParameterFieldProps {
  readonly parameter: MissingParameter;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: string | undefined;
}

/**
 * A value for a new template parameter. A NoEcho one is a secret: a password field, never
 * echoed, and the value goes to main only (which neither journals nor shows it).
 */
export function ParameterField({ parameter, value, onChange, error }: ParameterFieldProps): ReactElement {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(' ');
  const allowed = parameter.allowedValues ?? [];

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        <code>{parameter.key}</code>
      </label>
      <p className="field__hint" id={hintId}>
        {parameter.description ? `${parameter.description} ` : null}
        {parameter.type ? `Type ${parameter.type}. ` : null}
        {parameter.noEcho
          ? 'A secret (NoEcho): it goes to CloudFormation only, and the app never shows or saves it.'
          : null}
      </p>
      {allowed.length > 0 ? (
        <select
          id={id}
          className="input select"
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          aria-required={true}
        >
          <option value="">Choose a value</option>
          {allowed.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          className="input"
          type={parameter.noEcho ? 'password' : 'text'}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          aria-required={true}
        />
      )}
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}
