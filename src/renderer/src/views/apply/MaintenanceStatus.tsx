import type { ReactElement } from 'react';
import { maintenanceLines, maintenanceStuckOn } from '../../../../shared/apply/maintenance';
import type { ApplyRunView } from '../../../../shared/apply/run';
import { useApi } from '../../api-context';

import { ErrorState } from '../../components/States';
import { useRunAction } from './useRunAction';

/** Where the run's Gitpod maintenance stands, and the way to switch off what it left on. */
export function MaintenanceStatus({ run }: { readonly run: ApplyRunView }): ReactElement | null {
  const api = useApi();
  const action = useRunAction();
  const maintenance = run.maintenance;
  if (!maintenance) return null;
  const stuck = maintenanceStuckOn(maintenance) && run.status === 'finished';
  const tone = maintenance.problem ? 'apply-callout--warning' : 'apply-callout--ok';
  return (
    <section className={`apply-callout ${tone} apply-maintenance-status`} aria-label="Gitpod maintenance">
      <ul className="apply-plain-list">
        {maintenanceLines(maintenance).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {maintenance.problem ? (
        <>
          <p className="apply-callout__title">{maintenance.problem.message}</p>
          <p>{maintenance.problem.nextStep}</p>
        </>
      ) : null}
      {action.error ? <ErrorState title="Maintenance was not switched off" error={action.error} /> : null}
      {stuck ? (
        <div className="button-row">
          <button
            type="button"
            className="button"
            aria-disabled={action.running}
            aria-busy={action.running}
            onClick={() => action.run(() => api.apply.endMaintenance({ runId: run.id }))}
          >
            {action.running ? 'Switching off…' : 'Switch maintenance off'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
