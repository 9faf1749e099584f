import { type FormEvent, type ReactElement, useId, useRef, useState } from 'react';
import { TOKEN_HOW_TO } from '../../../../shared/app-status/app-status';
import { type CellAppView, gitpodTokenSchema } from '../../../../shared/app-status/app-status-ipc';
import { useApi } from '../../api-context';
import { useAppStatus } from '../../app-status/app-status-context';
import { ErrorState } from '../../components/States';
import { useAction } from '../../hooks/useAction';

const NOT_A_TOKEN = 'Enter a Gitpod personal access token: it starts with gitpod_pat_.';

/**
 * The personal access token that maintenance status needs. It goes to main once, on Save, and
 * the field is emptied as soon as main has it: the dashboard never holds nor gets a stored
 * token back, only whether one is stored.
 */
export function GitpodTokenForm({ view, cellName }: { view: CellAppView; cellName: string }): ReactElement {
  const api = useApi();
  const { state, apply } = useAppStatus();
  const save = useAction();
  const remove = useAction();
  const ids = { input: useId(), hint: useId(), error: useId() };
  const input = useRef<HTMLInputElement>(null);
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [said, setSaid] = useState('');
  const storage = state.status === 'ready' ? state.value.tokenStorage : null;

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (save.running) return;
    const parsed = gitpodTokenSchema.safeParse(token);
    if (!parsed.success) {
      setError(NOT_A_TOKEN);
      input.current?.focus();
      return;
    }
    setError(undefined);
    setSaid('');
    void save.run(
      () => api.appStatus.setToken({ cellId: view.cellId, token: parsed.data }),
      (next) => {
        setToken('');
        apply(next);
        setSaid(`Token saved for ${cellName}. Maintenance is being checked.`);
      },
    );
  };

  const onRemove = (): void => {
    if (remove.running) return;
    setSaid('');
    void remove.run(
      () => api.appStatus.clearToken({ cellId: view.cellId }),
      (next) => {
        apply(next);
        setSaid(`Token removed for ${cellName}.`);
      },
    );
  };

  const cannotStore = storage !== null && !storage.available;
  const describedBy = [ids.hint, error ? ids.error : null].filter(Boolean).join(' ');

  return (
    <div className="gitpod-token">
      {cannotStore && !view.hasToken ? (
        <div className="gitpod__notice gitpod__notice--problem">
          <p className="gitpod__notice-title">
            Maintenance status needs a token, which cannot be stored here
          </p>
          <p>{storage.problem}</p>
          {storage.nextStep ? <p className="problems__next-step">Next step: {storage.nextStep}</p> : null}
        </div>
      ) : (
        <form className="gitpod-token__form" noValidate onSubmit={onSubmit}>
          <div className="field">
            <label className="field__label" htmlFor={ids.input}>
              Personal access token
            </label>
            <p className="field__hint" id={ids.hint}>
              {view.hasToken
                ? 'A token is stored in your OS keychain. Enter a new one to replace it.'
                : `Maintenance status needs one. ${TOKEN_HOW_TO}`}
            </p>
            <input
              id={ids.input}
              ref={input}
              className="input"
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder={view.hasToken ? 'Stored' : 'gitpod_pat_…'}
              value={token}
              onChange={(event) => {
                setToken(event.currentTarget.value);
                if (error) setError(undefined);
              }}
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
            />
            {error ? (
              <p className="field__error" id={ids.error}>
                <span className="visually-hidden">Error: </span>
                {error}
              </p>
            ) : null}
          </div>
          <div className="button-row">
            <button
              type="submit"
              className="button button--primary"
              aria-disabled={save.running}
              aria-busy={save.running}
            >
              {save.running ? 'Saving…' : 'Save token'}
            </button>
            {view.hasToken ? (
              <button
                type="button"
                className="button"
                onClick={onRemove}
                aria-disabled={remove.running}
                aria-busy={remove.running}
              >
                {remove.running ? 'Removing…' : 'Remove token'}
              </button>
            ) : null}
          </div>
        </form>
      )}
      {cannotStore && view.hasToken ? (
        <p className="gitpod__pending">
          {storage.problem} {storage.nextStep}
        </p>
      ) : null}
      {save.error ? <ErrorState title="The token was not saved" error={save.error} /> : null}
      {remove.error ? <ErrorState title="The token was not removed" error={remove.error} /> : null}
      <div className="visually-hidden" aria-live="polite">
        {said}
      </div>
    </div>
  );
}
