import { type ReactElement, useEffect, useRef, useState } from 'react';
import type { StatusSnapshot } from '../../../shared/status';
import { formatCheckedAt } from '../status/format-checked-at';
import { type StatusContextValue, useStatus } from '../status/status-context';
import { TRAY_STATE_LABELS } from '../status/tray-state-labels';
import { ErrorState } from './States';
import { StatusPill } from './StatusPill';

/** The header: the app's state in words, when it was last checked, and "Check now". */
export function StatusStrip(): ReactElement {
  const { snapshot, check, checkNow } = useStatus();
  const current = snapshot.status === 'ready' ? snapshot.value : null;
  const busy = check.running || current?.checking === true;
  const announcement = useAnnouncement(current, check);

  const onCheck = (): void => {
    // aria-disabled rather than disabled keeps keyboard focus on the button while it runs.
    if (busy) return;
    void checkNow();
  };

  return (
    <header className="status-strip">
      <div className="status-strip__row">
        <div className="status-strip__summary">
          {current ? (
            <>
              <StatusPill state={current.state} />
              <span className="status-strip__checked">
                {current.checkedAt ? (
                  <time dateTime={current.checkedAt}>{formatCheckedAt(current.checkedAt)}</time>
                ) : (
                  formatCheckedAt(null)
                )}
              </span>
            </>
          ) : (
            <span className="status-strip__checked">
              {snapshot.status === 'error' ? 'Status unavailable' : 'Loading status…'}
            </span>
          )}
        </div>
        <button type="button" className="button" onClick={onCheck} aria-disabled={busy} aria-busy={busy}>
          {busy ? 'Checking…' : 'Check now'}
        </button>
      </div>
      {check.error ? <ErrorState title="The check failed" error={check.error} /> : null}
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
    </header>
  );
}

/**
 * What the live region says: a change of state, or the outcome of a check the user asked for.
 * The first snapshot is not announced: it is on screen when the dashboard opens.
 */
function useAnnouncement(current: StatusSnapshot | null, check: StatusContextValue['check']): string {
  const [message, setMessage] = useState('');
  const previousState = useRef<StatusSnapshot['state'] | null>(null);
  const wasChecking = useRef(false);

  useEffect(() => {
    const state = current?.state ?? null;
    // A failed check is announced by its alert.
    const checkFinished = wasChecking.current && !check.running && check.error === null;
    wasChecking.current = check.running;
    if (state === null) return;
    const changed = previousState.current !== null && previousState.current !== state;
    previousState.current = state;
    if (changed) {
      setMessage(`Status changed: ${TRAY_STATE_LABELS[state]}.`);
    } else if (checkFinished && current) {
      setMessage(`Check finished: ${TRAY_STATE_LABELS[state]}. ${formatCheckedAt(current.checkedAt)}.`);
    }
  }, [current, check]);

  return message;
}
