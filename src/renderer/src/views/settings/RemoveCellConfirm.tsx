import { type ReactElement, useEffect, useRef } from 'react';
import type { Cell } from '../../../../shared/cells/cell';
import { useApi } from '../../api-context';
import { useCells } from '../../cells/cells-context';
import { ErrorState } from '../../components/States';
import { useAction } from '../../hooks/useAction';

export interface RemoveCellConfirmProps {
  readonly cell: Cell;
  readonly onCancel: () => void;
  readonly onRemoved: () => void;
}

/** Asks before removing, in place, and says plainly that AWS is left alone. */
export function RemoveCellConfirm({ cell, onCancel, onRemoved }: RemoveCellConfirmProps): ReactElement {
  const api = useApi();
  const { apply } = useCells();
  const remove = useAction();
  const question = useRef<HTMLParagraphElement>(null);

  // The question takes focus, not the Remove button: Enter must not remove by accident.
  useEffect(() => {
    question.current?.focus();
  }, []);

  const onRemove = (): void => {
    if (remove.running) return;
    void remove.run(
      () => api.cells.remove({ id: cell.id }),
      (state) => {
        apply(state);
        onRemoved();
      },
    );
  };

  return (
    <div className="confirm">
      <p className="confirm__question" ref={question} tabIndex={-1}>
        <strong>Remove {cell.name} from Dedicated Admin?</strong> The app stops watching it. Nothing in AWS is
        changed: the stacks, the role and the account stay as they are.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--danger"
          aria-disabled={remove.running}
          aria-busy={remove.running}
          onClick={onRemove}
        >
          {remove.running ? 'Removing…' : `Remove ${cell.name}`}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {remove.error ? <ErrorState title={`${cell.name} was not removed`} error={remove.error} /> : null}
    </div>
  );
}
