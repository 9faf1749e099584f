import { type RenderResult, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ApiProvider } from '../api-context';
import { CellsProvider } from '../cells/cells-context';
import { StatusProvider } from '../status/status-context';
import { createFakeApi, type FakeApi } from './fake-api';

export interface RenderWithApi extends RenderResult {
  readonly fake: FakeApi;
}

/** Renders `ui` with a fake API (and the status and cells it provides), as the app would. */
export function renderWithApi(ui: ReactElement, fake: FakeApi = createFakeApi()): RenderWithApi {
  const result = render(
    <ApiProvider api={fake.api}>
      <StatusProvider>
        <CellsProvider>{ui}</CellsProvider>
      </StatusProvider>
    </ApiProvider>,
  );
  return { ...result, fake };
}
