import { type ChangeEvent, type ReactElement, useId, useState } from 'react';
import type { Preferences } from '../../../../shared/app-info';
import { useApi } from '../../api-context';
import { ErrorState, Loading } from '../../components/States';
import { useAction } from '../../hooks/useAction';
import { useResult } from '../../hooks/useResult';

export function StartAtLoginSetting(): ReactElement {
  const api = useApi();
  const loaded = useResult(() => api.preferences.get(), [api]);
  const [saved, setSaved] = useState<Preferences | null>(null);
  const save = useAction();
  const inputId = useId();
  const descriptionId = useId();

  const preferences = saved ?? (loaded.status === 'ready' ? loaded.value : null);
  if (!preferences) {
    if (loaded.status === 'error') {
      return <ErrorState title="Could not load your settings" error={loaded.error} onRetry={loaded.reload} />;
    }
    return <Loading label="Loading settings…" />;
  }

  const supported = preferences.startAtLoginSupported;
  const onChange = (event: ChangeEvent<HTMLInputElement>): void => {
    if (save.running) return;
    const enabled = event.currentTarget.checked;
    // The switch shows what main reports back, not what was clicked, so it never claims a
    // setting the OS refused.
    void save.run(() => api.preferences.setStartAtLogin({ enabled }), setSaved);
  };

  return (
    <div className="setting-group">
      <div className="setting">
        <div className="setting__text">
          <label className="setting__label" htmlFor={inputId}>
            Start at login
          </label>
          <p className="setting__description" id={descriptionId}>
            {supported
              ? 'Open Dedicated Admin in the tray when you log in, so update deadlines are watched without you starting it.'
              : 'This system offers no way for apps to start at login, so this setting is unavailable.'}
          </p>
        </div>
        <div className="setting__control">
          <input
            id={inputId}
            type="checkbox"
            role="switch"
            className="switch"
            checked={preferences.startAtLogin}
            aria-checked={preferences.startAtLogin}
            disabled={!supported}
            aria-describedby={descriptionId}
            aria-busy={save.running}
            onChange={onChange}
          />
          <span className="setting__value" aria-hidden="true">
            {preferences.startAtLogin ? 'On' : 'Off'}
          </span>
        </div>
      </div>
      {save.error ? <ErrorState title="Could not change “Start at login”" error={save.error} /> : null}
    </div>
  );
}
