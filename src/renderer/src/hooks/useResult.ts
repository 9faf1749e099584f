import {
  type DependencyList,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { AppError, Result } from '../../../shared/errors';
import { toAppError } from './to-app-error';

export type ResultState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: AppError }
  | { readonly status: 'ready'; readonly value: T };

export type UseResult<T> = ResultState<T> & { readonly reload: () => void };

/**
 * Runs `load` on mount, whenever `deps` change and on `reload()`, and tracks its outcome.
 * A result that arrives after unmount, or after a newer load started, is dropped.
 */
export function useResult<T>(load: () => Promise<Result<T>>, deps: DependencyList): UseResult<T> {
  const [state, setState] = useState<ResultState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The latest `load` is read through a ref so callers can pass an inline function; `deps`
  // decides when it runs again.
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `deps` is the caller's dependency list, `attempt` triggers reloads.
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    loadRef.current().then(
      (result) => {
        if (!current) return;
        setState(
          result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error },
        );
      },
      (cause: unknown) => {
        if (current) setState({ status: 'error', error: toAppError(cause) });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt, ...deps]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return useMemo(() => ({ ...state, reload }), [state, reload]);
}
