import { type ReactElement, type ReactNode, useEffect, useRef } from 'react';
import type { Result } from '../../../shared/errors';
import { useAction } from '../hooks/useAction';
import { ErrorState } from './States';

export interface ConfirmInPlaceProps<T> {
  readonly question: ReactNode;
  readonly confirmLabel: string;
  readonly runningLabel: string;
  /** The error's title when the action fails. */
  readonly failedTitle: string;
  readonly action: () => Promise<Result<T>>;
  readonly onDone: (value: T) => void;
  readonly onCancel: () => void;
}

/** A destructive action asked about in place, with its consequences spelled out. */
export function ConfirmInPlace<T>(props: ConfirmInPlaceProps<T>): ReactElement {
  const run = useAction();
  const question = useRef<HTMLParagraphElement>(null);

  // The question takes focus, not the confirm button: Enter must not confirm by accident.
  useEffect(() => {
    question.current?.focus();
  }, []);

  const onConfirm = (): void => {
    if (!run.running) void run.run(props.action, props.onDone);
  };

  return (
    <div className="confirm">
      <p className="confirm__question" ref={question} tabIndex={-1}>
        {props.question}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--danger"
          aria-disabled={run.running}
          aria-busy={run.running}
          onClick={onConfirm}
        >
          {run.running ? props.runningLabel : props.confirmLabel}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      {run.error ? <ErrorState title={props.failedTitle} error={run.error} /> : null}
    </div>
  );
}
