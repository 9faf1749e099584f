import type { ReactElement } from 'react';
import type { DeadlineDescription } from '../../updates/deadline-words';
import { DEADLINE_STATE_TONES } from '../../updates/update-labels';

/** The deadline state in words, with colour as a second cue only. */
export function DeadlineBadge({ description }: { description: DeadlineDescription }): ReactElement {
  return (
    <span className={`pill pill--${DEADLINE_STATE_TONES[description.state]}`}>
      <span className="pill__icon" aria-hidden="true" />
      {description.label}
    </span>
  );
}

/** "Due in 5 days (Wed, 2 Dec 2026, 14:00 CET)": relative first, then the instant in the local zone. */
export function Countdown({
  deadline,
  description,
}: {
  deadline: string;
  description: DeadlineDescription;
}): ReactElement {
  return (
    <p className="countdown">
      <span className="countdown__relative">{capitalise(description.relative)}</span>{' '}
      <span className="countdown__absolute">
        (<time dateTime={deadline}>{description.absolute}</time>)
      </span>
    </p>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
