import type { ReactElement } from 'react';
import type { PendingUpdate } from '../../../../shared/updates/pending-update';
import { useApi } from '../../api-context';
import { ConfirmInPlace } from '../../components/ConfirmInPlace';
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
  return (
    <ConfirmInPlace
      question={
        <>
          <strong>Remove the imported {update.label}?</strong> The app forgets it and stops reminding you of
          it. Nothing in AWS is changed. Import it again if you still need to apply it.
        </>
      }
      confirmLabel={`Remove ${update.label}`}
      runningLabel="Removing…"
      failedTitle={`${update.label} was not removed`}
      action={() => api.updates.removeImport({ id: update.id })}
      onDone={(state) => {
        apply(state);
        onRemoved();
      }}
      onCancel={onCancel}
    />
  );
}
