import { type FormEvent, type ReactElement, useId, useRef, useState } from 'react';
import type { Preferences } from '../../../../shared/app-info';
import { useApi } from '../../api-context';
import { TextField } from '../../components/FormField';
import { ErrorState, Loading } from '../../components/States';
import { useAction } from '../../hooks/useAction';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useResult } from '../../hooks/useResult';
import {
  fieldsOf,
  LIMITS,
  type MonitoringField,
  type MonitoringFields,
  settingsOf,
} from './monitoring-fields';

function Fields({
  preferences,
  onSaved,
}: {
  preferences: Preferences;
  onSaved: (p: Preferences) => void;
}): ReactElement {
  const api = useApi();
  const save = useAction();
  const form = useRef<HTMLFormElement>(null);
  const quietId = useId();
  const quietHintId = useId();
  const [fields, setFields] = useState<MonitoringFields>(() => fieldsOf(preferences.monitoring));
  const [touched, setTouched] = useState<Partial<Record<MonitoringField, boolean>>>({});
  const [refused, setRefused] = useState(0);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  useFocusFirstInvalid(form, refused);

  const checked = settingsOf(fields);
  const errors = checked.ok ? {} : checked.errors;
  const shown = (field: MonitoringField): string | undefined =>
    refused > 0 || touched[field] ? errors[field] : undefined;
  const bind = (field: MonitoringField) => ({
    value: fields[field],
    onChange: (value: string) => {
      setSavedAt(null);
      setFields((before) => ({ ...before, [field]: value }));
    },
    onBlur: () => setTouched((before) => ({ ...before, [field]: true })),
    error: shown(field),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (save.running) return;
    if (!checked.ok) {
      setRefused((n) => n + 1);
      return;
    }
    void save.run(
      () => api.preferences.setMonitoring(checked.settings),
      (saved) => {
        setFields(fieldsOf(saved.monitoring));
        setSavedAt(Date.now());
        onSaved(saved);
      },
    );
  };

  const range = (limits: { min: number; max: number; default: number }, unit: string): string =>
    `${limits.min} to ${limits.max} ${unit}; ${limits.default} by default.`;

  return (
    <form className="monitoring-form" noValidate onSubmit={onSubmit} ref={form} aria-label="Monitoring">
      <TextField
        label="Check the stacks every (minutes)"
        inputMode="numeric"
        {...bind('refreshIntervalMinutes')}
        hint={`How often pending updates and stack states are read from AWS: ${range(LIMITS.refreshIntervalMinutes, 'minutes')} The app also checks at once when the machine wakes, the network returns, or you open the tray menu or the dashboard.`}
      />
      <div className="setting">
        <div className="setting__text">
          <label className="setting__label" htmlFor={quietId}>
            Quiet hours
          </label>
          <p className="setting__description" id={quietHintId}>
            Reminders wait until quiet hours end, on this computer's clock. Reminders for an overdue update
            are never held back.
          </p>
        </div>
        <div className="setting__control">
          <input
            id={quietId}
            type="checkbox"
            role="switch"
            className="switch"
            checked={fields.quiet}
            aria-checked={fields.quiet}
            aria-describedby={quietHintId}
            onChange={(event) => {
              const quiet = event.currentTarget.checked;
              setSavedAt(null);
              setFields((before) => ({ ...before, quiet }));
            }}
          />
          <span className="setting__value" aria-hidden="true">
            {fields.quiet ? 'On' : 'Off'}
          </span>
        </div>
      </div>
      {fields.quiet ? (
        <div className="monitoring-form__pair">
          <TextField label="Quiet from" type="time" {...bind('quietStart')} />
          <TextField
            label="Until"
            type="time"
            {...bind('quietEnd')}
            hint="An end before the start runs over midnight, e.g. 22:00 until 07:00."
          />
        </div>
      ) : null}
      <div className="monitoring-form__pair">
        <TextField
          label="Cell version and maintenance, dashboard open (seconds)"
          inputMode="numeric"
          {...bind('dashboardPollSeconds')}
          hint={range(LIMITS.dashboardPollSeconds, 'seconds')}
        />
        <TextField
          label="Same, tray only (minutes)"
          inputMode="numeric"
          {...bind('trayPollMinutes')}
          hint={range(LIMITS.trayPollMinutes, 'minutes')}
        />
      </div>
      {save.error ? <ErrorState title="The monitoring settings were not saved" error={save.error} /> : null}
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={save.running}
          aria-busy={save.running}
        >
          {save.running ? 'Saving…' : 'Save monitoring settings'}
        </button>
        <output className="monitoring-form__saved" aria-live="polite">
          {savedAt !== null ? 'Saved. The next check follows the new interval.' : ''}
        </output>
      </div>
    </form>
  );
}

/** Refresh interval, quiet hours and live-status polling, saved in the settings file by main. */
export function MonitoringSettingsForm(): ReactElement {
  const api = useApi();
  const loaded = useResult(() => api.preferences.get(), [api]);
  const [saved, setSaved] = useState<Preferences | null>(null);
  const preferences = saved ?? (loaded.status === 'ready' ? loaded.value : null);
  if (!preferences) {
    if (loaded.status === 'error') {
      return <ErrorState title="Could not load your settings" error={loaded.error} onRetry={loaded.reload} />;
    }
    return <Loading label="Loading settings…" />;
  }
  return <Fields preferences={preferences} onSaved={setSaved} />;
}
