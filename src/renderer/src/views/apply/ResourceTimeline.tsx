import { type ReactElement, useState } from 'react';
import type { TimelineEntry } from '../../../../shared/apply/run';
import { formatCount, formatDuration } from '../../apply/apply-labels';
import { useNow } from '../../hooks/useNow';

/** Entries drawn at first; a large stack's thousands more on request. */
const SHOWN = 200;

function ms(iso: string | undefined): number | null {
  if (!iso) return null;
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? null : parsed;
}

function state(status: string): 'failed' | 'done' | 'running' {
  if (status.endsWith('_FAILED')) return 'failed';
  return status.endsWith('_IN_PROGRESS') ? 'running' : 'done';
}

/** Each resource's start and end as a bar on one time axis, with its time and status in words. */
export function ResourceTimeline({
  entries,
  label,
}: {
  entries: readonly TimelineEntry[];
  label: string;
}): ReactElement {
  const [all, setAll] = useState(false);
  const running = entries.some((entry) => !entry.endedAt);
  const now = useNow(running ? 2000 : 3_600_000).getTime();
  if (entries.length === 0) return <p className="muted">No resource has started yet.</p>;

  const starts = entries.map((entry) => ms(entry.startedAt) ?? now);
  const first = Math.min(...starts);
  const last = Math.max(...entries.map((entry) => ms(entry.endedAt) ?? now), first + 1000);
  const span = last - first;
  const shown = all ? entries : entries.slice(0, SHOWN);

  return (
    <>
      <ol className="timeline" aria-label={label}>
        {shown.map((entry, index) => {
          const start = starts[index] ?? first;
          const end = ms(entry.endedAt) ?? now;
          const left = ((start - first) / span) * 100;
          const width = Math.max(((end - start) / span) * 100, 0.5);
          const kind = state(entry.status);
          return (
            <li
              key={`${entry.logicalId}/${entry.startedAt}`}
              className={`timeline__entry timeline__entry--${kind}`}
            >
              <span className="timeline__label">
                <code>{entry.logicalId}</code> <span className="muted">{entry.resourceType}</span>
              </span>
              <span className="timeline__track" aria-hidden="true">
                <span
                  className="timeline__bar"
                  style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }}
                />
              </span>
              <span className="timeline__time">
                {entry.endedAt ? formatDuration(end - start) : `running for ${formatDuration(end - start)}`},{' '}
                <code>{entry.status}</code>
              </span>
            </li>
          );
        })}
      </ol>
      {entries.length > shown.length ? (
        <button type="button" className="button" onClick={() => setAll(true)}>
          Show all {formatCount(entries.length)} resources
        </button>
      ) : null}
    </>
  );
}
