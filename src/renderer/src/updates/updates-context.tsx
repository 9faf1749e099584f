import {
  createContext,
  type ReactElement,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import type { UpdatesState } from '../../../shared/updates/pending-update';
import { useApi } from '../api-context';
import { type ResultState, useResult } from '../hooks/useResult';

export interface UpdatesContextValue {
  readonly state: ResultState<UpdatesState>;
  /** Loads the updates afresh, showing "loading" meanwhile (after a failed load). */
  readonly reload: () => void;
  /** Takes the state a snooze, removal or dismiss returned. */
  readonly apply: (state: UpdatesState) => void;
  /**
   * Fetches the list in the background, keeping what is shown until it arrives: an import
   * returns its outcome, not the new state, and the form must not vanish meanwhile.
   */
  readonly refresh: () => Promise<void>;
}

const UpdatesContext = createContext<UpdatesContextValue | null>(null);

/**
 * Pending and applied updates for the whole dashboard: loaded once, then kept current by
 * main's `updatesChanged` events and by the state each change returns, so the Updates and
 * History views never disagree.
 */
export function UpdatesProvider({ children }: { children: ReactNode }): ReactElement {
  const api = useApi();
  const loaded = useResult(() => api.updates.list(), [api]);
  const [latest, setLatest] = useState<UpdatesState | null>(null);

  useEffect(() => api.on.updatesChanged(setLatest), [api]);

  const { reload: reloadList } = loaded;
  const reload = useCallback(() => {
    setLatest(null);
    reloadList();
  }, [reloadList]);

  const refresh = useCallback(async () => {
    try {
      const result = await api.updates.list();
      if (result.ok) setLatest(result.value);
    } catch (cause) {
      // Only a broken bridge rejects; main's next `updatesChanged` brings the state anyway.
      console.error(cause);
    }
  }, [api]);

  const value = useMemo<UpdatesContextValue>(() => {
    // A pushed or returned state is newer than the one loaded at start.
    const state: ResultState<UpdatesState> = latest ? { status: 'ready', value: latest } : loaded;
    return { state, reload, apply: setLatest, refresh };
  }, [latest, loaded, reload, refresh]);

  return <UpdatesContext.Provider value={value}>{children}</UpdatesContext.Provider>;
}

export function useUpdates(): UpdatesContextValue {
  const value = useContext(UpdatesContext);
  if (!value) {
    throw new Error('useUpdates must be used inside an UpdatesProvider.');
  }
  return value;
}
