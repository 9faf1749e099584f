import type { ReactElement } from 'react';
import type { SettingsNotice } from '../../../../shared/cells/cells-state';
import { useApi } from '../../api-context';
import { useCells } from '../../cells/cells-context';
import { READ_ONLY_REASON } from '../../cells/read-only';
import { FileNoticeBanner } from '../../components/FileNoticeBanner';

/** What main had to do to the settings file, until the admin dismisses it. */
export function NoticeBanner({ notice }: { notice: SettingsNotice }): ReactElement {
  const api = useApi();
  const { apply } = useCells();
  return (
    <FileNoticeBanner
      label="Settings notice"
      notice={notice}
      dismiss={() => api.cells.dismissNotice()}
      onDismissed={apply}
    />
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
