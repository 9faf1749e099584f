import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { StackKind } from '../../shared/cells/stack-report';
import type { ImportOutcome } from '../../shared/updates/pending-update';
import { createAwsClients } from '../core/aws/clients';
import { CellChecker } from '../core/cells/cell-checker';
import { appError } from '../core/errors/app-error';
import { createLogger, type Logger } from '../core/log/logger';
import { isImportAddress } from '../core/templates/import-source';
import { describeDeadline } from '../core/updates/deadline';
import { type ImportClientFactory, readImportAddresses } from '../core/updates/import-addresses';
import { type ImportTemplate, readImportFiles } from '../core/updates/import-update';
import { MemoryLedger } from '../core/updates/notification-ledger';
import { updatesFilePath } from '../core/updates/update-file';
import { UpdateStore } from '../core/updates/update-store';
import { UpdatesService } from '../core/updates/updates-service';
import type { CliIo } from './cli-io';
import type { ImportCommand } from './parse-args';
import { findCell, savedCells } from './saved-cells';

export interface ImportDeps {
  readonly checker?: CellChecker;
  readonly createClients?: ImportClientFactory;
  readonly now?: () => Date;
}

/** Warnings (a repaired updates file, say) go to stderr; the app's log file is the app's. */
export function stderrLogger(io: CliIo): Logger {
  return createLogger({
    write: (level, message) => {
      if (level === 'warn' || level === 'error') io.err(`dedicated-admin: ${message}`);
    },
  });
}

/** A template file given on the command line, read like the app reads a picked file. */
export async function readLocalFile(path: string, kind: StackKind): Promise<ImportTemplate[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw appError(
      'import-file-unreadable',
      code === 'ENOENT'
        ? `There is no file ${path}.`
        : code === 'EISDIR'
          ? `${path} is a folder, not a template file.`
          : `${path} could not be read (${code ?? 'read failed'}).`,
      `Give the path of the ${kind} template Gitpod sent, or its https:// or s3:// address.`,
    );
  }
  return readImportFiles([{ name: basename(path), bytes, kind }]);
}

function outcomeText(cellName: string, label: string, outcome: ImportOutcome, now: Date): string {
  const lines = outcome.templates.map(
    (t) =>
      `  ${t.kind} template ${t.name} → stack ${t.stackName}  sha256 ${t.sha256}${t.applied ? ' (already running)' : ''}`,
  );
  if (outcome.status === 'already-applied') {
    return [
      `"${label}" is already applied to ${cellName}: its stacks run these templates. Recorded in History.`,
      ...lines,
    ].join('\n');
  }
  const update = outcome.update;
  const due = update ? describeDeadline(new Date(update.deadline), now) : null;
  return [
    `Imported "${label}" for ${cellName}.`,
    ...lines,
    ...(due ? [`Due ${due.absolute} (${due.relative}).${due.meaning ? ` ${due.meaning}` : ''}`] : []),
    'Open Dedicated Admin to review and apply it; the app shows it at its next check.',
  ].join('\n');
}

/**
 * `dedicated-admin import`: reads the templates (files, https or S3 with the cell's
 * credentials), checks each is the template of the stack it is given for, compares them with
 * what the stacks run, and records the update in the app's updates file. Nothing is stored when
 * anything is wrong; nothing in AWS is changed.
 */
export async function runImport(command: ImportCommand, io: CliIo, deps: ImportDeps = {}): Promise<number> {
  const now = deps.now ?? (() => new Date());
  const createClients = deps.createClients ?? createAwsClients;
  const cell = findCell(await savedCells(io.env), command.cell);

  const given: Array<{ kind: StackKind; value: string }> = [];
  if (command.role) given.push({ kind: 'role', value: command.role });
  if (command.instance) given.push({ kind: 'instance', value: command.instance });
  const templates: ImportTemplate[] = [];
  for (const { kind, value } of given) {
    templates.push(
      ...(isImportAddress(value)
        ? await readImportAddresses(cell, [{ address: value, kind }], createClients)
        : await readLocalFile(value, kind)),
    );
  }

  const checker = deps.checker ?? new CellChecker(createClients);
  let check: Awaited<ReturnType<CellChecker['check']>>;
  try {
    check = await checker.check(cell);
  } finally {
    checker.dispose();
  }
  for (const error of check.errors) {
    io.err(
      `dedicated-admin: ${cell.name}: ${error.message} (so it is not known yet whether the stacks run it)`,
    );
  }

  const logger = stderrLogger(io);
  const store = await UpdateStore.open(updatesFilePath(io.env), { logger, now });
  const service = new UpdatesService({
    store,
    ledger: new MemoryLedger(),
    cells: () => [{ cell, check }],
    logger,
    now,
  });
  const label =
    command.label ?? `Infrastructure update of ${command.released ?? now().toISOString().slice(0, 10)}`;
  const outcome = await service.importTemplates(cell.id, templates, {
    label,
    ...(command.released ? { releasedAt: command.released } : {}),
  });
  io.out(command.json ? JSON.stringify(outcome, null, 2) : outcomeText(cell.name, label, outcome, now()));
  return 0;
}
