import { type ReactElement, useEffect, useRef } from 'react';

export interface StepHeadingProps {
  readonly id?: string;
  /** What the step is about: "Role stack gitpod-role". */
  readonly context: string;
  readonly title: string;
  /** Moves focus here on mount, so screen readers announce the new step. */
  readonly focus: boolean;
}

/** The heading of a wizard screen; mounted afresh (keyed) for every new screen. */
export function StepHeading({ id, context, title, focus }: StepHeadingProps): ReactElement {
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);

  return (
    <h3 className="wizard__heading apply-step__heading" id={id} ref={heading} tabIndex={-1}>
      <span className="wizard__count">
        {context}
        <span className="visually-hidden">:</span>
      </span>{' '}
      <span className="wizard__title">{title}</span>
    </h3>
  );
}
