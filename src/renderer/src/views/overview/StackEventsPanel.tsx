import { type ReactElement, useId, useState } from 'react';
import type { StackEvents } from '../../../../shared/cells/stack-events';
import type { StackKind } from '../../../../shared/cells/stack-report';
import { useApi } from '../../api-context';
import { formatAbsolute, parseTime } from '../../cells/format-time';
import { ErrorState, Loading } from '../../components/States';
import { useAction } from '../../hooks/useAction';

export interface StackEventsPanelProps {
  readonly cellId: string;
  readonly kind: StackKind;
  readonly stackName: string;
}

/** A stack's newest events, loaded only when asked for: they cost an AWS call each time. */
export function StackEventsPanel({ cellId, kind, stackName }: StackEventsPanelProps): ReactElement {
  const api = useApi();
  const panelId = useId();
  const loader = useAction();
  const [open, setOpen] = useState(false);
  const [events, setEvents] = useState<StackEvents | null>(null);

  const load = (): void => {
    if (!loader.running) void loader.run(() => api.cells.events({ id: cellId, kind }), setEvents);
  };
  const onToggle = (): void => {
    if (!open && events === null) load();
    setOpen(!open);
  };

  return (
    <div className="stack-events">
      <div className="button-row">
        <button
          type="button"
          className="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={onToggle}
        >
          Recent events<span className="visually-hidden"> of {stackName}</span>
        </button>
        {open && events ? (
          <button type="button" className="button" aria-disabled={loader.running} onClick={load}>
            Reload events<span className="visually-hidden"> of {stackName}</span>
          </button>
        ) : null}
      </div>
      <div id={panelId} hidden={!open}>
        {open && loader.running ? <Loading label={`Loading the events of ${stackName}…`} /> : null}
        {open && !loader.running && loader.error ? (
          <ErrorState title="Could not load the events" error={loader.error} onRetry={load} />
        ) : null}
        {open && !loader.running && !loader.error && events ? <EventsTable events={events} /> : null}
      </div>
    </div>
  );
}

function EventsTable({ events }: { events: StackEvents }): ReactElement {
  if (events.events.length === 0) return <p className="table-empty">{events.stackName} has no events.</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="table events-table">
          <caption>Recent events of {events.stackName}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Logical ID</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {events.events.map((event) => {
              const time = parseTime(event.timestamp);
              return (
                <tr key={event.id} className={event.failed ? 'events-table__failed' : undefined}>
                  <td>
                    {time ? <time dateTime={event.timestamp}>{formatAbsolute(time)}</time> : event.timestamp}
                  </td>
                  <td>
                    <code>{event.logicalId}</code>
                  </td>
                  <td>{event.resourceType}</td>
                  <td>
                    {event.failed ? <span className="badge badge--error">Failed</span> : null}
                    <code>{event.status}</code>
                  </td>
                  <td>{event.reason ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {events.more ? (
        <p className="table-note">
          Only the newest {events.events.length} events are shown; the AWS console has the rest.
        </p>
      ) : null}
    </>
  );
}
