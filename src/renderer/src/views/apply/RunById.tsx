import { type ReactElement, useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api-context';
import { useApply } from '../../apply/apply-context';
import { ErrorState, Loading } from '../../components/States';
import { toAppError } from '../../hooks/to-app-error';
import { RunWizard, type RunWizardProps } from './RunWizard';

export interface RunByIdProps extends Omit<RunWizardProps, 'run' | 'onStartAgain'> {
  readonly runId: string;
  readonly onStartAgain: (cellId: string) => void;
}

/**
 * A run by its id: an unfinished one is at hand; a finished one (opened from History) is fetched
 * once and then kept, and shown read-only.
 */
export function RunById({ runId, onStartAgain, ...wizard }: RunByIdProps): ReactElement {
  const api = useApi();
  const { runById, upsert } = useApply();
  const run = runById(runId);
  const known = run !== undefined;
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` triggers a retry.
  useEffect(() => {
    if (known) return;
    let current = true;
    setError(null);
    api.apply.get({ runId }).then(
      (result) => {
        if (!current) return;
        if (result.ok) upsert(result.value);
        else setError(result.error);
      },
      (cause: unknown) => {
        if (current) setError(toAppError(cause));
      },
    );
    return () => {
      current = false;
    };
  }, [api, runId, known, upsert, attempt]);

  if (run) {
    return <RunWizard key={run.id} run={run} {...wizard} onStartAgain={() => onStartAgain(run.cellId)} />;
  }
  if (error) {
    return (
      <ErrorState title="Could not load the run" error={error} onRetry={() => setAttempt((n) => n + 1)} />
    );
  }
  return <Loading label="Loading the run…" />;
}
