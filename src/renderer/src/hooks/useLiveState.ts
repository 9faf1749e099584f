import {
  type DependencyList,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Result } from '../../../shared/errors';
import { type ResultState, useResult } from './useResult';

export interface LiveState<T> {
  readonly state: ResultState<T>;
  /** Loads afresh, dropping whatever was pushed or applied before. */
  readonly reload: () => void;
  /** Takes a newer value: one an action returned. */
  readonly apply: (value: T) => void;
}

/**
 * Something main owns and pushes changes of (the status, the cells, the updates): loaded once,
 * then replaced by every pushed or applied value, which is always newer than the loaded one.
 */
export function useLiveState<T>(
  load: () => Promise<Result<T>>,
  subscribe: (listener: (value: T) => void) => () => void,
  deps: DependencyList,
): LiveState<T> {
  const loaded = useResult(load, deps);
  const [latest, setLatest] = useState<{ value: T } | null>(null);
  const subscribeRef = useRef(subscribe);
  useLayoutEffect(() => {
    subscribeRef.current = subscribe;
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `deps` is the caller's dependency list; the latest `subscribe` is read through a ref.
  useEffect(() => subscribeRef.current((value) => setLatest({ value })), deps);

  const { reload: reloadLoaded } = loaded;
  const reload = useCallback(() => {
    setLatest(null);
    reloadLoaded();
  }, [reloadLoaded]);
  const apply = useCallback((value: T) => setLatest({ value }), []);

  return useMemo<LiveState<T>>(
    () => ({ state: latest ? { status: 'ready', value: latest.value } : loaded, reload, apply }),
    [latest, loaded, reload, apply],
  );
}
