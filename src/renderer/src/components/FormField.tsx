import { type FocusEvent, type ReactElement, type ReactNode, useId } from 'react';

interface FieldBase {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onBlur?: () => void;
  readonly hint?: ReactNode;
  /** Shown under the control, and tied to it, once the form decides the user should see it. */
  readonly error?: string | undefined;
  readonly optional?: boolean;
  readonly disabled?: boolean;
}

export interface TextFieldProps extends FieldBase {
  /** `date` and `time` give the platform's pickers; their values are YYYY-MM-DD and HH:MM. */
  readonly type?: 'text' | 'date' | 'time';
  readonly inputMode?: 'text' | 'numeric' | 'url';
  readonly autoComplete?: string;
  readonly placeholder?: string;
}

export interface TextAreaFieldProps extends FieldBase {
  readonly rows?: number;
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

export interface SelectFieldProps extends FieldBase {
  readonly options: readonly SelectOption[];
}

/**
 * Calls `onBlur` (which shows the field's error) unless focus is moving to a submit button of
 * the same form. An error appearing under the field as the mouse goes down on Save would push
 * the button away before the mouse comes up, and the click would be lost; the submit shows
 * every error anyway.
 */
function blurUnlessSubmitting(onBlur: (() => void) | undefined): ((event: FocusEvent) => void) | undefined {
  if (!onBlur) return undefined;
  return (event) => {
    const next = event.relatedTarget;
    const form = event.currentTarget instanceof HTMLElement ? event.currentTarget.closest('form') : null;
    if (next instanceof HTMLButtonElement && next.type === 'submit' && form !== null && next.form === form)
      return;
    onBlur();
  };
}

interface FieldIds {
  readonly id: string;
  readonly hintId: string;
  readonly errorId: string;
}

function describedBy({ hintId, errorId }: FieldIds, hint: ReactNode, error?: string): string | undefined {
  const ids = [hint ? hintId : null, error ? errorId : null].filter((id): id is string => id !== null);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame({
  ids,
  label,
  hint,
  error,
  optional,
  children,
}: {
  ids: FieldIds;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean | undefined;
  children: ReactNode;
}): ReactElement {
  return (
    <div className="field">
      <label className="field__label" htmlFor={ids.id}>
        {label}
        {optional ? <span className="field__optional"> (optional)</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={ids.hintId}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="field__error" id={ids.errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function useFieldIds(): FieldIds {
  const id = useId();
  return { id, hintId: `${id}-hint`, errorId: `${id}-error` };
}

/** A labelled text input with its hint and error tied to it for screen readers. */
export function TextField(props: TextFieldProps): ReactElement {
  const ids = useFieldIds();
  const { label, value, onChange, onBlur, hint, error, optional, disabled, inputMode, autoComplete } = props;
  return (
    <FieldFrame ids={ids} label={label} hint={hint} error={error} optional={optional}>
      <input
        id={ids.id}
        className="input"
        type={props.type ?? 'text'}
        placeholder={props.placeholder}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        onBlur={blurUnlessSubmitting(onBlur)}
        disabled={disabled}
        inputMode={inputMode}
        autoComplete={autoComplete ?? 'off'}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-required={optional ? undefined : true}
        aria-describedby={describedBy(ids, hint, error)}
      />
    </FieldFrame>
  );
}

/** A labelled select with its hint and error tied to it for screen readers. */
export function SelectField(props: SelectFieldProps): ReactElement {
  const ids = useFieldIds();
  const { label, value, onChange, onBlur, hint, error, optional, disabled, options } = props;
  return (
    <FieldFrame ids={ids} label={label} hint={hint} error={error} optional={optional}>
      <select
        id={ids.id}
        className="input select"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        onBlur={blurUnlessSubmitting(onBlur)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A labelled multi-line text input with its hint and error tied to it for screen readers. */
export function TextAreaField(props: TextAreaFieldProps): ReactElement {
  const ids = useFieldIds();
  const { label, value, onChange, onBlur, hint, error, optional, disabled, rows = 3 } = props;
  return (
    <FieldFrame ids={ids} label={label} hint={hint} error={error} optional={optional}>
      <textarea
        id={ids.id}
        className="input textarea"
        value={value}
        rows={rows}
        onChange={(event) => onChange(event.currentTarget.value)}
        onBlur={blurUnlessSubmitting(onBlur)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-required={optional ? undefined : true}
        aria-describedby={describedBy(ids, hint, error)}
      />
    </FieldFrame>
  );
}
