import type { ReactElement } from 'react';
import type { Cell } from '../../../../shared/cells/cell';
import { useApi } from '../../api-context';
import { useCells } from '../../cells/cells-context';
import { ConfirmInPlace } from '../../components/ConfirmInPlace';

export interface RemoveCellConfirmProps {
  readonly cell: Cell;
  readonly onCancel: () => void;
  readonly onRemoved: () => void;
}

/** Asks before removing, in place, and says plainly that AWS is left alone. */
export function RemoveCellConfirm({ cell, onCancel, onRemoved }: RemoveCellConfirmProps): ReactElement {
  const api = useApi();
  const { apply } = useCells();
  return (
    <ConfirmInPlace
      question={
        <>
          <strong>Remove {cell.name} from Dedicated Admin?</strong> The app stops watching it. Nothing in AWS
          is changed: the stacks, the role and the account stay as they are.
        </>
      }
      confirmLabel={`Remove ${cell.name}`}
      runningLabel="Removing…"
      failedTitle={`${cell.name} was not removed`}
      action={() => api.cells.remove({ id: cell.id })}
      onDone={(state) => {
        apply(state);
        onRemoved();
      }}
      onCancel={onCancel}
    />
  );
}
