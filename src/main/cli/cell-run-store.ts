import type { ApplyJournalNotice } from '../../shared/apply/run';
import type { RunStore } from '../core/apply/journal/run-journal';
import type { RunRecord } from '../core/apply/journal/run-record';

/**
 * The app's run journal as one cell's `apply` sees it. ApplyRunner.open resumes every
 * unfinished run it lists; the CLI must drive only the cell it was asked about, never another
 * cell's run (which the app, or another terminal, may be driving). Lookups and writes still go
 * to the whole journal, so run ids stay unique and History gets the run.
 */
export class CellRunStore implements RunStore {
  constructor(
    private readonly journal: RunStore,
    private readonly cellId: string,
  ) {}

  list(): readonly RunRecord[] {
    return this.journal.list().filter((record) => record.cell.id === this.cellId);
  }

  get(id: string): RunRecord | undefined {
    return this.journal.get(id);
  }

  save(record: RunRecord): Promise<void> {
    return this.journal.save(record);
  }

  notices(): readonly ApplyJournalNotice[] {
    return this.journal.notices();
  }
}
