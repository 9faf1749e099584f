import type { ApplyService } from '../core/apply/apply-service';
import type { IpcRegistry } from '../ipc/registry';
import type { SaveFile } from './updates-handlers';

export interface ApplyHandlerDeps {
  readonly apply: ApplyService;
  /** The OS save dialog, for the evidence and review exports. */
  readonly saveFile: SaveFile;
}

/**
 * The guided apply over IPC. The requests are validated by the contract before they arrive;
 * the runner refuses what the run is not waiting for (a confirmation that does not name the
 * stack and the account, input after the change set exists), so no call here acts on AWS by
 * surprise.
 */
export function registerApplyHandlers(registry: IpcRegistry, deps: ApplyHandlerDeps): void {
  const { apply } = deps;
  registry.handle('apply', 'list', () => apply.state());
  registry.handle('apply', 'get', ({ runId }) => apply.view(runId));
  registry.handle('apply', 'start', ({ cellId, maintenance }) => apply.start(cellId, maintenance));
  registry.handle('apply', 'provideInput', (request) => apply.provideInput(request));
  registry.handle('apply', 'getReview', ({ runId, stackIndex }) => apply.review(runId, stackIndex));
  registry.handle('apply', 'confirm', (request) => apply.confirm(request));
  registry.handle('apply', 'recover', (request) => apply.recover(request));
  registry.handle('apply', 'resume', ({ runId }) => apply.resume(runId));
  registry.handle('apply', 'cancel', ({ runId }) => apply.cancel(runId));
  registry.handle('apply', 'endMaintenance', ({ runId }) => apply.endMaintenance(runId));
  registry.handle('apply', 'exportRun', ({ runId, format }) => {
    const { fileName, text } = apply.evidence(runId, format);
    return deps.saveFile(fileName, text);
  });
  registry.handle('apply', 'exportReview', async ({ runId, stackIndex, format }) => {
    const { fileName, text } = await apply.reviewFile(runId, stackIndex, format);
    return deps.saveFile(fileName, text);
  });
}
