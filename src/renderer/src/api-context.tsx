import { createContext, type ReactElement, type ReactNode, useContext } from 'react';
import type { DedicatedAdminApi } from '../../shared/ipc/api';

const ApiContext = createContext<DedicatedAdminApi | null>(null);

export function ApiProvider({
  api,
  children,
}: {
  api: DedicatedAdminApi;
  children: ReactNode;
}): ReactElement {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The API given to the nearest ApiProvider: the preload's in the app, a fake in tests. */
export function useApi(): DedicatedAdminApi {
  const api = useContext(ApiContext);
  if (!api) {
    throw new Error('useApi must be used inside an ApiProvider.');
  }
  return api;
}
