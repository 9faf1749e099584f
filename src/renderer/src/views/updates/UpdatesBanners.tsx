import type { ReactElement } from 'react';
import type { UpdatesNotice } from '../../../../shared/updates/pending-update';
import { useApi } from '../../api-context';
import { FileNoticeBanner } from '../../components/FileNoticeBanner';
import { UPDATES_READ_ONLY_REASON } from '../../updates/read-only';
import { useUpdates } from '../../updates/updates-context';

/** What main had to do to the updates file, until the admin dismisses it. */
export function UpdatesNoticeBanner({ notice }: { notice: UpdatesNotice }): ReactElement {
  const api = useApi();
  const { apply } = useUpdates();
  return (
    <FileNoticeBanner
      label="Updates notice"
      notice={notice}
      dismiss={() => api.updates.dismissNotice()}
      onDismissed={apply}
    />
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
