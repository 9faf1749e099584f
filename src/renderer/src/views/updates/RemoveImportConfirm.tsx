import { type ReactElement, useEffect, useRef } from 'react';
import type { PendingUpdate } from '../../../../shared/updates/pending-update';
import { useApi } from '../../api-context';
import { ErrorState } from '../../components/States';
import { useAction } from '../../hooks/useAction';
import { useUpdates } from '../../updates/updates-context';

export interface RemoveImportConfirmProps {
  readonly update: PendingUpdate;
  readonly onCancel: () => void;
  readonly onRemoved: () => void;
}

/** Asks before forgetting an imported update, in place, and says plainly that AWS is left alone. */
export function RemoveImportConfirm({ update, onCancel, onRemoved }: RemoveImportConfirmProps): ReactElement {
  const api = useApi();
  const { apply } = useUpdates();
  const remove = useAction();
  const question = useRef<HTMLParagraphElement>(null);

  // The question takes focus, not the Remove button: Enter must not remove by accident.
  useEffect(() => {
    question.current?.focus();
  }, []);

  const onRemove = (): void => {
    if (remove.running) return;
    void remove.run(
      () => api.updates.removeImport({ id: update.id }),
      (state) => {
        apply(state);
        onRemoved();
      },
    );
  };

  return (
    <div className="confirm">
      <p className="confirm__question" ref={question} tabIndex={-1}>
        <strong>Remove the imported {update.label}?</strong> The app forgets it and stops reminding you of it.
        Nothing in AWS is changed. Import it again if you still need to apply it.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--danger"
          aria-disabled={remove.running}
          aria-busy={remove.running}
          onClick={onRemove}
        >
          {remove.running ? 'Removing…' : `Remove ${update.label}`}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {remove.error ? <ErrorState title={`${update.label} was not removed`} error={remove.error} /> : null}
    </div>
  );
}
