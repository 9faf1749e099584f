import { type RenderResult, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ApiProvider } from '../api-context';
import { CellsProvider } from '../cells/cells-context';
import { NavigationProvider } from '../navigation/navigation-context';
import { StatusProvider } from '../status/status-context';
import { UpdatesProvider } from '../updates/updates-context';
import { createFakeApi, type FakeApi } from './fake-api';

export interface RenderWithApi extends RenderResult {
  readonly fake: FakeApi;
}

/** Renders `ui` with a fake API (and the navigation, status, cells and updates it provides), as the app would. */
export function renderWithApi(ui: ReactElement, fake: FakeApi = createFakeApi()): RenderWithApi {
  const result = render(
    <ApiProvider api={fake.api}>
      <NavigationProvider>
        <StatusProvider>
          <CellsProvider>
            <UpdatesProvider>{ui}</UpdatesProvider>
          </CellsProvider>
        </StatusProvider>
      </NavigationProvider>
    </ApiProvider>,
  );
  return { ...result, fake };
}
