import type { ReactElement } from 'react';
import type { AppliedUpdate } from '../../../../shared/updates/pending-update';
import { parseTime } from '../../cells/format-time';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { formatWhen } from '../../updates/deadline-words';
import { DETECTION_WORDS, UPDATE_SOURCE_LABELS } from '../../updates/update-labels';
import { useUpdates } from '../../updates/updates-context';

/** The infrastructure updates the app saw applied, newest first (however they were applied). */
export function AppliedUpdatesList(): ReactElement {
  const { state, reload } = useUpdates();

  if (state.status === 'loading') return <Loading label="Loading the history…" />;
  if (state.status === 'error') {
    return <ErrorState title="Could not load the history" error={state.error} onRetry={reload} />;
  }

  const entries = newestFirst(state.value.history);
  if (entries.length === 0) {
    return (
      <EmptyState
        title="No applied updates yet"
        body={
          <p>
            Every infrastructure update the app sees applied is recorded here, with when and how it was seen,
            so you have evidence of what changed and when.
          </p>
        }
      />
    );
  }

  return (
    <div className="table-wrap">
      <table className="table history-table">
        <caption>Applied infrastructure updates, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Update</th>
            <th scope="col">Cell</th>
            <th scope="col">Released</th>
            <th scope="col">Applied</th>
            <th scope="col">How it was seen</th>
            <th scope="col">Stacks</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <th scope="row">
                <span className="history-table__label">{entry.label}</span>
                <span className="history-table__source">{UPDATE_SOURCE_LABELS[entry.source]}</span>
              </th>
              <td>{entry.cellName}</td>
              <td>
                <When iso={entry.releasedAt} />
              </td>
              <td>
                <When iso={entry.appliedAt} />
              </td>
              <td>{DETECTION_WORDS[entry.detectedBy]}</td>
              <td>
                {entry.stacks.length > 0 ? (
                  <ul className="history-table__stacks">
                    {entry.stacks.map((stack) => (
                      <li key={stack}>
                        <code>{stack}</code>
                      </li>
                    ))}
                  </ul>
                ) : (
                  'None'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function When({ iso }: { iso: string }): ReactElement {
  const date = parseTime(iso);
  return <time dateTime={iso}>{date ? formatWhen(date) : iso}</time>;
}

/** Main sends them newest first; sorting again keeps the caption true whatever arrives. */
function newestFirst(history: readonly AppliedUpdate[]): AppliedUpdate[] {
  const at = (entry: AppliedUpdate): number => parseTime(entry.appliedAt)?.getTime() ?? 0;
  return [...history].sort((a, b) => at(b) - at(a));
}
