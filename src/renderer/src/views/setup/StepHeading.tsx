import { type ReactElement, useEffect, useRef } from 'react';
import { STEP_COUNT } from './setup-types';

export interface StepHeadingProps {
  readonly number: number;
  readonly title: string;
  /** Moves focus here on mount, so screen readers announce the new step. */
  readonly focus: boolean;
}

export function StepHeading({ number, title, focus }: StepHeadingProps): ReactElement {
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);

  return (
    <h3 className="wizard__heading" ref={heading} tabIndex={-1}>
      <span className="wizard__count">
        Step {number} of {STEP_COUNT}
        <span className="visually-hidden">:</span>
      </span>{' '}
      <span className="wizard__title">{title}</span>
    </h3>
  );
}
