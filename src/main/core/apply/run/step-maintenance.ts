import type { AppError } from '../../../../shared/errors';
import type { MaintenanceRecord, MaintenanceSwitchRecord, RunRecord } from '../journal/run-record';
import type { MaintenanceSwitchName } from './run-ports';
import { commit, type RunDeps, type RunSession } from './run-session';

/**
 * Gitpod maintenance around a run (issue 6, "Around an update"): the notice goes up before the
 * first preflight, maintenance mode before the first ExecuteChangeSet, and whatever the run
 * switched on comes down before the run is marked finished, whatever its outcome.
 *
 * Each switch is journaled in three writes: the intent; what the switch was before (read, not
 * assumed); the result. The run owns a switch only if it was off before, so a notice an admin
 * put up by hand stays up. A crash anywhere repeats at most a read or an idempotent set.
 * Failures are recorded and shown, never a reason to stop the infrastructure update.
 */

const NO_PORT: AppError = {
  code: 'maintenance-unavailable',
  message: 'Gitpod maintenance cannot be switched from here (no token storage).',
  nextStep: 'Switch maintenance in Gitpod’s organization settings.',
};

type Direction = 'on' | 'off';

function switchOf(maintenance: MaintenanceRecord | undefined, which: MaintenanceSwitchName) {
  return which === 'notice' ? maintenance?.notice : maintenance?.mode;
}

/** The run switched it on, or may have: it was off when the run looked. */
function owned(record: MaintenanceSwitchRecord | undefined): boolean {
  return record?.wasOn === false;
}

/** The switch the run must turn on now, if any. */
export function maintenanceOnDue(record: RunRecord): MaintenanceSwitchName | null {
  const stack = record.stacks[record.currentStack];
  if (!record.maintenance || !stack || record.cancelRequestedAt !== undefined) return null;
  const { notice, mode } = record.maintenance;
  if (notice && notice.onResult === undefined) return 'notice';
  if (mode && mode.onResult === undefined && stack.phase === 'executing' && stack.execute === undefined) {
    return 'mode';
  }
  return null;
}

/** The switch the run must turn off before it ends, if any: maintenance mode first, then the notice. */
export function maintenanceOffDue(record: RunRecord): MaintenanceSwitchName | null {
  for (const which of ['mode', 'notice'] as const) {
    const entry = switchOf(record.maintenance, which);
    if (owned(entry) && entry?.offResult === undefined) return which;
  }
  return null;
}

/** Switches whose switching off failed: what `ApplyRunner.endMaintenance` tries again. */
export function maintenanceStuckOn(record: RunRecord): MaintenanceSwitchName[] {
  return (['mode', 'notice'] as const).filter((which) => {
    const entry = switchOf(record.maintenance, which);
    return owned(entry) && entry?.offResult?.outcome === 'failed';
  });
}

async function update(
  deps: RunDeps,
  session: RunSession,
  which: MaintenanceSwitchName,
  change: (entry: MaintenanceSwitchRecord, at: string) => void,
): Promise<void> {
  await commit(deps, session, (draft, at) => {
    const maintenance = draft.maintenance;
    const entry = maintenance ? (which === 'notice' ? maintenance.notice : maintenance.mode) : undefined;
    if (entry) change(entry, at);
  });
}

function label(which: MaintenanceSwitchName): string {
  return which === 'notice' ? 'the maintenance notice' : 'maintenance mode';
}

/** One switch, one way: read it, journal what it was, set it if it is not as wanted, journal that. */
export async function stepMaintenance(
  deps: RunDeps,
  session: RunSession,
  which: MaintenanceSwitchName,
  direction: Direction,
): Promise<void> {
  const intent = direction === 'on' ? 'onIntentAt' : 'offIntentAt';
  const result = direction === 'on' ? 'onResult' : 'offResult';
  const wanted = direction === 'on';
  await update(deps, session, which, (entry, at) => {
    entry[intent] = at;
    delete entry[result];
  });
  const fail = (error: AppError): Promise<void> => {
    deps.logger.warn(
      `apply ${session.record.id}: ${label(which)} could not be switched ${direction}: ${error.message}`,
    );
    return update(deps, session, which, (entry, at) => {
      entry[result] = { at, outcome: 'failed', error };
    });
  };
  const port = deps.maintenance;
  if (!port) return fail(NO_PORT);
  const cell = session.record.cell;

  const before = await port.isOn(cell, which);
  if (!before.ok) return fail(before.error);
  if (direction === 'on') {
    const wasOn = before.value;
    // Only the first look counts: after a crash the switch may be on because this run set it.
    await update(deps, session, which, (entry) => {
      entry.wasOn ??= wasOn;
    });
  }
  if (before.value === wanted) {
    await update(deps, session, which, (entry, at) => {
      entry[result] = { at, outcome: 'unchanged' };
    });
    return;
  }
  const text = which === 'notice' && wanted ? session.record.maintenance?.noticeText : undefined;
  const set = await port.set(cell, which, wanted, text);
  if (!set.ok) return fail(set.error);
  deps.logger.info(`apply ${session.record.id}: switched ${label(which)} ${direction}`);
  await update(deps, session, which, (entry, at) => {
    entry[result] = { at, outcome: 'switched' };
  });
}
