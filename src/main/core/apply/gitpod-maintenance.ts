import type { AppProblem } from '../../../shared/app-status/app-status';
import type { Cell } from '../../../shared/cells/cell';
import type { AppError, Result } from '../../../shared/errors';
import { createCellClient } from '../app-status/gitpod-api';
import { cellOrigin, GitpodHttp, type GitpodHttpOptions } from '../app-status/gitpod-http';
import {
  type MaintenanceAccess,
  maintenanceSwitchIsOn,
  type SwitchOutcome,
  setMaintenanceSwitch,
} from '../app-status/maintenance-switch';
import type { TokenVault } from '../app-status/token-vault';
import type { MaintenancePort } from './run/run-ports';

export interface GitpodMaintenanceOptions {
  /** The cells' owner tokens (safeStorage in the app, GITPOD_TOKEN in the CLI). */
  readonly tokens: TokenVault;
  /** HTTPS options for the cells' domains (tests: the Gitpod test server's CA). */
  readonly http?: GitpodHttpOptions;
}

function toAppError(problem: AppProblem): AppError {
  return {
    code: problem.code ? `${problem.kind}:${problem.code}`.slice(0, 64) : problem.kind,
    message: problem.message,
    ...(problem.fix ? { nextStep: problem.fix } : {}),
  };
}

function toResult<T>(outcome: SwitchOutcome<T>): Result<T> {
  return outcome.ok ? { ok: true, value: outcome.value } : { ok: false, error: toAppError(outcome.problem) };
}

/** The apply run's maintenance switches, over the cell's Gitpod API with its stored token. */
export function gitpodMaintenance(options: GitpodMaintenanceOptions): MaintenancePort {
  const access = (cell: Cell): Result<MaintenanceAccess> => {
    if (!cell.domain) {
      return {
        ok: false,
        error: {
          code: 'no-domain',
          message: `${cell.name} has no domain, so its Gitpod maintenance cannot be switched.`,
          nextStep: 'Add the cell’s domain in its settings.',
        },
      };
    }
    const origin = cellOrigin(cell.domain);
    if (!origin.ok) return { ok: false, error: toAppError(origin.problem) };
    return {
      ok: true,
      value: {
        client: createCellClient(new GitpodHttp(origin.value, options.http)),
        tokens: options.tokens,
        cellId: cell.id,
        ...(cell.organizationId ? { organizationId: cell.organizationId } : {}),
      },
    };
  };
  return {
    async isOn(cell, which) {
      const reached = access(cell);
      return reached.ok ? toResult(await maintenanceSwitchIsOn(reached.value, which)) : reached;
    },
    async set(cell, which, on, text) {
      const reached = access(cell);
      return reached.ok ? toResult(await setMaintenanceSwitch(reached.value, which, on, text)) : reached;
    },
  };
}
