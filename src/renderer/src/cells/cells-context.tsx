import { createContext, type ReactElement, type ReactNode, useContext } from 'react';
import type { CellsState } from '../../../shared/cells/cells-state';
import { useApi } from '../api-context';
import { useLiveState } from '../hooks/useLiveState';
import type { ResultState } from '../hooks/useResult';

export interface CellsContextValue {
  readonly state: ResultState<CellsState>;
  /** Loads the cells afresh, dropping whatever was pushed or applied before. */
  readonly reload: () => void;
  /** Takes the state an add, update, remove, check or dismiss returned. */
  readonly apply: (state: CellsState) => void;
}

const CellsContext = createContext<CellsContextValue | null>(null);

/**
 * The cells for the whole dashboard: loaded once, then kept current by main's `cellsChanged`
 * events and by the state each change returns, so Overview and Settings never disagree.
 */
export function CellsProvider({ children }: { children: ReactNode }): ReactElement {
  const api = useApi();
  const value: CellsContextValue = useLiveState(
    () => api.cells.list(),
    (listener) => api.on.cellsChanged(listener),
    [api],
  );

  return <CellsContext.Provider value={value}>{children}</CellsContext.Provider>;
}

export function useCells(): CellsContextValue {
  const value = useContext(CellsContext);
  if (!value) {
    throw new Error('useCells must be used inside a CellsProvider.');
  }
  return value;
}
