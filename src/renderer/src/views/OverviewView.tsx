import type { ReactElement } from 'react';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { StatusPill } from '../components/StatusPill';
import { useStatus } from '../status/status-context';

export function OverviewView(): ReactElement {
  const { snapshot, reload } = useStatus();

  if (snapshot.status === 'loading') return <Loading />;
  if (snapshot.status === 'error') {
    return <ErrorState title="Could not load the status" error={snapshot.error} onRetry={reload} />;
  }

  const { cells } = snapshot.value;
  if (cells.length === 0) {
    return (
      <EmptyState
        title="No cell set up yet"
        body={
          <>
            <p>A cell is a Gitpod Dedicated installation in your AWS account.</p>
            <p>Add your first cell from Settings once cell setup is available.</p>
          </>
        }
      />
    );
  }

  return (
    <ul className="card-list" aria-label="Cells">
      {cells.map((cell) => (
        <li key={cell.name} className="card">
          <div className="card__header">
            <h2 className="card__title">{cell.name}</h2>
            <StatusPill state={cell.state} />
          </div>
          {cell.line ? <p className="card__line">{cell.line}</p> : null}
        </li>
      ))}
    </ul>
  );
}
