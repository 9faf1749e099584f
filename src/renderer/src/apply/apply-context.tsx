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
import type { ApplyState } from '../../../shared/apply/apply-ipc';
import type { ApplyRunView } from '../../../shared/apply/run';
import { useApi } from '../api-context';
import { type ResultState, useResult } from '../hooks/useResult';
import { isNewerRun, withRun } from './apply-state';

export interface ApplyContextValue {
  /** Unfinished runs in full and every run listed, with the runs seen since laid over them. */
  readonly state: ResultState<ApplyState>;
  /** Loads the list afresh (after a failed load); the runs seen since are kept. */
  readonly reload: () => void;
  /** Takes a run main returned (start, confirm…): it replaces the run with the same id. */
  readonly upsert: (run: ApplyRunView) => void;
  /** A run in full: an unfinished one, or any run pushed, returned or fetched since the dashboard opened. */
  readonly runById: (id: string) => ApplyRunView | undefined;
}

const ApplyContext = createContext<ApplyContextValue | null>(null);

/**
 * The guided-apply runs for the whole dashboard: loaded once, then kept current by main's
 * `applyChanged` events (one whole run each) and by the run every action returns, so the Apply
 * wizard and History never disagree.
 */
export function ApplyProvider({ children }: { children: ReactNode }): ReactElement {
  const api = useApi();
  const loaded = useResult(() => api.apply.list(), [api]);
  const [seen, setSeen] = useState<ReadonlyMap<string, ApplyRunView>>(() => new Map());

  const upsert = useCallback((run: ApplyRunView) => {
    setSeen((previous) => {
      if (!isNewerRun(run, previous.get(run.id))) return previous;
      return new Map(previous).set(run.id, run);
    });
  }, []);

  // Subscribed from the start: an event that arrives before the list is kept, and laid over it.
  useEffect(() => api.on.applyChanged(upsert), [api, upsert]);

  const state = useMemo<ResultState<ApplyState>>(() => {
    if (loaded.status !== 'ready') return loaded;
    let value = loaded.value;
    for (const run of seen.values()) value = withRun(value, run);
    return { status: 'ready', value };
  }, [loaded, seen]);

  const runById = useCallback(
    (id: string): ApplyRunView | undefined => {
      const pushed = seen.get(id);
      const listed = state.status === 'ready' ? state.value.active.find((run) => run.id === id) : undefined;
      return pushed && isNewerRun(pushed, listed) ? pushed : (listed ?? pushed);
    },
    [seen, state],
  );

  const { reload } = loaded;
  const value = useMemo<ApplyContextValue>(
    () => ({ state, reload, upsert, runById }),
    [state, reload, upsert, runById],
  );

  return <ApplyContext.Provider value={value}>{children}</ApplyContext.Provider>;
}

export function useApply(): ApplyContextValue {
  const value = useContext(ApplyContext);
  if (!value) {
    throw new Error('useApply must be used inside an ApplyProvider.');
  }
  return value;
}
