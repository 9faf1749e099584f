import { createContext, type ReactElement, type ReactNode, useCallback, useContext, useMemo } from 'react';
import type { StatusSnapshot } from '../../../shared/status';
import { useApi } from '../api-context';
import { type Action, useAction } from '../hooks/useAction';
import { useLiveState } from '../hooks/useLiveState';
import type { ResultState } from '../hooks/useResult';

export interface StatusContextValue {
  readonly snapshot: ResultState<StatusSnapshot>;
  readonly reload: () => void;
  /** The "Check now" the user asked for: whether it runs, and why it failed. */
  readonly check: Pick<Action, 'running' | 'error'>;
  readonly checkNow: () => Promise<void>;
}

const StatusContext = createContext<StatusContextValue | null>(null);

/**
 * One status snapshot for the whole dashboard: loaded once, then kept current by main's
 * `statusChanged` events and by "Check now", so the header and the views never disagree.
 */
export function StatusProvider({ children }: { children: ReactNode }): ReactElement {
  const api = useApi();
  const {
    state: snapshot,
    reload,
    apply,
  } = useLiveState(
    () => api.status.get(),
    (listener) => api.on.statusChanged(listener),
    [api],
  );
  const check = useAction();

  const { run } = check;
  const checkNow = useCallback(() => run(() => api.status.checkNow(), apply), [api, run, apply]);

  const { running, error } = check;
  const value = useMemo<StatusContextValue>(
    () => ({ snapshot, reload, check: { running, error }, checkNow }),
    [snapshot, reload, running, error, checkNow],
  );

  return <StatusContext.Provider value={value}>{children}</StatusContext.Provider>;
}

export function useStatus(): StatusContextValue {
  const value = useContext(StatusContext);
  if (!value) {
    throw new Error('useStatus must be used inside a StatusProvider.');
  }
  return value;
}
