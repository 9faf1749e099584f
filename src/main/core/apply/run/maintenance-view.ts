import type { MaintenanceSwitchState, MaintenanceView } from '../../../../shared/apply/maintenance';
import type { MaintenanceSwitchRecord, RunRecord } from '../journal/run-record';

/** Where one switch stands, from its journal entry (see step-maintenance.ts for the writes). */
function stateOf(entry: MaintenanceSwitchRecord): MaintenanceSwitchState {
  if (entry.offResult?.outcome === 'failed') return 'stuck-on';
  // Off and never on (a failed switch-on whose switch-off found it off) is "not switched on".
  if (entry.onResult?.outcome === 'failed' && entry.offResult?.outcome !== 'switched')
    return 'not-switched-on';
  if (entry.offResult) return 'off';
  if (!entry.onResult) return entry.wasOn === true ? 'left-on' : 'planned';
  return entry.wasOn === true ? 'left-on' : 'on';
}

const NAMES = { notice: 'The maintenance notice', mode: 'Maintenance mode' } as const;

/** The run's Gitpod maintenance as the wizard, History and the CLI show it. */
export function maintenanceView(record: RunRecord): MaintenanceView | undefined {
  const maintenance = record.maintenance;
  if (!maintenance) return undefined;
  const notice = maintenance.notice ? stateOf(maintenance.notice) : null;
  const mode = maintenance.mode ? stateOf(maintenance.mode) : null;
  const domain = record.cell.domain ?? 'the cell';
  const stuck = (['mode', 'notice'] as const).filter(
    (which) => (which === 'mode' ? mode : notice) === 'stuck-on',
  );
  const failedOn = (['notice', 'mode'] as const).filter(
    (which) => (which === 'mode' ? mode : notice) === 'not-switched-on',
  );
  let problem: MaintenanceView['problem'];
  if (stuck.length > 0) {
    const which = stuck[0] as 'mode' | 'notice';
    const reason = maintenance[which]?.offResult?.error?.message ?? '';
    problem = {
      message: `${NAMES[which]} is still on at ${domain}: the run could not switch it off. ${reason}`
        .trim()
        .slice(0, 2000),
      nextStep:
        'Choose “Switch maintenance off” on the run in Dedicated Admin, or switch it off in Gitpod’s organization settings.',
    };
  } else if (failedOn.length > 0) {
    const which = failedOn[0] as 'mode' | 'notice';
    const error = maintenance[which]?.onResult?.error;
    problem = {
      message:
        `${NAMES[which]} could not be switched on at ${domain}; the update went on without it. ${error?.message ?? ''}`
          .trim()
          .slice(0, 2000),
      nextStep: (error?.nextStep ?? 'Check the cell’s personal access token in the Overview.').slice(0, 1000),
    };
  }
  return {
    notice: notice === null ? null : { state: notice, text: maintenance.noticeText ?? '' },
    mode: mode === null ? null : { state: mode },
    ...(problem ? { problem } : {}),
  };
}
