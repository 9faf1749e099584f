import type { ReactElement, ReactNode } from 'react';
import type { AppError } from '../../../shared/errors';

export function Loading({ label = 'Loading…' }: { label?: string }): ReactElement {
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export interface EmptyStateProps {
  readonly title: string;
  readonly body: ReactNode;
  readonly action?: ReactNode;
}

export function EmptyState({ title, body, action }: EmptyStateProps): ReactElement {
  return (
    <div className="state state--empty">
      <h2 className="state__title">{title}</h2>
      <div className="state__body">{body}</div>
      {action ? <div className="state__action">{action}</div> : null}
    </div>
  );
}

export interface ErrorStateProps {
  readonly error: AppError;
  readonly title?: string;
  readonly onRetry?: () => void;
}

export function ErrorState({ error, title, onRetry }: ErrorStateProps): ReactElement {
  return (
    <div className="state state--error" role="alert">
      {title ? <p className="state__title">{title}</p> : null}
      <p className="state__message">{error.message}</p>
      {error.nextStep ? <p className="state__next-step">{error.nextStep}</p> : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
