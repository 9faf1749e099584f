import { createContext, type ReactElement, type ReactNode, useContext, useMemo } from 'react';
import type { AppStatusState, CellAppView } from '../../../shared/app-status/app-status-ipc';
import { useApi } from '../api-context';
import { useLiveState } from '../hooks/useLiveState';
import type { ResultState } from '../hooks/useResult';

export interface AppStatusContextValue {
  readonly state: ResultState<AppStatusState>;
  readonly reload: () => void;
  /** Takes the state a check or a token change returned. */
  readonly apply: (state: AppStatusState) => void;
}

const AppStatusContext = createContext<AppStatusContextValue | null>(null);

/**
 * The cells' live Gitpod status (version, reachability, maintenance): loaded once, then kept
 * current by main's `appStatusChanged` events and by what each check or token change returns.
 * It never holds a token: main says only whether one is stored.
 */
export function AppStatusProvider({ children }: { children: ReactNode }): ReactElement {
  const api = useApi();
  const { state, reload, apply } = useLiveState(
    () => api.appStatus.get(),
    (listener) => api.on.appStatusChanged(listener),
    [api],
  );
  const value = useMemo<AppStatusContextValue>(() => ({ state, reload, apply }), [state, reload, apply]);
  return <AppStatusContext.Provider value={value}>{children}</AppStatusContext.Provider>;
}

export function useAppStatus(): AppStatusContextValue {
  const value = useContext(AppStatusContext);
  if (!value) {
    throw new Error('useAppStatus must be used inside an AppStatusProvider.');
  }
  return value;
}

/** One cell's live status, or null while loading, after a failed load, or for an unknown cell. */
export function useCellAppStatus(cellId: string): CellAppView | null {
  const { state } = useAppStatus();
  if (state.status !== 'ready') return null;
  return state.value.cells.find((cell) => cell.cellId === cellId) ?? null;
}
