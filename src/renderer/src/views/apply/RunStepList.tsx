import type { ReactElement } from 'react';
import type { ApplyRunView, ApplyStep } from '../../../../shared/apply/run';
import {
  PHASE_WORDS,
  STEP_LABELS,
  STEP_STATE_ICONS,
  STEP_STATE_WORDS,
  stackPhrase,
} from '../../apply/apply-labels';
import { STACK_KIND_LABELS } from '../../cells/stack-labels';

export interface RunStepListProps {
  readonly run: ApplyRunView;
  /** The step of the current stack the screen shows; null once the run has finished. */
  readonly currentStep: ApplyStep | null;
}

/**
 * Each stack of the run with its steps, in apply order (role stack first): what is done, what
 * runs, what waits for the admin. The step on screen carries aria-current="step".
 */
export function RunStepList({ run, currentStep }: RunStepListProps): ReactElement {
  return (
    <div className="apply-stacks">
      {run.stacks.map((stack, index) => {
        const current = index === run.currentStack && run.status !== 'finished';
        return (
          <div key={stack.stackName} className={`apply-stack${current ? ' apply-stack--current' : ''}`}>
            <p className="apply-stack__title">
              {STACK_KIND_LABELS[stack.kind]} <code>{stack.stackName}</code>
            </p>
            <p className="apply-stack__phase">{PHASE_WORDS[stack.phase]}</p>
            <ol className="apply-steps" aria-label={`Steps for ${stackPhrase(stack)}`}>
              {stack.steps.map(({ step, state }) => (
                <li
                  key={step}
                  className={`apply-steps__step apply-steps__step--${state}`}
                  aria-current={current && step === currentStep ? 'step' : undefined}
                >
                  <span className="apply-steps__icon" aria-hidden="true">
                    {STEP_STATE_ICONS[state]}
                  </span>
                  <span className="apply-steps__label">{STEP_LABELS[step]}</span>
                  <span className="apply-steps__state">
                    <span className="visually-hidden">: </span>
                    {STEP_STATE_WORDS[state]}
                  </span>
                </li>
              ))}
            </ol>
          </div>
        );
      })}
    </div>
  );
}
