import type { ReactElement } from 'react';
import { EmptyState } from '../components/States';

export function HistoryView(): ReactElement {
  return (
    <EmptyState
      title="No update runs yet"
      body={<p>Every update you apply is recorded here, so you have evidence of what changed and when.</p>}
    />
  );
}
