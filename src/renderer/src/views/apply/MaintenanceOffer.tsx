import { type ReactElement, useId } from 'react';
import { MAX_NOTICE_LENGTH } from '../../../../shared/app-status/app-status';
import { useApi } from '../../api-context';
import type { MaintenanceChoice } from '../../apply/maintenance-words';
import { useResult } from '../../hooks/useResult';

export interface MaintenanceOfferProps {
  readonly cellId: string;
  readonly choice: MaintenanceChoice;
  readonly onChange: (choice: MaintenanceChoice) => void;
  /** Why the choice cannot be sent (a ticked notice without text). */
  readonly error: string | null;
}

/**
 * The opt-in, on the start screen, to Gitpod maintenance around the run: offered when the cell
 * has a domain and a personal access token is stored (switching needs an organization owner's).
 * Nothing is ticked by default: maintenance mode stops the cell's users from starting workspaces.
 */
export function MaintenanceOffer({
  cellId,
  choice,
  onChange,
  error,
}: MaintenanceOfferProps): ReactElement | null {
  const api = useApi();
  const id = useId();
  const state = useResult(() => api.appStatus.get(), [api]);
  if (state.status !== 'ready') return null;
  const cell = state.value.cells.find((c) => c.cellId === cellId);
  if (!cell?.domain) return null;
  if (!cell.hasToken) {
    return (
      <p className="muted apply-maintenance__hint">
        To show your users a maintenance notice and switch on maintenance mode during the update, store an
        organization owner’s personal access token for {cell.domain} in the Overview.
      </p>
    );
  }
  return (
    <fieldset className="choice-group apply-maintenance">
      <legend className="choice-group__legend">Gitpod maintenance around the update</legend>
      <p className="field__hint">
        Needs an organization owner’s token. Whatever the run switches on, it switches off again when it ends,
        whatever the outcome; what was already on stays as it is.
      </p>
      <div className="apply-checkbox">
        <input
          id={`${id}-notice`}
          type="checkbox"
          checked={choice.notice}
          onChange={(event) => onChange({ ...choice, notice: event.currentTarget.checked })}
        />
        <label htmlFor={`${id}-notice`}>Show users a maintenance notice from the start of the run</label>
      </div>
      {choice.notice ? (
        <div className="field apply-maintenance__text">
          <label className="field__label" htmlFor={`${id}-text`}>
            Notice
          </label>
          <textarea
            id={`${id}-text`}
            className="input textarea"
            maxLength={MAX_NOTICE_LENGTH}
            value={choice.text}
            onChange={(event) => onChange({ ...choice, text: event.currentTarget.value })}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          {error ? (
            <p className="field__error" id={`${id}-error`}>
              <span className="visually-hidden">Error: </span>
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="apply-checkbox">
        <input
          id={`${id}-mode`}
          type="checkbox"
          checked={choice.mode}
          onChange={(event) => onChange({ ...choice, mode: event.currentTarget.checked })}
          aria-describedby={`${id}-mode-hint`}
        />
        <label htmlFor={`${id}-mode`}>Switch on maintenance mode while the change sets execute</label>
        <p className="field__hint apply-checkbox__hint" id={`${id}-mode-hint`}>
          No workspace starts until the run ends.
        </p>
      </div>
    </fieldset>
  );
}
