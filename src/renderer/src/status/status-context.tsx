import {
  createContext,
  type ReactElement,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { AppError } from '../../../shared/errors';
import type { StatusSnapshot } from '../../../shared/status';
import { useApi } from '../api-context';
import { toAppError } from '../hooks/to-app-error';
import { type ResultState, useResult } from '../hooks/useResult';

export interface ManualCheck {
  readonly running: boolean;
  /** Why the last "Check now" failed; cleared when the next one starts. */
  readonly error: AppError | null;
}

export interface StatusContextValue {
  readonly snapshot: ResultState<StatusSnapshot>;
  readonly reload: () => void;
  readonly check: ManualCheck;
  readonly checkNow: () => Promise<void>;
}

const StatusContext = createContext<StatusContextValue | null>(null);

/**
 * One status snapshot for the whole dashboard: loaded once, then kept current by main's
 * `statusChanged` events and by "Check now", so the header and the views never disagree.
 */
export function StatusProvider({ children }: { children: ReactNode }): ReactElement {
  const api = useApi();
  const loaded = useResult(() => api.status.get(), [api]);
  const [latest, setLatest] = useState<StatusSnapshot | null>(null);
  const [check, setCheck] = useState<ManualCheck>({ running: false, error: null });
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => api.on.statusChanged(setLatest), [api]);

  const checkNow = useCallback(async (): Promise<void> => {
    setCheck({ running: true, error: null });
    let error: AppError | null = null;
    try {
      const result = await api.status.checkNow();
      if (result.ok) {
        if (mounted.current) setLatest(result.value);
      } else {
        error = result.error;
      }
    } catch (cause) {
      error = toAppError(cause);
    }
    if (mounted.current) setCheck({ running: false, error });
  }, [api]);

  const { reload } = loaded;
  const value = useMemo<StatusContextValue>(() => {
    // A pushed or freshly checked snapshot is newer than the one loaded at start.
    const snapshot: ResultState<StatusSnapshot> = latest ? { status: 'ready', value: latest } : loaded;
    return { snapshot, reload, check, checkNow };
  }, [latest, loaded, reload, check, checkNow]);

  return <StatusContext.Provider value={value}>{children}</StatusContext.Provider>;
}

export function useStatus(): StatusContextValue {
  const value = useContext(StatusContext);
  if (!value) {
    throw new Error('useStatus must be used inside a StatusProvider.');
  }
  return value;
}
