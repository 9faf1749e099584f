import { createHash } from 'node:crypto';
import type { Cell } from '../../shared/cells/cell';
import type { CellCheck } from '../../shared/cells/cell-check';
import type { StackKind } from '../../shared/cells/stack-report';
import type { UpdateToApply } from '../../shared/updates/pending-update';
import { appError } from '../core/errors/app-error';
import { describeError, type Logger } from '../core/log/logger';
import { type ImportedTemplate, isImportAddress } from '../core/templates/import-source';
import { expectTemplateKind } from '../core/templates/template-kind';
import { deadlineState } from '../core/updates/deadline';
import { type ImportClientFactory, readImportAddresses } from '../core/updates/import-addresses';
import type { ImportTemplate } from '../core/updates/import-update';
import { MemoryLedger } from '../core/updates/notification-ledger';
import { collapseUpdates } from '../core/updates/pending-updates';
import { importUpdateId } from '../core/updates/update-ids';
import type { UpdateStore } from '../core/updates/update-store';
import { UpdatesService } from '../core/updates/updates-service';
import { CliFailure } from './cli-io';
import { readLocalFile } from './import-command';
import { pendingForCli, readCliImports } from './status-updates';

/** Release + 14 days: the deadline an ad-hoc template gets, like an import without a stated date. */
const DEADLINE_DAYS = 14;

/** What `apply` found to do for the cell. */
export type ApplyChoice =
  | { readonly kind: 'apply'; readonly update: UpdateToApply }
  | { readonly kind: 'up-to-date'; readonly message: string };

/** An ad-hoc template held in memory for the run (a cell not set up in the app). */
export interface HeldTemplate {
  readonly updateId: string;
  readonly kind: StackKind;
  readonly text: string;
}

/**
 * A stable id for a cell given by --profile/--region: the same account and region get the same
 * id, so its unfinished run is found again by the next `apply` (a cell id must be a UUID).
 */
