import { type ReactElement, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { DiscoveryReport } from '../../../../shared/cells/discovery';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api-context';
import { ErrorState } from '../../components/States';
import { toAppError } from '../../hooks/to-app-error';
import { StackChoiceForm } from './StackChoiceForm';
import { describeProfile, type Target } from './setup-types';
import type { StackChoices } from './stack-choice';
import { WizardButtons } from './WizardButtons';

export interface DiscoverStepProps {
  readonly target: Target;
  /** The report and choices from an earlier visit of this step, for the same target. */
  readonly found: { readonly report: DiscoveryReport; readonly choices: StackChoices } | null;
  readonly onFound: (report: DiscoveryReport) => void;
  readonly onChoices: (choices: StackChoices) => void;
  readonly onBack: () => void;
  readonly onNext: () => void;
  readonly onCancel?: (() => void) | undefined;
}

/** Step 2: who the profile is there, and which of the account's stacks are the cell's. */
export function DiscoverStep(props: DiscoverStepProps): ReactElement {
  const { target, found, onBack, onCancel } = props;
  const { error, retry } = useDiscovery(target, found !== null, props.onFound);
  const running = found === null && error === null;

  return (
    <>
      {/* One live region for the step, present from the start, so its news is announced. */}
      <div className="discovery-status" role="status" aria-live="polite">
        {running ? (
          <p className="discovery-status__progress">
            <span className="spinner" aria-hidden="true" />
            Looking for the cell’s stacks in {target.region} with {describeProfile(target.profile)}…
          </p>
        ) : null}
        {found ? (
          <p>
            Signed in as <code>{found.report.callerArn}</code> in account <code>{found.report.account}</code>.{' '}
            {stacksExamined(found.report)}
          </p>
        ) : null}
      </div>
      {error ? (
        <>
          <ErrorState title="The stacks could not be looked up" error={error} onRetry={retry} />
          <WizardButtons onBack={onBack} onCancel={onCancel} />
        </>
      ) : null}
      {running ? <WizardButtons onBack={onBack} onCancel={onCancel} /> : null}
      {found ? (
        <StackChoiceForm
          report={found.report}
          choices={found.choices}
          onChoices={props.onChoices}
          onBack={onBack}
          onNext={props.onNext}
          onCancel={onCancel}
        />
      ) : null}
    </>
  );
}

function stacksExamined(report: DiscoveryReport): string {
  const count = report.stacksExamined;
  return `${count} ${count === 1 ? 'stack' : 'stacks'} examined in ${report.region}.`;
}

/**
 * Runs discovery for `target` unless its report is already known, and again on `retry`.
 * A reply for an older attempt, or after unmount, is dropped.
 */
function useDiscovery(
  target: Target,
  known: boolean,
  onFound: (report: DiscoveryReport) => void,
): { error: AppError | null; retry: () => void } {
  const api = useApi();
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const onFoundRef = useRef(onFound);
  useLayoutEffect(() => {
    onFoundRef.current = onFound;
  });

  const { profile, region } = target;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` triggers a retry.
  useEffect(() => {
    if (known) return;
    let current = true;
    setError(null);
    api.cells.discover({ ...(profile ? { profile } : {}), region }).then(
      (result) => {
        if (!current) return;
        if (result.ok) onFoundRef.current(result.value);
        else setError(result.error);
      },
      (cause: unknown) => {
        if (current) setError(toAppError(cause));
      },
    );
    return () => {
      current = false;
    };
  }, [api, profile, region, known, attempt]);

  return { error, retry: () => setAttempt((n) => n + 1) };
}
