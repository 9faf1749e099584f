import { type FormEvent, type ReactElement, useEffect, useId, useRef, useState } from 'react';
import type { Cell } from '../../../../shared/cells/cell';
import { useApi } from '../../api-context';
import { cellErrors, type FieldErrors, nameClash, sameStackError } from '../../cells/cell-validation';
import { useCells } from '../../cells/cells-context';
import { SelectField, TextField } from '../../components/FormField';
import { ErrorState } from '../../components/States';
import { useAction } from '../../hooks/useAction';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useResult } from '../../hooks/useResult';
import { cellOf, type EditFields, fieldsOf, profileOptions, regionOptions } from './cell-edit-fields';

export interface CellEditFormProps {
  readonly cell: Cell;
  readonly onCancel: () => void;
  readonly onSaved: (name: string) => void;
}

type Field = keyof EditFields;

/** Every field of a cell, checked as the shared schema checks it, saved under the same id. */
export function CellEditForm({ cell, onCancel, onSaved }: CellEditFormProps): ReactElement {
  const api = useApi();
  const { state, apply } = useCells();
  const setup = useResult(() => api.aws.getSetup(), [api]);
  const save = useAction();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const [fields, setFields] = useState<EditFields>(() => fieldsOf(cell));
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [refused, setRefused] = useState(0);
  useFocusFirstInvalid(form, refused);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const candidate = cellOf(cell.id, fields);
  const others = state.status === 'ready' ? state.value.cells : [];
  const errors: FieldErrors = cellErrors(candidate);
  const nameError = errors.name ?? nameClash(fields.name, others, cell.id);
  const stacksError = errors.stacks ?? sameStackError(candidate.roleStack, candidate.instanceStack);
  const invalid = Boolean(nameError || stacksError || Object.values(errors).some(Boolean));
  const shown = (field: Field, error: string | undefined): string | undefined =>
    refused > 0 || touched[field] ? error : undefined;

  const bind = (field: Field) => ({
    value: fields[field],
    onChange: (value: string) => setFields((before) => ({ ...before, [field]: value })),
    onBlur: () => setTouched((before) => ({ ...before, [field]: true })),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (save.running) return;
    if (invalid) {
      setRefused((n) => n + 1);
      return;
    }
    void save.run(
      () => api.cells.update(candidate),
      (saved) => {
        apply(saved);
        onSaved(candidate.name);
      },
    );
  };

  const loadedSetup = setup.status === 'ready' ? setup.value : null;
  const profileHint =
    setup.status === 'loading'
      ? 'Reading your AWS profiles…'
      : setup.status === 'error'
        ? `Your AWS profiles could not be read: ${setup.error.message}`
        : 'How the app signs in to AWS for this cell.';

  return (
    <form className="cell-form" noValidate onSubmit={onSubmit} ref={form} aria-labelledby={headingId}>
      <h3 className="cell-form__title" id={headingId} ref={heading} tabIndex={-1}>
        Edit {cell.name}
      </h3>
      <TextField label="Name" {...bind('name')} error={shown('name', nameError)} />
      <SelectField
        label="AWS profile"
        {...bind('profile')}
        options={profileOptions(loadedSetup, fields.profile)}
        hint={profileHint}
      />
      <SelectField
        label="Region"
        {...bind('region')}
        options={regionOptions(loadedSetup, fields.region)}
        error={shown('region', errors.region)}
      />
      <TextField
        label="Account ID"
        inputMode="numeric"
        {...bind('accountId')}
        hint="The 12-digit account the stacks are in. Checks refuse to run in any other account."
        error={shown('accountId', errors.accountId)}
      />
      <TextField
        label="Role stack"
        optional
        {...bind('roleStack')}
        error={shown('roleStack', errors.roleStack)}
      />
      <TextField
        label="Instance stack"
        optional
        {...bind('instanceStack')}
        hint="Leave a stack empty when the cell does not have it; one of the two is needed."
        error={shown('instanceStack', errors.instanceStack)}
      />
      <div role="alert" className="form-alert-slot">
        {refused > 0 && stacksError ? <p className="field__error">{stacksError}</p> : null}
      </div>
      <TextField
        label="Domain"
        optional
        inputMode="url"
        {...bind('domain')}
        hint="Where your team opens Gitpod, for example gitpod.example.com. Reached over https only."
        error={shown('domain', errors.domain)}
      />
      <TextField
        label="Gitpod organization ID"
        optional
        {...bind('organizationId')}
        hint="The organization whose maintenance is shown. Leave it empty to use the only one your personal access token sees; with several, copy the ID from Gitpod’s organization settings."
        error={shown('organizationId', errors.organizationId)}
      />
      {save.error ? <ErrorState title="The changes were not saved" error={save.error} /> : null}
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={save.running}
          aria-busy={save.running}
        >
          {save.running ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
