import type { ReactElement } from 'react';
import type { UpdatesNotice } from '../../../../shared/updates/pending-update';
import { useApi } from '../../api-context';
import { ErrorState } from '../../components/States';
import { useAction } from '../../hooks/useAction';
import { UPDATES_READ_ONLY_REASON } from '../../updates/read-only';
import { useUpdates } from '../../updates/updates-context';

/** What main had to do to the updates file, until the admin dismisses it. */
export function UpdatesNoticeBanner({ notice }: { notice: UpdatesNotice }): ReactElement {
  const api = useApi();
  const { apply } = useUpdates();
  const dismiss = useAction();

  return (
    <section className="banner banner--warning" aria-label="Updates notice">
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
        aria-disabled={dismiss.running}
        onClick={() => {
          if (!dismiss.running) void dismiss.run(() => api.updates.dismissNotice(), apply);
        }}
      >
        Dismiss
      </button>
      {dismiss.error ? <ErrorState title="Could not dismiss the notice" error={dismiss.error} /> : null}
    </section>
  );
}

/** Why imports, removals and snoozes are off; `reasonId` lets the disabled buttons point here. */
export function UpdatesReadOnlyBanner({ reasonId }: { reasonId: string }): ReactElement {
  return (
    <section className="banner banner--warning" aria-label="Read-only updates">
      <p id={reasonId}>
        <strong>Changes to updates cannot be saved.</strong> {UPDATES_READ_ONLY_REASON}
      </p>
    </section>
  );
}
