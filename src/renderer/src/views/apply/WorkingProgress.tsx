import type { ReactElement } from 'react';

export interface WorkingProgressProps {
  /** Names the progress bar: "Creating the change set for gitpod-role". */
  readonly label: string;
  /** The run's own line: what it is doing right now. */
  readonly message: string;
}

/** Indeterminate progress while the app works on something whose length it cannot know. */
export function WorkingProgress({ label, message }: WorkingProgressProps): ReactElement {
  return (
    <div className="apply-working">
      <div
        className="apply-progress apply-progress--indeterminate"
        role="progressbar"
        aria-label={label}
        aria-valuetext={message}
      >
        <span className="apply-progress__bar" />
      </div>
      <p className="apply-working__message" role="status">
        {message}
      </p>
    </div>
  );
}
