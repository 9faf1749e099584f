import type { ReactElement } from 'react';
import { EmptyState } from '../components/States';

export function UpdatesView(): ReactElement {
  return (
    <EmptyState
      title="No pending infrastructure updates"
      body={
        <p>
          When Gitpod publishes an infrastructure update for one of your cells, it appears here with its
          deadline: updates must be applied within two weeks.
        </p>
      }
    />
  );
}
