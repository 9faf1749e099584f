import type { ReactElement } from 'react';
import { EmptyState } from '../components/States';

export function ApplyView(): ReactElement {
  return (
    <EmptyState
      title="Nothing to apply"
      body={
        <p>
          When an update is pending, the guided apply walks you through it: creating the CloudFormation change
          set, reviewing what it changes, and executing it.
        </p>
      }
    />
  );
}
