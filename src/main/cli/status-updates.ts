import type { CellCheck } from '../../shared/cells/cell-check';
import type { PendingUpdate } from '../../shared/updates/pending-update';
import type { CellRef } from '../core/updates/import-update';
import { evaluateCell } from '../core/updates/pending-updates';
import { readUpdatesFile, type StoredImport, updatesFilePath } from '../core/updates/update-file';

export interface CliImports {
  readonly imports: readonly StoredImport[];
  /** Set when the updates file could not be used as it is; the line goes to stderr. */
  readonly problem: string | null;
  /** True when imported updates could not be read at all: the status is then incomplete. */
  readonly failed: boolean;
}

/**
 * The imported updates, read without changing the file: like the settings, the CLI never
 * backs up, repairs or rewrites what the app owns.
 */
export async function readCliImports(env: NodeJS.ProcessEnv): Promise<CliImports> {
  const path = updatesFilePath(env);
  const read = await readUpdatesFile(path);
  switch (read.kind) {
    case 'missing':
      return { imports: [], problem: null, failed: false };
    case 'ok':
      return { imports: read.file.imports, problem: null, failed: false };
    case 'salvaged':
      return { imports: read.file.imports, problem: `${path}: ${read.problem}`, failed: false };
    case 'unusable':
      return {
        imports: [],
        problem: `${path} could not be used (${read.problem}); imported updates are not shown. Open the app to repair it.`,
        failed: true,
      };
    case 'future-version':
      return {
        imports: [],
        problem: `${path} was written by a newer Dedicated Admin (version ${read.version}); imported updates are not shown.`,
        failed: true,
      };
  }
}

/** A cell set up only by --profile/--region: its stacks are the ones the check found. */
export function unsavedCellRef(check: CellCheck): CellRef {
  return {
    id: `unsaved:${check.name}`.slice(0, 64),
    name: check.name,
    roleStack: check.stacks.find((s) => s.kind === 'role')?.name,
    instanceStack: check.stacks.find((s) => s.kind === 'instance')?.name,
  };
}

/**
 * A cell's pending updates as one check shows them. Stateless: vendor change sets pending
 * now, and imports whose templates the stacks do not run yet. (What the app remembers between
 * checks, such as change sets seen before, only matters for telling applied from withdrawn.)
 */
export function pendingForCli(
  cell: CellRef,
  check: CellCheck,
  imports: readonly StoredImport[],
  now: Date,
): PendingUpdate[] {
  return evaluateCell({
    cell,
    check,
    imports: imports.filter((i) => i.cellId === cell.id),
    tracked: [],
    snoozes: new Map(),
    now,
  }).pending;
}
