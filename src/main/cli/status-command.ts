import type { CellAppStatus } from '../../shared/app-status/app-status';
import type { Cell } from '../../shared/cells/cell';
import type { CellCheck } from '../../shared/cells/cell-check';
import type { PendingUpdate } from '../../shared/updates/pending-update';
import type { AppCellConfig } from '../core/app-status/app-status-service';
import { defaultRegion, listProfiles } from '../core/aws/profiles';
import { CellChecker } from '../core/cells/cell-checker';
import { CliFailure, type CliIo } from './cli-io';
import { findCell, savedCells } from './saved-cells';
import { type CliAppOptions, checkCliAppStatus, cliToken } from './status-app';
import { formatStatusTable, toStatusJson } from './status-report';
import { pendingForCli, readCliImports, unsavedCellRef } from './status-updates';

export interface StatusOptions {
  cell?: string;
  profile?: string;
  region?: string;
  domain?: string;
  org?: string;
  json: boolean;
}

export interface StatusDeps {
  /** The AWS side; tests pass a scripted one. */
  readonly checker?: Pick<CellChecker, 'check' | 'checkUnsaved' | 'dispose'>;
  /** Live cell status: HTTPS options (tests pass the Gitpod test server's CA). */
  readonly app?: CliAppOptions;
}

/** What to ask the cell's web address: the cell's own domain and organization, or the flags'. */
function appTarget(cellId: string, name: string, cell: Cell | null, options: StatusOptions): AppCellConfig {
  const domain = options.domain ?? cell?.domain;
  const organizationId = options.org ?? cell?.organizationId;
  return {
    cellId,
    name,
    ...(domain ? { domain } : {}),
    ...(organizationId ? { organizationId } : {}),
  };
}

async function regionFor(options: StatusOptions, env: NodeJS.ProcessEnv): Promise<string> {
  if (options.region) return options.region;
  const region = defaultRegion(env, await listProfiles({ env }), options.profile);
  if (!region) throw new CliFailure('no region: pass --region, set AWS_REGION, or give the profile a region');
  return region;
}

export async function runStatus(options: StatusOptions, io: CliIo, deps: StatusDeps = {}): Promise<number> {
  const checker = deps.checker ?? new CellChecker();
  let checks: CellCheck[];
  let pending: PendingUpdate[][];
  let targets: AppCellConfig[];
  const imports = await readCliImports(io.env);
  const now = new Date();
  try {
    if (options.profile || options.region) {
      checks = [
        await checker.checkUnsaved({
          region: await regionFor(options, io.env),
          ...(options.profile ? { profile: options.profile } : {}),
        }),
      ];
      pending = checks.map((check) => pendingForCli(unsavedCellRef(check), check, [], now));
      targets = checks.map((check) => appTarget(unsavedCellRef(check).id, check.name, null, options));
    } else {
      const cells = await savedCells(io.env);
      const chosen = options.cell ? [findCell(cells, options.cell)] : cells;
      if (chosen.length === 0) {
        throw new CliFailure('no cells are set up: add one in the app, or pass --profile and --region');
      }
      if ((options.domain || options.org) && chosen.length > 1) {
        throw new CliFailure(
          '--domain and --org are for one cell: add --cell NAME (or use --profile and --region)',
        );
      }
      checks = await Promise.all(chosen.map((cell) => checker.check(cell)));
      pending = checks.map((check, index) =>
        pendingForCli(chosen[index] ?? unsavedCellRef(check), check, imports.imports, now),
      );
      targets = chosen.map((cell) => appTarget(cell.id, cell.name, cell, options));
    }
  } finally {
    checker.dispose();
  }
  // Live cell status: one check of each cell's web address, after the AWS checks.
  const token = cliToken(io.env, targets.filter((target) => target.domain).length, io);
  const apps: CellAppStatus[] = await checkCliAppStatus(targets, token, deps.app);
  io.out(
    options.json
      ? JSON.stringify(toStatusJson(checks, pending, apps), null, 2)
      : formatStatusTable(checks, pending, now, undefined, apps),
  );
  if (imports.problem) io.err(`dedicated-admin: ${imports.problem}`);
  const failed = checks.filter((check) => check.errors.length > 0);
  if (failed.length > 0) {
    const first = failed[0]?.errors[0];
    io.err(`dedicated-admin: ${failed.length} of ${checks.length} cells had errors: ${first?.message ?? ''}`);
    return 1;
  }
  // Pending updates are not a failure; imported updates that could not be read are.
  return imports.failed ? 1 : 0;
}
