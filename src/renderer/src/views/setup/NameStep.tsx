import { type FormEvent, type ReactElement, useRef, useState } from 'react';
import type { CellsState, CellView } from '../../../../shared/cells/cells-state';
import type { DiscoveryReport } from '../../../../shared/cells/discovery';
import { useApi } from '../../api-context';
import { draftErrors, nameClash } from '../../cells/cell-validation';
import { cellProfileLabel } from '../../cells/profile-labels';
import { TextField } from '../../components/FormField';
import { ErrorState } from '../../components/States';
import { useAction } from '../../hooks/useAction';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { buildDraft, type CellDetails, type ChosenStacks, type Target } from './setup-types';
import { WizardButtons } from './WizardButtons';

export interface NameStepProps {
  readonly target: Target;
  readonly report: DiscoveryReport;
  readonly stacks: ChosenStacks;
  readonly details: CellDetails;
  readonly onDetails: (details: CellDetails) => void;
  /** The cells there are, to say at once that a name is taken. */
  readonly cells: readonly CellView[];
  readonly onBack: () => void;
  readonly onSaved: (state: CellsState, name: string) => void;
  readonly onCancel?: (() => void) | undefined;
}

type Touched = Partial<Record<keyof CellDetails, boolean>>;

/** Step 3: name the cell, optionally give its domain, and save it. */
export function NameStep(props: NameStepProps): ReactElement {
  const { target, report, stacks, details, onDetails, onBack, onCancel } = props;
  const api = useApi();
  const save = useAction();
  const form = useRef<HTMLFormElement>(null);
  const [touched, setTouched] = useState<Touched>({});
  const [refused, setRefused] = useState(0);
  useFocusFirstInvalid(form, refused);

  const draft = buildDraft(target, report, stacks, details);
  const errors = draftErrors(draft);
  const nameError = errors.name ?? nameClash(details.name, props.cells);
  // Fields the admin cannot edit here were checked in the steps before; should one still be
  // wrong (a region main did not expect), say so rather than refuse silently.
  const otherError =
    errors.region ?? errors.accountId ?? errors.roleStack ?? errors.instanceStack ?? errors.stacks;
  const shown = (field: keyof CellDetails, error: string | undefined): string | undefined =>
    refused > 0 || touched[field] ? error : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (save.running) return;
    if (nameError || errors.domain || otherError) {
      setRefused((n) => n + 1);
      return;
    }
    void save.run(
      () => api.cells.add(draft),
      (state) => props.onSaved(state, draft.name),
    );
  };

  return (
    <form className="wizard__form" noValidate onSubmit={onSubmit} ref={form}>
      <TextField
        label="Name"
        value={details.name}
        onChange={(name) => onDetails({ ...details, name })}
        onBlur={() => setTouched((t) => ({ ...t, name: true }))}
        hint="How the cell is called in the tray, in notifications and here; for example production."
        error={shown('name', nameError)}
      />
      <TextField
        label="Domain"
        optional
        inputMode="url"
        value={details.domain}
        onChange={(domain) => onDetails({ ...details, domain })}
        onBlur={() => setTouched((t) => ({ ...t, domain: true }))}
        hint="Where your team opens Gitpod, for example gitpod.example.com. Reached over https only."
        error={shown('domain', errors.domain)}
      />
      <dl className="details wizard__summary" aria-label="The cell to add">
        <dt>Profile</dt>
        <dd>{cellProfileLabel(target.profile)}</dd>
        <dt>Region</dt>
        <dd>{target.region}</dd>
        <dt>Account</dt>
        <dd>{report.account}</dd>
        <dt>Role stack</dt>
        <dd>{stacks.roleStack ?? 'None'}</dd>
        <dt>Instance stack</dt>
        <dd>{stacks.instanceStack ?? 'None'}</dd>
      </dl>
      <div role="alert" className="form-alert-slot">
        {refused > 0 && otherError ? <p className="field__error">{otherError}</p> : null}
      </div>
      {save.error ? <ErrorState title="The cell was not added" error={save.error} /> : null}
      <WizardButtons
        onBack={onBack}
        next={save.running ? 'Adding…' : 'Add cell'}
        busy={save.running}
        onCancel={onCancel}
      />
    </form>
  );
}
