import type { Cell } from '../../shared/cells/cell';
import type { CellCheck } from '../../shared/cells/cell-check';
import type { PendingUpdate } from '../../shared/updates/pending-update';
import { defaultRegion, listProfiles } from '../core/aws/profiles';
import { CellChecker } from '../core/cells/cell-checker';
import { describeSettingsProblem, loadSettings } from '../core/cells/settings';
import { FileSettingsBackend } from '../core/cells/settings-backend';
import { settingsFilePath } from '../core/cells/settings-path';
import { formatStatusTable, toStatusJson } from './status-report';
import { pendingForCli, readCliImports, unsavedCellRef } from './status-updates';

export interface StatusOptions {
  cell?: string;
  profile?: string;
  region?: string;
  json: boolean;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

export class CliFailure extends Error {
  override readonly name = 'CliFailure';
}

/**
 * Reads the app's settings without changing them: the CLI never backs up, migrates or
 * rewrites the file the app owns. A problem is reported and the command stops.
 */
async function savedCells(env: NodeJS.ProcessEnv): Promise<Cell[]> {
  const backend = new FileSettingsBackend(settingsFilePath(env));
  const raw = await backend.read();
  if (raw.kind === 'missing') return [];
  if (raw.kind === 'unreadable') {
    throw new CliFailure(
      `${describeSettingsProblem({ kind: 'unreadable', detail: raw.detail })} (${backend.path})`,
    );
  }
  const loaded = loadSettings(raw.data);
  if (loaded.problem) throw new CliFailure(`${describeSettingsProblem(loaded.problem)} (${backend.path})`);
  return loaded.settings.cells;
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
      const chosen = options.cell
        ? cells.filter((c) => c.name.toLowerCase() === options.cell?.toLowerCase())
        : cells;
      if (options.cell && chosen.length === 0) {
        throw new CliFailure(
          `no cell named "${options.cell}" (known: ${cells.map((c) => c.name).join(', ') || 'none'})`,
        );
      }
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
