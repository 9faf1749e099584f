import type { ReactElement } from 'react';
import { AppliedUpdatesList } from './history/AppliedUpdatesList';
import { ApplyRunsSection } from './history/ApplyRunsSection';

/** The evidence: every update seen applied, and every guided apply run with who ran it and how it ended. */
export function HistoryView(): ReactElement {
  return (
    <div className="history">
      <AppliedUpdatesList />
      <ApplyRunsSection />
    </div>
  );
}
