import type { CellCheck } from '../../shared/cells/cell-check';
import type { PendingUpdate } from '../../shared/updates/pending-update';
import { defaultRegion, listProfiles } from '../core/aws/profiles';
import { CellChecker } from '../core/cells/cell-checker';
import { CliFailure, type CliIo } from './cli-io';
import { findCell, savedCells } from './saved-cells';
import { formatStatusTable, toStatusJson } from './status-report';
import { pendingForCli, readCliImports, unsavedCellRef } from './status-updates';

export interface StatusOptions {
  cell?: string;
  profile?: string;
  region?: string;
  json: boolean;
}

async function regionFor(options: StatusOptions, env: NodeJS.ProcessEnv): Promise<string> {
  if (options.region) return options.region;
  const region = defaultRegion(env, await listProfiles({ env }), options.profile);
  if (!region) throw new CliFailure('no region: pass --region, set AWS_REGION, or give the profile a region');
  return region;
}

export async function runStatus(
  options: StatusOptions,
  io: CliIo,
  checker = new CellChecker(),
): Promise<number> {
  let checks: CellCheck[];
  let pending: PendingUpdate[][];
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
    } else {
      const cells = await savedCells(io.env);
      const chosen = options.cell ? [findCell(cells, options.cell)] : cells;
      if (chosen.length === 0) {
        throw new CliFailure('no cells are set up: add one in the app, or pass --profile and --region');
      }
      checks = await Promise.all(chosen.map((cell) => checker.check(cell)));
      pending = checks.map((check, index) =>
        pendingForCli(chosen[index] ?? unsavedCellRef(check), check, imports.imports, now),
      );
    }
  } finally {
    checker.dispose();
  }
  io.out(
    options.json
      ? JSON.stringify(toStatusJson(checks, pending), null, 2)
      : formatStatusTable(checks, pending, now),
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