export function unsavedCellId(accountId: string, region: string): string {
  const hex = createHash('sha256')
    .update(`dedicated-admin unsaved cell\n${accountId}\n${region}`)
    .digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The cell a --profile/--region check found, as the run journals it. */
export function unsavedCell(check: CellCheck, profile: string | undefined): Cell {
  if (!check.account) throw new CliFailure(`${check.name}: the credentials did not resolve to an account`);
  const role = check.stacks.find((stack) => stack.kind === 'role' && stack.found);
  const instance = check.stacks.find((stack) => stack.kind === 'instance' && stack.found);
  return {
    id: unsavedCellId(check.account, check.region),
    name: check.name.slice(0, 60),
    region: check.region,
    accountId: check.account,
    ...(profile ? { profile } : {}),
    ...(role ? { roleStack: role.name } : {}),
    ...(instance ? { instanceStack: instance.name } : {}),
  };
}

/** The --template argument read like `import` reads it: a file, or https:// / s3:// with the cell's credentials. */
export async function readTemplateArgument(
  value: string,
  kind: StackKind,
  cell: Cell,
  createClients: ImportClientFactory,
): Promise<ImportTemplate> {
  const read = isImportAddress(value)
    ? await readImportAddresses(cell, [{ address: value, kind }], createClients)
    : await readLocalFile(value, kind);
  const template = read[0];
  if (!template) throw new CliFailure(`${value}: no template was read`);
  return template;
}

function stackOf(cell: Cell, kind: StackKind): string {
  const name = kind === 'role' ? cell.roleStack : cell.instanceStack;
  if (!name) {
    throw appError(
      `no-${kind}-stack`,
      `The cell ${cell.name} has no ${kind} stack, so there is nothing to apply a ${kind} template to.`,
      `Give the template of a stack the cell has (status lists them), or add the ${kind} stack to the cell in the app's Settings → Cells.`,
    );
  }
  return name;
}

function upToDate(cell: Cell, kind: StackKind, template: ImportedTemplate): ApplyChoice {
  return {
    kind: 'up-to-date',
    message: `${cell.name} is already up to date: ${stackOf(cell, kind)} runs ${template.name} (sha256 ${template.sha256}). Nothing was changed.`,
  };
}

function adHocLabel(name: string): string {
  return `${name} (applied from the command line)`.slice(0, 200);
}

export interface ChooseDeps {
  readonly io: { readonly env: NodeJS.ProcessEnv };
  readonly store: () => Promise<UpdateStore>;
  readonly logger: Logger;
  readonly now: () => Date;
}

/**
 * A template for a cell set up in the app is imported first (or found imported before), so the
 * template is kept in the app's updates file: the run can then be resumed by the app as well as
 * here, and the app shows it as the update it is until it is applied.
 */
async function importedTemplate(
  cell: Cell,
  check: CellCheck,
  template: ImportTemplate,
  kind: StackKind,
  deps: ChooseDeps,
): Promise<ApplyChoice> {
  const now = deps.now();
  const store = await deps.store();
  const id = importUpdateId(cell.id, [template.template.fingerprint]);
  const service = new UpdatesService({
    store,
    ledger: new MemoryLedger(),
    cells: () => [{ cell, check }],
    logger: deps.logger,
    now: deps.now,
  });
  if (!store.imports().some((stored) => stored.id === id)) {
    const outcome = await service.importTemplates(cell.id, [template], {
      label: adHocLabel(template.template.name),
    });
    if (outcome.status === 'already-applied') {
      return upToDate(cell, kind, template.template);
    }
  }
  const pending = pendingForCli(cell, check, store.imports(), now).find((update) => update.id === id);
  const update = pending ? collapseUpdates([pending], now) : null;
  if (!update) {
    return upToDate(cell, kind, template.template);
  }
  return { kind: 'apply', update };
}

/** A template for a cell not set up in the app: checked here, held in memory for the run. */
function heldTemplate(
  cell: Cell,
  check: CellCheck,
  template: ImportTemplate,
  kind: StackKind,
  now: Date,
): { choice: ApplyChoice; held?: HeldTemplate } {
  const { template: read } = template;
  expectTemplateKind(read.template, kind, read.name);
  const stackName = stackOf(cell, kind);
  const deployed = check.updateSignals?.deployedTemplates.find((entry) => entry.stackKind === kind);
  if (deployed && deployed.fingerprint === read.fingerprint) {
    return {
      choice: upToDate(cell, kind, read),
    };
  }
  const updateId = importUpdateId(cell.id, [read.fingerprint]);
  const deadline = new Date(now.getTime() + DEADLINE_DAYS * 86_400_000);
  return {
    choice: {
      kind: 'apply',
      update: {
        cellId: cell.id,
        cellName: cell.name,
        label: adHocLabel(read.name),
        releasedAt: now.toISOString(),
        deadline: deadline.toISOString(),
        state: deadlineState(deadline, now),
        covers: [updateId],
        stacks: [
          {
            kind,
            stackName,
            updateId,
            source: 'import',
            templateSha256: read.sha256,
            templateName: read.name.slice(0, 255),
          },
        ],
      },
    },
    held: { updateId, kind, text: read.text },
  };
}

/**
 * Records in the app's updates file what a check of the cell shows, as the app does after each
 * of its checks: imports whose templates the stacks run go to History and stop being pending.
 * Without it, an import applied here would look pending again (to this CLI, which keeps no
 * state of its own) once a newer template replaced it, and could be applied back. A failure is
 * only reported: the app records the same at its next check.
 */
export async function recordWhatTheCellRuns(
  cell: Cell,
  check: () => Promise<CellCheck>,
  deps: Omit<ChooseDeps, 'io'>,
): Promise<void> {
  try {
    const seen = await check();
    if (seen.errors.length > 0) throw new Error(seen.errors[0]?.message);
    const service = new UpdatesService({
      store: await deps.store(),
      ledger: new MemoryLedger(),
      cells: () => [{ cell, check: seen }],
      logger: deps.logger,
      now: deps.now,
    });
    await service.sync();
  } catch (error) {
    deps.logger.warn(
      `${cell.name}: what the stacks run could not be recorded in the updates file (${describeError(error)}); the app records it at its next check.`,
    );
  }
}

export interface ChooseInput {
  readonly cell: Cell;
  /** False for a cell given by --profile/--region. */
  readonly saved: boolean;
  readonly check: CellCheck;
  readonly update?: string;
  readonly template?: { readonly read: ImportTemplate; readonly kind: StackKind };
}

/**
 * What to apply: the ad-hoc template, the pending update asked for, or the cell's update to
 * apply (its pending updates collapsed: the newest template or change set for each stack, the
 * role stack first, due at the earliest deadline).
 */
export async function chooseUpdate(
  input: ChooseInput,
  deps: ChooseDeps,
): Promise<{ choice: ApplyChoice; held?: HeldTemplate }> {
  const { cell, check } = input;
  const now = deps.now();
  if (input.template) {
    const { read, kind } = input.template;
    if (input.saved) return { choice: await importedTemplate(cell, check, read, kind, deps) };
    return heldTemplate(cell, check, read, kind, now);
  }
  const imports = input.saved ? await readCliImports(deps.io.env) : { imports: [], problem: null };
  if (imports.problem) deps.logger.warn(imports.problem);
  const pending = pendingForCli(cell, check, imports.imports, now);
  if (input.update) {
    const wanted = pending.find((update) => update.id === input.update);
    if (!wanted) {
      throw new CliFailure(
        `${cell.name} has no pending update ${input.update} (pending: ${pending.map((update) => `${update.id} "${update.label}"`).join(', ') || 'none'})`,
      );
    }
    const update = collapseUpdates([wanted], now);
    if (update) return { choice: { kind: 'apply', update } };
  }
  const update = collapseUpdates(pending, now);
  if (!update) {
    return {
      choice: {
        kind: 'up-to-date',
        message: `${cell.name} is already up to date: no infrastructure update is pending for it. Nothing was changed.`,
      },
    };
  }
  return { choice: { kind: 'apply', update } };
}
