import { type ReactElement, useEffect, useId, useRef, useState } from 'react';
import { useCells } from '../../cells/cells-context';
import { READ_ONLY_REASON } from '../../cells/read-only';
import { ErrorState, Loading } from '../../components/States';
import { SetupWizard } from '../setup/SetupWizard';
import { CellEditForm } from './CellEditForm';
import { CellRow } from './CellRow';

type Mode =
  | { readonly kind: 'list' }
  | { readonly kind: 'add' }
  | { readonly kind: 'edit'; readonly id: string };

/** Where focus goes back to when a form or the wizard closes; `token` makes a repeat count. */
interface FocusReturn {
  readonly to: 'add' | { readonly id: string };
  readonly token: number;
}

/** Settings → Cells: every cell, with Add (the setup wizard), Edit and Remove in place. */
export function CellsSection(): ReactElement {
  const { state, reload } = useCells();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [focusReturn, setFocusReturn] = useState<FocusReturn | null>(null);
  const [outcome, setOutcome] = useState('');
  const reasonId = useId();
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusReturn?.to === 'add') addButton.current?.focus();
  }, [focusReturn]);

  if (state.status === 'loading') return <Loading label="Loading cells…" />;
  if (state.status === 'error') {
    return <ErrorState title="Could not load the cells" error={state.error} onRetry={reload} />;
  }

  const { cells, readOnly } = state.value;
  const close = (to: FocusReturn['to'], message?: string): void => {
    setMode({ kind: 'list' });
    setFocusReturn((before) => ({ to, token: (before?.token ?? 0) + 1 }));
    if (message) setOutcome(message);
  };

  if (mode.kind === 'add' && !readOnly) {
    return (
      <SetupWizard
        focusOnOpen
        onCancel={() => close('add')}
        onDone={(added) => close('add', added ? `Added ${added.cell.name}.` : 'The cell was added.')}
      />
    );
  }

  return (
    <div className="cells-settings">
      {readOnly ? (
        <p className="callout" id={reasonId}>
          <strong>Changes are turned off.</strong> {READ_ONLY_REASON}
        </p>
      ) : null}
      {cells.length === 0 ? (
        <p className="muted">No cells yet. Add one to have its stacks watched.</p>
      ) : (
        <ul className="cell-rows" aria-label="Cells">
          {cells.map((view) =>
            mode.kind === 'edit' && mode.id === view.cell.id && !readOnly ? (
              <li key={view.cell.id} className="cell-row">
                <CellEditForm
                  cell={view.cell}
                  onCancel={() => close({ id: view.cell.id })}
                  onSaved={(name) => close({ id: view.cell.id }, `Saved ${name}.`)}
                />
              </li>
            ) : (
              <CellRow
                key={view.cell.id}
                view={view}
                readOnlyReasonId={readOnly ? reasonId : undefined}
                focusToken={
                  focusReturn && typeof focusReturn.to === 'object' && focusReturn.to.id === view.cell.id
                    ? focusReturn.token
                    : 0
                }
                onEdit={() => setMode({ kind: 'edit', id: view.cell.id })}
                onRemoved={(name) => close('add', `Removed ${name}.`)}
              />
            ),
          )}
        </ul>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          ref={addButton}
          disabled={readOnly}
          aria-describedby={readOnly ? reasonId : undefined}
          onClick={() => setMode({ kind: 'add' })}
        >
          Add cell
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {outcome}
      </p>
    </div>
  );
}
