import { describe, expect, it } from 'vitest';
import { applyRun, RUN_ID } from '../test/apply-fixtures';
import { CELL_ID } from '../test/cell-fixtures';
import { applyState, updatesState } from '../test/fake-api';
import { cellUpdates, importedUpdate, pendingUpdate } from '../test/update-fixtures';
import { resolveApplyTarget } from './resolve-target';

const imported = importedUpdate();
const vendor = pendingUpdate();
const updates = updatesState({ cells: [cellUpdates([vendor, imported])] });

describe('apply/resolve-target', () => {
  it('a cell id or the id of one of its pending updates names the cell', () => {
    for (const itemId of [CELL_ID, imported.id, vendor.id]) {
      const target = resolveApplyTarget(itemId, applyState(), updates);
      expect(target.kind === 'cell' && target.cell.cellId).toBe(CELL_ID);
    }
  });

  it('a cell (or update) with an unfinished run resolves to that run', () => {
    const state = applyState({ active: [applyRun()] });
    expect(resolveApplyTarget(CELL_ID, state, updates)).toEqual({ kind: 'run', runId: RUN_ID });
    expect(resolveApplyTarget(vendor.id, state, updates)).toEqual({ kind: 'run', runId: RUN_ID });
    // Even before the updates are known.
    expect(resolveApplyTarget(CELL_ID, state, null)).toEqual({ kind: 'run', runId: RUN_ID });
  });

  it('a run id is a run, known or not', () => {
    expect(resolveApplyTarget(RUN_ID, applyState(), null)).toEqual({ kind: 'run', runId: RUN_ID });
  });

  it('waits for the updates, then says when nothing is known by that id', () => {
    expect(resolveApplyTarget('cs-gone', applyState(), null)).toEqual({ kind: 'loading' });
    expect(resolveApplyTarget('cs-gone', applyState(), updates)).toEqual({ kind: 'unknown' });
  });
});
