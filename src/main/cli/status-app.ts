import type { CellAppStatus } from '../../shared/app-status/app-status';
import { gitpodTokenSchema } from '../../shared/app-status/app-status-ipc';
import { AppHistoryStore } from '../core/app-status/app-history-store';
import { type AppCellConfig, AppStatusService } from '../core/app-status/app-status-service';
import type { GitpodHttpOptions } from '../core/app-status/gitpod-http';
import { singleTokenVault } from '../core/app-status/token-vault';
import { createMemoryLogger } from '../core/log/logger';
import { systemTimers } from '../core/refresh/timers';
import type { CliIo } from './cli-io';

/** The environment variable the CLI reads a Gitpod personal access token from; never a flag. */
export const TOKEN_ENV = 'GITPOD_TOKEN';

export interface CliAppOptions {
  /**
   * HTTPS options for the cells' web addresses. Absent in use: Node's roots plus whatever
   * NODE_EXTRA_CA_CERTS names (a company CA), which Node reads at start.
   */
  readonly http?: GitpodHttpOptions;
}

/**
 * GITPOD_TOKEN, when it may be used: a token belongs to one Gitpod installation, so it is sent
 * only when one cell is checked; a value that is not a Gitpod token is not sent anywhere.
 * The notes go to stderr and never quote the value.
 */
export function cliToken(env: NodeJS.ProcessEnv, cellsWithDomain: number, io: CliIo): string | null {
  const raw = env[TOKEN_ENV];
  if (raw === undefined || raw.trim() === '') return null;
  const parsed = gitpodTokenSchema.safeParse(raw);
  if (!parsed.success) {
    io.err(
      `dedicated-admin: ${TOKEN_ENV} is not a Gitpod personal access token (gitpod_pat_…); it was not used.`,
    );
    return null;
  }
  if (cellsWithDomain > 1) {
    io.err(
      `dedicated-admin: ${TOKEN_ENV} is used for one cell at a time (a token belongs to one Gitpod installation): pass --cell NAME to see that cell's maintenance.`,
    );
    return null;
  }
  return parsed.data;
}

/**
 * One check of each cell's application, no polling: version, health and, with a token,
 * maintenance. Nothing is written: the history lives in memory for this one run. A single
 * failed check counts as unreachable here, since there is no second one to confirm it.
 */
export async function checkCliAppStatus(
  cells: readonly AppCellConfig[],
  token: string | null,
  options: CliAppOptions = {},
): Promise<CellAppStatus[]> {
  const logger = createMemoryLogger();
  const service = new AppStatusService({
    tokens: singleTokenVault(token),
    history: AppHistoryStore.inMemory(logger),
    timers: systemTimers,
    logger,
    outageAfter: 1,
    ...(options.http ? { http: options.http } : {}),
  });
  service.setCells(cells);
  return (await service.checkAll()).cells;
}
