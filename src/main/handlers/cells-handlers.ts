import type { AwsSetup } from '../../shared/cells/profiles';
import { readAwsSetup } from '../core/aws/aws-setup';
import type { CellsService } from '../core/cells/cells-service';
import { describeError, type Logger } from '../core/log/logger';
import type { IpcRegistry } from '../ipc/registry';

export interface CellsHandlerDeps {
  readonly cells: CellsService;
  readonly readAwsSetup: () => Promise<AwsSetup>;
  /** Starts a check of one cell without waiting for it: a cell just added or edited. */
  readonly checkInBackground: (id: string) => void;
}

/** The deps as the app and the test bridge both wire them. */
export function cellsHandlerDeps(cells: CellsService, logger: Logger): CellsHandlerDeps {
  return {
    cells,
    readAwsSetup: () => readAwsSetup(),
    checkInBackground: (id) => {
      cells
        .checkOne(id)
        .catch((error: unknown) => logger.warn(`cells: check failed: ${describeError(error)}`));
    },
  };
}

/**
 * Cells over IPC. Nothing here changes AWS: discovery, checks and events only read. Saving a
 * cell answers at once and checks it in the background; the result arrives as cellsChanged.
 */
export function registerCellsHandlers(registry: IpcRegistry, deps: CellsHandlerDeps): void {
  const { cells } = deps;
  registry.handle('aws', 'getSetup', () => deps.readAwsSetup());
  registry.handle('cells', 'list', () => cells.state());
  registry.handle('cells', 'discover', (request) => cells.discover(request));
  registry.handle('cells', 'add', async (draft) => {
    const { cell } = await cells.add(draft);
    deps.checkInBackground(cell.id);
    return cells.state();
  });
  registry.handle('cells', 'update', async (cell) => {
    await cells.update(cell);
    deps.checkInBackground(cell.id);
    return cells.state();
  });
  registry.handle('cells', 'remove', ({ id }) => cells.remove(id));
  registry.handle('cells', 'check', ({ id }) => (id ? cells.checkOne(id) : cells.checkAll()));
  registry.handle('cells', 'events', ({ id, kind }) => cells.recentEvents(id, kind));
  registry.handle('cells', 'dismissNotice', () => cells.dismissNotice());
}
