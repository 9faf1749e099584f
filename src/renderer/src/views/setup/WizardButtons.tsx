import type { ReactElement } from 'react';

export interface WizardButtonsProps {
  readonly onBack?: (() => void) | undefined;
  /** The submit button's label; none when the step cannot go on yet. */
  readonly next?: string | undefined;
  readonly busy?: boolean;
  readonly onCancel?: (() => void) | undefined;
}

/** Back, the step's submit button, and Cancel, in that order in every step. */
export function WizardButtons({ onBack, next, busy = false, onCancel }: WizardButtonsProps): ReactElement {
  return (
    <div className="button-row wizard__buttons">
      {onBack ? (
        <button type="button" className="button" onClick={onBack}>
          Back
        </button>
      ) : null}
      {next ? (
        // aria-disabled rather than disabled keeps focus on the button while it runs.
        <button type="submit" className="button button--primary" aria-disabled={busy} aria-busy={busy}>
          {next}
        </button>
      ) : null}
      {onCancel ? (
        <button type="button" className="button wizard__cancel" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
