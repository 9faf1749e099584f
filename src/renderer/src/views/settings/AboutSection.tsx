import type { ReactElement } from 'react';
import { useApi } from '../../api-context';
import { ErrorState, Loading } from '../../components/States';
import { useAction } from '../../hooks/useAction';
import { useResult } from '../../hooks/useResult';
import { platformLabel } from './platform-label';

export function AboutSection(): ReactElement {
  const api = useApi();
  const info = useResult(() => api.app.getInfo(), [api]);
  const openLogs = useAction();
  const report = useAction();

  if (info.status === 'loading') return <Loading label="Loading app details…" />;
  if (info.status === 'error') {
    return <ErrorState title="Could not load the app details" error={info.error} onRetry={info.reload} />;
  }

  const { version, platform, settingsDir, logFile, issuesUrl } = info.value;
  return (
    <>
      <dl className="details">
        <dt>Version</dt>
        <dd>{version}</dd>
        <dt>Platform</dt>
        <dd>{platformLabel(platform)}</dd>
        <dt>Settings folder</dt>
        <dd>
          <code>{settingsDir}</code>
        </dd>
        <dt>Log file</dt>
        <dd>
          <code>{logFile}</code>
        </dd>
      </dl>
      <div className="button-row">
        <button
          type="button"
          className="button"
          aria-disabled={openLogs.running}
          onClick={() => {
            if (!openLogs.running) void openLogs.run(() => api.app.openLogFolder());
          }}
        >
          Open log folder
        </button>
        <button
          type="button"
          className="button"
          aria-disabled={report.running}
          onClick={() => {
            if (!report.running) void report.run(() => api.app.openExternal({ url: issuesUrl }));
          }}
        >
          Report a problem
        </button>
      </div>
      {openLogs.error ? <ErrorState title="Could not open the log folder" error={openLogs.error} /> : null}
      {report.error ? <ErrorState title="Could not open the issue tracker" error={report.error} /> : null}
    </>
  );
}
