import { createContext, type ReactElement, type ReactNode, useCallback, useContext, useMemo } from 'react';
import type { UpdatesState } from '../../../shared/updates/pending-update';
import { useApi } from '../api-context';
import { useLiveState } from '../hooks/useLiveState';
import type { ResultState } from '../hooks/useResult';

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
  const { state, reload, apply } = useLiveState(
    () => api.updates.list(),
    (listener) => api.on.updatesChanged(listener),
    [api],
  );

  const refresh = useCallback(async () => {
    try {
      const result = await api.updates.list();
      if (result.ok) apply(result.value);
    } catch (cause) {
      // Only a broken bridge rejects; main's next `updatesChanged` brings the state anyway.
      console.error(cause);
    }
  }, [api, apply]);

  const value = useMemo<UpdatesContextValue>(
    () => ({ state, reload, apply, refresh }),
    [state, reload, apply, refresh],
  );

  return <UpdatesContext.Provider value={value}>{children}</UpdatesContext.Provider>;
}

export function useUpdates(): UpdatesContextValue {
  const value = useContext(UpdatesContext);
  if (!value) {
    throw new Error('useUpdates must be used inside an UpdatesProvider.');
  }
  return value;
}
