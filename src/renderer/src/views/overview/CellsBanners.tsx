import type { ReactElement } from 'react';
import type { SettingsNotice } from '../../../../shared/cells/cells-state';
import { useApi } from '../../api-context';
import { useCells } from '../../cells/cells-context';
import { READ_ONLY_REASON } from '../../cells/read-only';
import { ErrorState } from '../../components/States';
import { useAction } from '../../hooks/useAction';

/** What main had to do to the settings file, until the admin dismisses it. */
export function NoticeBanner({ notice }: { notice: SettingsNotice }): ReactElement {
  const api = useApi();
  const { apply } = useCells();
  const dismiss = useAction();

  return (
    <section className="banner banner--warning" aria-label="Settings notice">
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
          if (!dismiss.running) void dismiss.run(() => api.cells.dismissNotice(), apply);
        }}
      >
        Dismiss
      </button>
      {dismiss.error ? <ErrorState title="Could not dismiss the notice" error={dismiss.error} /> : null}
    </section>
  );
}

export function ReadOnlyBanner(): ReactElement {
  return (
    <section className="banner banner--warning" aria-label="Read-only settings">
      <p>
        <strong>Changes to cells cannot be saved.</strong> {READ_ONLY_REASON}
      </p>
    </section>
  );
}
