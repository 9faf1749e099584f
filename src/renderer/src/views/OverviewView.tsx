import { type ReactElement, useState } from 'react';
import { AppStatusProvider } from '../app-status/app-status-context';
import { useCells } from '../cells/cells-context';
import { ErrorState, Loading } from '../components/States';
import { CellCard } from './overview/CellCard';
import { NoticeBanner, ReadOnlyBanner } from './overview/CellsBanners';
import { FirstRun } from './overview/FirstRun';

export function OverviewView(): ReactElement {
  // The cells' live Gitpod status is shown here only: it is loaded, and followed, with the view.
  return (
    <AppStatusProvider>
      <CellsOverview />
    </AppStatusProvider>
  );
}

function CellsOverview(): ReactElement {
  const { state, reload } = useCells();
  // The cell the first-run wizard just added: its card takes focus from the vanished wizard.
  const [added, setAdded] = useState<string | null>(null);

  if (state.status === 'loading') return <Loading label="Loading cells…" />;
  if (state.status === 'error') {
    return <ErrorState title="Could not load the cells" error={state.error} onRetry={reload} />;
  }

  const { cells, notice, readOnly } = state.value;
  return (
    <div className="overview">
      {notice ? <NoticeBanner notice={notice} /> : null}
      {readOnly ? <ReadOnlyBanner /> : null}
      {cells.length === 0 ? (
        <FirstRun readOnly={readOnly} onDone={(view) => setAdded(view?.cell.id ?? null)} />
      ) : (
        <ul className="card-list" aria-label="Cells">
          {cells.map((view) => (
            <CellCard key={view.cell.id} view={view} focus={view.cell.id === added} />
          ))}
        </ul>
      )}
    </div>
  );
}
