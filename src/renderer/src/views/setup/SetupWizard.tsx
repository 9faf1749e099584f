import { type ReactElement, useState } from 'react';
import type { CellView } from '../../../../shared/cells/cells-state';
import type { DiscoveryReport } from '../../../../shared/cells/discovery';
import { useCells } from '../../cells/cells-context';
import { DiscoverStep } from './DiscoverStep';
import { NameStep } from './NameStep';
import { ProfileStep } from './ProfileStep';
import { StepHeading } from './StepHeading';
import { type CellDetails, sameTarget, type Target } from './setup-types';
import { chosenStacks, initialChoices, type StackChoices } from './stack-choice';

type Step = 'profile' | 'discover' | 'name';

const STEPS: Record<Step, { readonly number: number; readonly title: string }> = {
  profile: { number: 1, title: 'Choose the AWS profile and region' },
  discover: { number: 2, title: 'Find the cell’s stacks' },
  name: { number: 3, title: 'Name the cell' },
};

interface Found {
  readonly target: Target;
  readonly report: DiscoveryReport;
  readonly choices: StackChoices;
}

export interface SetupWizardProps {
  /** Moves focus to the first step's heading at once: the admin asked for the wizard. */
  readonly focusOnOpen?: boolean;
  /** Called with the added cell, as main returned it. */
  readonly onDone: (added: CellView | undefined) => void;
  /** Without it there is no Cancel: on first run there is nothing to go back to. */
  readonly onCancel?: () => void;
}

/**
 * Adds a cell in three steps: profile and region, the stacks discovery finds there, and a
 * name. Going Back keeps every choice; a new profile or region runs discovery again.
 */
export function SetupWizard({ focusOnOpen = false, onDone, onCancel }: SetupWizardProps): ReactElement {
  const { state, apply } = useCells();
  const [step, setStep] = useState<Step>('profile');
  const [moved, setMoved] = useState(focusOnOpen);
  const [target, setTarget] = useState<Target | null>(null);
  const [found, setFound] = useState<Found | null>(null);
  const [details, setDetails] = useState<CellDetails>({ name: '', domain: '' });

  const cells = state.status === 'ready' ? state.value.cells : [];
  const go = (next: Step): void => {
    setStep(next);
    setMoved(true);
  };
  const current = target && found && sameTarget(found.target, target) ? found : null;

  // The step on screen: a later step needs what the earlier ones found.
  const shown: Step =
    !target || step === 'profile' ? 'profile' : step === 'name' && current ? 'name' : 'discover';

  let body: ReactElement;
  if (shown === 'profile' || !target) {
    body = (
      <ProfileStep
        initial={target}
        onCancel={onCancel}
        onNext={(next) => {
          setTarget(next);
          // Most admins run one production cell: suggest its name unless it is taken.
          if (details.name === '' && !cells.some((view) => view.cell.name.toLowerCase() === 'production')) {
            setDetails({ ...details, name: 'production' });
          }
          go('discover');
        }}
      />
    );
  } else if (shown === 'discover' || !current) {
    body = (
      <DiscoverStep
        target={target}
        found={current}
        onFound={(report) => setFound({ target, report, choices: initialChoices(report) })}
        onChoices={(choices) => setFound((before) => before && { ...before, choices })}
        onBack={() => go('profile')}
        onNext={() => go('name')}
        onCancel={onCancel}
      />
    );
  } else {
    body = (
      <NameStep
        target={target}
        report={current.report}
        stacks={chosenStacks(current.choices)}
        details={details}
        onDetails={setDetails}
        cells={cells}
        onBack={() => go('discover')}
        onCancel={onCancel}
        onSaved={(saved, name) => {
          apply(saved);
          const wanted = name.toLowerCase();
          onDone(saved.cells.find((view) => view.cell.name.toLowerCase() === wanted));
        }}
      />
    );
  }

  return (
    <section className="wizard" aria-label="Add a cell">
      <StepHeading key={shown} number={STEPS[shown].number} title={STEPS[shown].title} focus={moved} />
      {body}
    </section>
  );
}
