import { type ReactElement, useEffect, useId, useRef, useState } from 'react';
import { cellStacks } from '../../../../shared/cells/cell';
import type { CellView } from '../../../../shared/cells/cells-state';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api-context';
import { type CellHealth, cellHealth } from '../../cells/cell-health';
import { useCells } from '../../cells/cells-context';
import { parseTime } from '../../cells/format-time';
import { cellProfileLabel } from '../../cells/profile-labels';
import { ErrorState } from '../../components/States';
import { TimeAgo } from '../../components/TimeAgo';
import { useAction } from '../../hooks/useAction';
import { useNow } from '../../hooks/useNow';
import { GitpodSection } from './GitpodSection';
import { HealthPill } from './HealthPill';
import { StackPanel } from './StackPanel';

export interface CellCardProps {
  readonly view: CellView;
  /** Moves focus to the card's heading on mount: the cell was just added. */
  readonly focus?: boolean;
}

/** One cell: its health, where it lives, its stacks, "Check now", and its Gitpod application live. */
export function CellCard({ view, focus = false }: CellCardProps): ReactElement {
  const { cell, check } = view;
  const api = useApi();
  const { apply } = useCells();
  const checkNow = useAction();
  const open = useAction();
  const now = useNow();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const health = cellHealth(view);
  const busy = view.checking || checkNow.running;
  const announcement = useCheckAnnouncement(cell.name, busy, health);
  const checkedAt = parseTime(check?.checkedAt);

  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);

  const onCheck = (): void => {
    // aria-disabled rather than disabled keeps keyboard focus on the button while it runs.
    if (busy) return;
    void checkNow.run(() => api.cells.check({ id: cell.id }), apply);
  };

  return (
    <li className="card cell-card" aria-labelledby={headingId}>
      <div className="card__header">
        <h2 className="card__title" id={headingId} ref={heading} tabIndex={-1}>
          {cell.name}
        </h2>
        <HealthPill health={health} />
      </div>
      <dl className="facts">
        <div>
          <dt>Account</dt>
          <dd>{cell.accountId}</dd>
        </div>
        <div>
          <dt>Region</dt>
          <dd>{cell.region}</dd>
        </div>
        <div>
          <dt>Profile</dt>
          <dd>{cellProfileLabel(cell.profile)}</dd>
        </div>
        <div>
          <dt>Domain</dt>
          <dd>
            {cell.domain ? (
              <button
                type="button"
                className="link-button"
                onClick={() => void open.run(() => api.app.openExternal({ url: `https://${cell.domain}` }))}
              >
                {cell.domain}
                <span className="visually-hidden"> (opens in your browser)</span>
              </button>
            ) : (
              'Not set'
            )}
          </dd>
        </div>
        <div>
          <dt>Last checked</dt>
          <dd>{checkedAt ? <TimeAgo date={checkedAt} now={now} /> : 'Not checked yet'}</dd>
        </div>
      </dl>
      {open.error ? <ErrorState title="Could not open the cell’s domain" error={open.error} /> : null}
      {check && check.errors.length > 0 ? <CheckProblems errors={check.errors} /> : null}
      <div className="button-row">
        <button type="button" className="button" onClick={onCheck} aria-disabled={busy} aria-busy={busy}>
          {busy ? 'Checking…' : 'Check now'}
          <span className="visually-hidden"> {cell.name}</span>
        </button>
      </div>
      {checkNow.error ? <ErrorState title="The check failed" error={checkNow.error} /> : null}
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <div className="stack-list">
        {cellStacks(cell).map(({ kind, name }) => (
          <StackPanel
            key={kind}
            cellId={cell.id}
            cellHeadingId={headingId}
            kind={kind}
            name={name}
            report={check?.stacks.find((stack) => stack.kind === kind)}
            checked={check !== null}
            now={now}
          />
        ))}
      </div>
      <GitpodSection cellId={cell.id} cellName={cell.name} cellHeadingId={headingId} now={now} />
    </li>
  );
}

/** What stopped the last check, each with its next step. Not an alert: it may be hours old. */
function CheckProblems({ errors }: { errors: readonly AppError[] }): ReactElement {
  return (
    <div className="problems">
      <p className="problems__title">The last check failed</p>
      <ul className="problems__list">
        {errors.map((error) => (
          <li key={`${error.code}:${error.message}`}>
            <p>{error.message}</p>
            {error.nextStep ? <p className="problems__next-step">Next step: {error.nextStep}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Check of production finished: Healthy.", once a check the card showed as running ends. */
function useCheckAnnouncement(name: string, busy: boolean, health: CellHealth): string {
  const [message, setMessage] = useState('');
  const wasBusy = useRef(busy);
  useEffect(() => {
    if (wasBusy.current && !busy) setMessage(`Check of ${name} finished: ${health.label}.`);
    wasBusy.current = busy;
  }, [name, busy, health.label]);
  return message;
}
