import { useCallback, useMemo } from 'react';
import type { ApplyRunView } from '../../../../shared/apply/run';
import type { AppError, Result } from '../../../../shared/errors';
import { useApply } from '../../apply/apply-context';
import { useAction } from '../../hooks/useAction';

export interface RunAction {
  readonly running: boolean;
  readonly error: AppError | null;
  /** Calls main; the run it returns replaces the one shown (and `onOk` hears of it). */
  readonly run: (call: () => Promise<Result<ApplyRunView>>, onOk?: (run: ApplyRunView) => void) => void;
}

/** An admin's action on a run (start, provide input, confirm…): main answers with the run as it now is. */
export function useRunAction(): RunAction {
  const action = useAction();
  const { upsert } = useApply();
  const { running, error, run: runAction } = action;

  const run = useCallback(
    (call: () => Promise<Result<ApplyRunView>>, onOk?: (run: ApplyRunView) => void): void => {
      // One call at a time: a double click must not send a confirmation twice.
      if (running) return;
      void runAction(call, (value) => {
        upsert(value);
        onOk?.(value);
      });
    },
    [running, runAction, upsert],
  );

  return useMemo(() => ({ running, error, run }), [running, error, run]);
}
