import type { ReactElement } from 'react';
import type { RunEvent } from '../../../../shared/apply/run';
import { parseTime } from '../../cells/format-time';

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function failed(status: string): boolean {
  return status.endsWith('_FAILED');
}

/** The newest stack events of this execution, newest first. */
export function RecentEvents({
  events,
  stackName,
}: {
  events: readonly RunEvent[];
  stackName: string;
}): ReactElement {
  if (events.length === 0) return <p className="muted">No stack events yet.</p>;
  // Main sends them newest last.
  const newestFirst = [...events].reverse();
  return (
    <div className="table-wrap">
      <table className="table events-table">
        <caption>Recent events of {stackName}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Resource</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((event) => {
            const at = parseTime(event.timestamp);
            return (
              <tr key={event.id} className={failed(event.status) ? 'events-table__failed' : undefined}>
                <td>
                  <time dateTime={event.timestamp}>{at ? timeFormat.format(at) : event.timestamp}</time>
                </td>
                <th scope="row">
                  <code>{event.logicalId}</code>
                </th>
                <td>{event.resourceType}</td>
                <td>
                  <code>{event.status}</code>
                </td>
                <td>{event.reason ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
