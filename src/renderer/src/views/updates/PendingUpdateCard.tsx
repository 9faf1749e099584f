import { type ReactElement, useId } from 'react';
import type { PendingUpdate } from '../../../../shared/updates/pending-update';
import { useApi } from '../../api-context';
import { parseTime } from '../../cells/format-time';
import { ErrorState } from '../../components/States';
import { useAction } from '../../hooks/useAction';
import { describeDeadline, formatWhen } from '../../updates/deadline-words';
import { UPDATE_SOURCE_LABELS } from '../../updates/update-labels';
import { Countdown, DeadlineBadge } from './DeadlineInfo';
import { StackSteps } from './StackSteps';
import { UpdateActions } from './UpdateActions';

export interface PendingUpdateCardProps {
  readonly update: PendingUpdate;
  readonly now: Date;
  /** Set when changes are off: snooze and remove are disabled and point at the reason. */
  readonly readOnlyReasonId: string | undefined;
  readonly onRemoved: () => void;
}

/** One pending update: when it is due, where it came from, what it changes, and what to do. */
export function PendingUpdateCard({
  update,
  now,
  readOnlyReasonId,
  onRemoved,
}: PendingUpdateCardProps): ReactElement {
  const api = useApi();
  const changelog = useAction();
  const headingId = useId();
  const deadline = parseTime(update.deadline);
  const released = parseTime(update.releasedAt);
  const snoozedUntil = parseTime(update.snoozedUntil);
  const description = deadline ? describeDeadline(deadline, now) : null;

  return (
    // Focusable so a notification's click can land here; the heading names it.
    <li className="card update-card" aria-labelledby={headingId} data-update-id={update.id} tabIndex={-1}>
      <div className="card__header">
        <h4 className="card__title" id={headingId}>
          {update.label}
        </h4>
        {description ? <DeadlineBadge description={description} /> : null}
      </div>
      {deadline && description ? <Countdown deadline={update.deadline} description={description} /> : null}
      <dl className="facts">
        <div>
          <dt>Source</dt>
          <dd>{UPDATE_SOURCE_LABELS[update.source]}</dd>
        </div>
        <div>
          <dt>Released</dt>
          <dd>{released ? <time dateTime={update.releasedAt}>{formatWhen(released)}</time> : 'Unknown'}</dd>
        </div>
        <div>
          <dt>Deadline</dt>
          <dd>
            {deadline ? <time dateTime={update.deadline}>{formatWhen(deadline)}</time> : 'Unknown'}
            {update.deadlineOverridden ? <span className="fact-note"> (date stated by Gitpod)</span> : null}
          </dd>
        </div>
        {snoozedUntil && snoozedUntil.getTime() > now.getTime() ? (
          <div>
            <dt>Reminders snoozed until</dt>
            <dd>
              <time dateTime={update.snoozedUntil}>{formatWhen(snoozedUntil)}</time>
            </dd>
          </div>
        ) : null}
      </dl>
      <StackSteps stacks={update.stacks} label={`Stacks of ${update.label}, in apply order`} />
      {update.notes ? (
        <div className="update-notes">
          <p className="update-notes__title">Notes</p>
          <p className="update-notes__text">{update.notes}</p>
        </div>
      ) : null}
      {update.changelogUrl ? (
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              const url = update.changelogUrl;
              if (url) void changelog.run(() => api.app.openExternal({ url }));
            }}
          >
            Changelog<span className="visually-hidden"> of {update.label} (opens in your browser)</span>
          </button>
        </p>
      ) : null}
      {changelog.error ? <ErrorState title="Could not open the changelog" error={changelog.error} /> : null}
      <UpdateActions update={update} now={now} readOnlyReasonId={readOnlyReasonId} onRemoved={onRemoved} />
    </li>
  );
}
