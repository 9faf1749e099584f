import type { ReactElement } from 'react';
import type { CellHealth } from '../../cells/cell-health';

/** The cell's health in words, with colour as a second cue only. */
export function HealthPill({ health }: { health: CellHealth }): ReactElement {
  return (
    <span className={`pill pill--${health.tone}`}>
      <span className="pill__icon" aria-hidden="true" />
      {health.label}
    </span>
  );
}
