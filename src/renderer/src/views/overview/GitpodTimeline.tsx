import type { ReactElement } from 'react';
import type { CellAppHistory } from '../../../../shared/app-status/app-status';
import { formatDuration, timelineEntries } from '../../app-status/app-status-words';
import { formatAbsolute } from '../../cells/format-time';

/**
 * Version changes and maintenance periods, newest first: a plain list, so a screen reader reads
 * it as one. Each entry says in words what it was and when; the marker before it is decoration.
 */
export function GitpodTimeline({
  history,
  now,
}: {
  history: CellAppHistory;
  now: Date;
}): ReactElement | null {
  const entries = timelineEntries(history);
  if (entries.length === 0) return null;
  return (
    <details className="gitpod__history">
      <summary className="gitpod__history-summary">
        History ({entries.length === 1 ? '1 entry' : `${entries.length} entries`})
      </summary>
      <ol className="gitpod-timeline" aria-label="Gitpod versions and maintenance, newest first">
        {entries.map((entry) => (
          <li key={entry.key} className={`gitpod-timeline__entry gitpod-timeline__entry--${entry.kind}`}>
            <span className="gitpod-timeline__marker" aria-hidden="true" />
            <span className="gitpod-timeline__text">{entry.text}</span>{' '}
            <span className="gitpod-timeline__when">
              <time dateTime={entry.at.toISOString()}>{formatAbsolute(entry.at)}</time>
              {entry.kind === 'maintenance' ? (
                entry.end ? (
                  <>
                    {' '}
                    to <time dateTime={entry.end.toISOString()}>{formatAbsolute(entry.end)}</time> (
                    {formatDuration(entry.at, entry.end)})
                  </>
                ) : (
                  <> (for {formatDuration(entry.at, now)} so far)</>
                )
              ) : null}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
