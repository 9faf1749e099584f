import type { ReactElement } from 'react';
import type { Result } from '../../../shared/errors';
import { useAction } from '../hooks/useAction';
import { ErrorState } from './States';

export interface FileNoticeBannerProps<S> {
  /** The banner's accessible name, e.g. "Settings notice". */
  readonly label: string;
  readonly notice: { readonly message: string; readonly backupPath?: string | undefined };
  readonly dismiss: () => Promise<Result<S>>;
  /** Takes the state the dismissal returned. */
  readonly onDismissed: (state: S) => void;
}

/** What main had to do to one of its files (settings, updates), until the admin dismisses it. */
export function FileNoticeBanner<S>({
  label,
  notice,
  dismiss,
  onDismissed,
}: FileNoticeBannerProps<S>): ReactElement {
  const action = useAction();
  return (
    <section className="banner banner--warning" aria-label={label}>
      <div className="banner__text">
        <p>{notice.message}</p>
        {notice.backupPath ? (
          <p>
            The original file was copied to <code>{notice.backupPath}</code>.
          </p>
        ) : null}
      </div>
      <button
        type="button"
        className="button"
        aria-disabled={action.running}
        onClick={() => {
          if (!action.running) void action.run(dismiss, onDismissed);
        }}
      >
        Dismiss
      </button>
      {action.error ? <ErrorState title="Could not dismiss the notice" error={action.error} /> : null}
    </section>
  );
}
