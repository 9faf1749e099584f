import type { ReactElement } from 'react';
import { ApplyProvider } from './apply/apply-context';
import { CellsProvider } from './cells/cells-context';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Sidebar } from './components/Sidebar';
import { SkipLink } from './components/SkipLink';
import { StatusStrip } from './components/StatusStrip';
import { ViewPanel } from './components/ViewPanel';
import { NavigationProvider, useNavigation } from './navigation/navigation-context';
import { StatusProvider } from './status/status-context';
import { UpdatesProvider } from './updates/updates-context';
import { VIEW_COMPONENTS } from './views/view-components';

const CONTENT_ID = 'content';

export function App(): ReactElement {
  return (
    <NavigationProvider>
      <StatusProvider>
        <CellsProvider>
          <UpdatesProvider>
            <ApplyProvider>
              <Shell />
            </ApplyProvider>
          </UpdatesProvider>
        </CellsProvider>
      </StatusProvider>
    </NavigationProvider>
  );
}

function Shell(): ReactElement {
  const { view, focusRequest, select } = useNavigation();
  const View = VIEW_COMPONENTS[view];

  return (
    <div className="app">
      <SkipLink targetId={CONTENT_ID} />
      <Sidebar view={view} onSelect={select} />
      <div className="workspace">
        <StatusStrip />
        <main className="content" id={CONTENT_ID} tabIndex={-1}>
          <ViewPanel view={view} focusRequest={focusRequest}>
            {/* Keyed by view: a crash in one view is forgotten when you switch away. */}
            <ErrorBoundary key={view}>
              <View />
            </ErrorBoundary>
          </ViewPanel>
        </main>
      </div>
    </div>
  );
}
