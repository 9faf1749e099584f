import { type ReactElement, useEffect, useId, useRef, useState } from 'react';
import type { PendingUpdate } from '../../../../shared/updates/pending-update';
import type { CalendarSaved } from '../../../../shared/updates/update-ipc';
import { useApi } from '../../api-context';
import { ErrorState } from '../../components/States';
import { useAction } from '../../hooks/useAction';
import { useNavigation } from '../../navigation/navigation-context';
import { RemoveImportConfirm } from './RemoveImportConfirm';
import { useSnooze } from './useSnooze';

export interface UpdateActionsProps {
  readonly update: PendingUpdate;
  readonly now: Date;
  /** Set when changes are off: snooze and remove are disabled and point at the reason. */
  readonly readOnlyReasonId: string | undefined;
  readonly onRemoved: () => void;
}

/** Apply, Add to calendar, Snooze (or Unsnooze) and, for an import, Remove; what each did below. */
export function UpdateActions({
  update,
  now,
  readOnlyReasonId,
  onRemoved,
}: UpdateActionsProps): ReactElement {
  const api = useApi();
  const { open } = useNavigation();
  const calendar = useAction();
  const snooze = useSnooze(update, now);
  const choicesId = useId();
  const snoozeButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const [saved, setSaved] = useState<CalendarSaved | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [cancelled, setCancelled] = useState(0);
  const readOnly = readOnlyReasonId !== undefined;
  const snoozeBusy = snooze.snooze.running || snooze.unsnooze.running;

  useEffect(() => {
    if (cancelled > 0) removeButton.current?.focus();
  }, [cancelled]);

  const onCalendar = (): void => {
    if (calendar.running) return;
    setSaved(null);
    void calendar.run(() => api.updates.saveCalendar({ id: update.id }), setSaved);
  };

  return (
    <div className="update-actions">
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          onClick={() => open({ view: 'apply', itemId: update.id })}
        >
          Apply…<span className="visually-hidden"> {update.label}</span>
        </button>
        <button
          type="button"
          className="button"
          aria-disabled={calendar.running}
          aria-busy={calendar.running}
          onClick={onCalendar}
        >
          Add to calendar…<span className="visually-hidden"> {update.label}</span>
        </button>
        {snooze.possible ? (
          <button
            type="button"
            className="button"
            ref={snoozeButton}
            disabled={readOnly}
            aria-describedby={readOnlyReasonId}
            aria-expanded={choosing}
            aria-controls={choicesId}
            onClick={() => setChoosing(!choosing)}
          >
            Snooze…<span className="visually-hidden"> reminders for {update.label}</span>
          </button>
        ) : null}
        {snooze.snoozed ? (
          <button
            type="button"
            className="button"
            disabled={readOnly}
            aria-describedby={readOnlyReasonId}
            aria-disabled={snoozeBusy}
            aria-busy={snooze.unsnooze.running}
            onClick={snooze.resume}
          >
            Unsnooze<span className="visually-hidden"> reminders for {update.label}</span>
          </button>
        ) : null}
        {update.source === 'import' && !confirming ? (
          <button
            type="button"
            className="button"
            ref={removeButton}
            disabled={readOnly}
            aria-describedby={readOnlyReasonId}
            onClick={() => setConfirming(true)}
          >
            Remove…<span className="visually-hidden"> {update.label}</span>
          </button>
        ) : null}
      </div>
      <fieldset className="snooze-choices" id={choicesId} hidden={!choosing || !snooze.possible || readOnly}>
        <legend className="snooze-choices__legend">Snooze the reminders for {update.label}</legend>
        <div className="button-row">
          {snooze.choices.map((choice) => (
            <button
              key={choice.label}
              type="button"
              className="button"
              aria-disabled={snoozeBusy}
              onClick={() =>
                snooze.choose(choice, () => {
                  setChoosing(false);
                  snoozeButton.current?.focus();
                })
              }
            >
              {choice.label}
            </button>
          ))}
        </div>
      </fieldset>
      {snooze.possible ? null : (
        <p className="update-actions__note">Reminders for an overdue update cannot be snoozed.</p>
      )}
      <div className="update-actions__status" role="status">
        {saved?.saved ? (
          <p>
            {saved.path ? (
              <>
                Saved to <code>{saved.path}</code>
              </>
            ) : (
              'Saved.'
            )}
          </p>
        ) : null}
        {snooze.message ? <p>{snooze.message}</p> : null}
      </div>
      {calendar.error ? <ErrorState title="The calendar event was not saved" error={calendar.error} /> : null}
      {snooze.snooze.error ? (
        <ErrorState title="The reminders were not snoozed" error={snooze.snooze.error} />
      ) : null}
      {snooze.unsnooze.error ? (
        <ErrorState title="The reminders were not resumed" error={snooze.unsnooze.error} />
      ) : null}
      {confirming && !readOnly ? (
        <RemoveImportConfirm
          update={update}
          onCancel={() => {
            setConfirming(false);
            setCancelled((n) => n + 1);
          }}
          onRemoved={onRemoved}
        />
      ) : null}
    </div>
  );
}
