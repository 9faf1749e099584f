import { type ReactElement, useEffect, useId, useRef, useState } from 'react';
import type { CellView } from '../../../../shared/cells/cells-state';
import { cellProfileLabel } from '../../cells/profile-labels';
import { RemoveCellConfirm } from './RemoveCellConfirm';

export interface CellRowProps {
  readonly view: CellView;
  /** Set when changes are off: the buttons are disabled and point at the reason. */
  readonly readOnlyReasonId: string | undefined;
  /** A new value moves focus to Edit: the edit form for this cell just closed. */
  readonly focusToken: number;
  readonly onEdit: () => void;
  readonly onRemoved: (name: string) => void;
}

export function CellRow({
  view,
  readOnlyReasonId,
  focusToken,
  onEdit,
  onRemoved,
}: CellRowProps): ReactElement {
  const { cell } = view;
  const headingId = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [cancelled, setCancelled] = useState(0);
  const readOnly = readOnlyReasonId !== undefined;

  useEffect(() => {
    if (focusToken > 0) editButton.current?.focus();
  }, [focusToken]);
  useEffect(() => {
    if (cancelled > 0) removeButton.current?.focus();
  }, [cancelled]);

  return (
    <li className="cell-row" aria-labelledby={headingId}>
      <div className="cell-row__text">
        <h3 className="cell-row__name" id={headingId}>
          {cell.name}
        </h3>
        <p className="cell-row__facts">
          Account {cell.accountId} · {cell.region} · {cellProfileLabel(cell.profile)}
        </p>
        <p className="cell-row__facts">
          {[
            cell.roleStack ? `Role stack ${cell.roleStack}` : null,
            cell.instanceStack ? `Instance stack ${cell.instanceStack}` : null,
            cell.domain ? `Domain ${cell.domain}` : null,
          ]
            .filter((part) => part !== null)
            .join(' · ')}
        </p>
      </div>
      {confirming && !readOnly ? (
        <RemoveCellConfirm
          cell={cell}
          onCancel={() => {
            setConfirming(false);
            setCancelled((n) => n + 1);
          }}
          onRemoved={() => onRemoved(cell.name)}
        />
      ) : (
        <div className="button-row cell-row__buttons">
          <button
            type="button"
            className="button"
            ref={editButton}
            disabled={readOnly}
            aria-describedby={readOnlyReasonId}
            onClick={onEdit}
          >
            Edit<span className="visually-hidden"> {cell.name}</span>
          </button>
          <button
            type="button"
            className="button"
            ref={removeButton}
            disabled={readOnly}
            aria-describedby={readOnlyReasonId}
            onClick={() => setConfirming(true)}
          >
            Remove<span className="visually-hidden"> {cell.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}
