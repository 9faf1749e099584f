import type { CalendarSaved, ImportSourceRequest } from '../../shared/updates/update-ipc';
import { type AwsClients, createAwsClients } from '../core/aws/clients';
import type { CellsService } from '../core/cells/cells-service';
import { appError } from '../core/errors/app-error';
import { readImportAddresses } from '../core/updates/import-addresses';
import { readImportFiles } from '../core/updates/import-update';
import type { UpdatesService } from '../core/updates/updates-service';
import type { IpcRegistry } from '../ipc/registry';

/** Asks the admin where to save a file, then writes it; the OS dialog lives in the shell. */
export type SaveFile = (defaultName: string, text: string) => Promise<CalendarSaved>;

export interface UpdatesHandlerDeps {
  readonly updates: UpdatesService;
  readonly cells: CellsService;
  readonly saveFile: SaveFile;
  /** AWS clients for reading an S3 address with the cell's credentials (default: the SDK's). */
  readonly createClients?: (options: { profile?: string; region: string }) => AwsClients;
}

/**
 * Pending updates over IPC. Importing reads templates (files, https, S3) and stores them;
 * nothing here changes a stack — applying is the guided apply's job, behind its confirmation.
 */
export function registerUpdatesHandlers(registry: IpcRegistry, deps: UpdatesHandlerDeps): void {
  const { updates } = deps;
  const createClients = deps.createClients ?? createAwsClients;
  registry.handle('updates', 'list', () => updates.state());
  registry.handle('updates', 'import', async ({ cellId, meta, sources }) => {
    const cell = deps.cells.state().cells.find((view) => view.cell.id === cellId)?.cell;
    if (!cell) throw appError('cell-not-found', 'That cell no longer exists.', 'Reload the dashboard.');
    const files = readImportFiles(
      sources.flatMap((source) =>
        source.kind === 'file'
          ? [
              {
                name: source.name,
                bytes: Buffer.from(source.contentBase64, 'base64'),
                ...(source.stack ? { kind: source.stack } : {}),
              },
            ]
          : [],
      ),
    );
    const addresses = sources.filter(
      (source): source is Extract<ImportSourceRequest, { kind: 'address' }> => source.kind === 'address',
    );
    const fetched = await readImportAddresses(
      cell,
      addresses.map((source) => ({ address: source.address, kind: source.stack })),
      createClients,
    );
    return updates.importTemplates(cellId, [...files, ...fetched], meta);
  });
  registry.handle('updates', 'removeImport', async ({ id }) => {
    await updates.removeImport(id);
    return updates.state();
  });
  registry.handle('updates', 'snooze', async ({ id, until }) => {
    await updates.snooze(id, new Date(until));
    return updates.state();
  });
  registry.handle('updates', 'unsnooze', async ({ id }) => {
    await updates.unsnooze(id);
    return updates.state();
  });
  registry.handle('updates', 'saveCalendar', async ({ id }) => {
    const { fileName, text } = updates.calendarFor(id);
    return deps.saveFile(fileName, text);
  });
  registry.handle('updates', 'dismissNotice', () => updates.dismissNotice());
}
