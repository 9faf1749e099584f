import type { ReactElement } from 'react';
import { RUN_EXPORT_FORMATS } from '../../../../shared/apply/apply-ipc';
import type { ApplyRunSummary } from '../../../../shared/apply/run';
import { useApi } from '../../api-context';
import { useApply } from '../../apply/apply-context';
import { OUTCOME_WORDS, PHASE_WORDS, RUN_STATUS_WORDS } from '../../apply/apply-labels';
import { parseTime } from '../../cells/format-time';
import { Section } from '../../components/Section';
import { ErrorState, Loading } from '../../components/States';
import { useNavigation } from '../../navigation/navigation-context';
import { formatWhen } from '../../updates/deadline-words';
import { ExportButtons } from '../apply/ExportButtons';

function When({ iso }: { iso: string | undefined }): ReactElement {
  const date = parseTime(iso);
  return date && iso ? <time dateTime={iso}>{formatWhen(date)}</time> : <>—</>;
}

/** Main sends them newest first; sorting again keeps the caption true whatever arrives. */
function newestFirst(runs: readonly ApplyRunSummary[]): ApplyRunSummary[] {
  const at = (run: ApplyRunSummary): number => parseTime(run.createdAt)?.getTime() ?? 0;
  return [...runs].sort((a, b) => at(b) - at(a));
}

/** Every guided apply run: who ran it, when, how it ended; open it, or export its evidence. */
export function ApplyRunsSection(): ReactElement {
  const api = useApi();
  const { state, reload } = useApply();
  const { open } = useNavigation();

  return (
    <Section title="Guided apply runs">
      {state.status === 'loading' ? <Loading label="Loading the guided apply runs…" /> : null}
      {state.status === 'error' ? (
        <ErrorState title="Could not load the guided apply runs" error={state.error} onRetry={reload} />
      ) : null}
      {state.status === 'ready' && state.value.runs.length === 0 ? (
        <p className="muted">
          No guided apply has run yet. Each run is recorded here with who ran it, when and how it ended, and
          can be exported as evidence.
        </p>
      ) : null}
      {state.status === 'ready' && state.value.runs.length > 0 ? (
        <div className="table-wrap">
          <table className="table apply-runs-table">
            <caption>Guided apply runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Update</th>
                <th scope="col">Cell</th>
                <th scope="col">Who</th>
                <th scope="col">Started</th>
                <th scope="col">Finished</th>
                <th scope="col">Outcome</th>
                <th scope="col">Stacks</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst(state.value.runs).map((run) => (
                <tr key={run.id}>
                  <th scope="row">
                    <span className="history-table__label">{run.label}</span>
                  </th>
                  <td>
                    {run.cellName}
                    <span className="history-table__source">
                      account <code>{run.accountId}</code>
                    </span>
                  </td>
                  <td>
                    <code className="apply-runs-table__arn">{run.callerArn}</code>
                  </td>
                  <td>
                    <When iso={run.createdAt} />
                  </td>
                  <td>{run.finishedAt ? <When iso={run.finishedAt} /> : 'Not yet'}</td>
                  <td>{run.outcome ? OUTCOME_WORDS[run.outcome] : RUN_STATUS_WORDS[run.status]}</td>
                  <td>
                    <ul className="history-table__stacks">
                      {run.stacks.map((stack) => (
                        <li key={stack.stackName}>
                          <code>{stack.stackName}</code>: {PHASE_WORDS[stack.phase]}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <div className="apply-runs-table__actions">
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => open({ view: 'apply', itemId: run.id })}
                      >
                        Open
                        <span className="visually-hidden">
                          {' '}
                          the run of {run.label} on {run.cellName}
                        </span>
                      </button>
                      <ExportButtons
                        compact
                        formats={RUN_EXPORT_FORMATS}
                        verb="Export"
                        what={`the run of ${run.label} on ${run.cellName}`}
                        onExport={(format) => api.apply.exportRun({ runId: run.id, format })}
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
