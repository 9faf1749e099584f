import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppError, Result } from '../../../shared/errors';
import { toAppError } from './to-app-error';

export interface Action {
  readonly running: boolean;
  /** Why the last run failed; cleared when the next one starts. */
  readonly error: AppError | null;
  /** Runs `call`, then `onOk` with its value if it succeeded and the component is still mounted. */
  readonly run: <T>(call: () => Promise<Result<T>>, onOk?: (value: T) => void) => Promise<void>;
}

/** Tracks a user-triggered API call (a button, a switch): whether it runs, and how it failed. */
export function useAction(): Action {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async <T>(call: () => Promise<Result<T>>, onOk?: (value: T) => void) => {
    setRunning(true);
    setError(null);
    let result: Result<T>;
    try {
      result = await call();
    } catch (cause) {
      result = { ok: false, error: toAppError(cause) };
    }
    if (!mounted.current) return;
    setRunning(false);
    if (result.ok) onOk?.(result.value);
    else setError(result.error);
  }, []);

  return useMemo(() => ({ running, error, run }), [running, error, run]);
}
