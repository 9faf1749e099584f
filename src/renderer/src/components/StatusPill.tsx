import type { ReactElement } from 'react';
import type { TrayState } from '../../../shared/status';
import { TRAY_STATE_LABELS } from '../status/tray-state-labels';

export function StatusPill({ state }: { state: TrayState }): ReactElement {
  return (
    <span className={`pill pill--${state}`}>
      <span className="pill__icon" aria-hidden="true" />
      {TRAY_STATE_LABELS[state]}
    </span>
  );
}
