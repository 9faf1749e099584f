import type { ReactElement } from 'react';
import { useApi } from '../../api-context';
import { ErrorState, Loading } from '../../components/States';
import { useResult } from '../../hooks/useResult';
import { ProfileForm } from './ProfileForm';
import type { Target } from './setup-types';
import { WizardButtons } from './WizardButtons';

export interface ProfileStepProps {
  /** The choice made before, when the admin came Back to this step. */
  readonly initial: Target | null;
  readonly onNext: (target: Target) => void;
  readonly onCancel?: (() => void) | undefined;
}

/** Step 1: which AWS profile and region to look in. Profiles are read afresh each time. */
export function ProfileStep({ initial, onNext, onCancel }: ProfileStepProps): ReactElement {
  const api = useApi();
  const setup = useResult(() => api.aws.getSetup(), [api]);

  if (setup.status === 'ready') {
    return (
      <ProfileForm
        setup={setup.value}
        initial={initial}
        onNext={onNext}
        onCancel={onCancel}
        onReload={setup.reload}
      />
    );
  }
  return (
    <>
      {setup.status === 'loading' ? (
        <Loading label="Reading your AWS profiles…" />
      ) : (
        <ErrorState title="Could not read your AWS profiles" error={setup.error} onRetry={setup.reload} />
      )}
      {onCancel ? <WizardButtons onCancel={onCancel} /> : null}
    </>
  );
}
