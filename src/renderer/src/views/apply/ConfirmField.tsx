import { type ReactElement, useId } from 'react';

export interface ConfirmFieldProps {
  /** "the stack name", "the account id". */
  readonly what: string;
  readonly expected: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly inputMode?: 'text' | 'numeric';
}

/** A field the admin types a name into, exactly, to show they know what they are changing. */
export function ConfirmField({
  what,
  expected,
  value,
  onChange,
  inputMode = 'text',
}: ConfirmFieldProps): ReactElement {
  const id = useId();
  const matches = value.trim() === expected;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Type {what} <code className="confirm-field__expected">{expected}</code>
      </label>
      <input
        id={id}
        className="input"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        autoComplete="off"
        spellCheck={false}
        inputMode={inputMode}
        aria-describedby={`${id}-match`}
        aria-required={true}
      />
      <p
        className={`field__hint confirm-field__match${matches ? ' confirm-field__match--ok' : ''}`}
        id={`${id}-match`}
      >
        {matches ? (
          <>
            <span aria-hidden="true">✓ </span>Matches
          </>
        ) : value === '' ? (
          'Exactly as shown, to confirm.'
        ) : (
          'Does not match yet.'
        )}
      </p>
    </div>
  );
}
