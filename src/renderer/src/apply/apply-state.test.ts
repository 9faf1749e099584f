import { describe, expect, it } from 'vitest';
import {
  applyRun,
  OTHER_RUN_ID,
  RUN_ID,
  runFinished,
  runMonitoring,
  runSummary,
} from '../test/apply-fixtures';
import { applyState } from '../test/fake-api';
import { activeRunOfCell, isNewerRun, summaryOf, withRun } from './apply-state';

describe('apply/apply-state', () => {
  it('a run replaces the unfinished run with the same id, and its History entry', () => {
    const state = applyState({ active: [applyRun()], runs: [summaryOf(applyRun())] });
    const next = withRun(state, runMonitoring());
    expect(next.active).toEqual([runMonitoring()]);
    expect(next.runs).toEqual([summaryOf(runMonitoring())]);
  });

  it('a finished run leaves the unfinished ones and stays listed with its outcome', () => {
    const state = applyState({ active: [runMonitoring()], runs: [summaryOf(runMonitoring())] });
    const next = withRun(state, runFinished());
    expect(next.active).toEqual([]);
    expect(next.runs).toEqual([runSummary()]);
  });

  it('a new run is added to both lists, newest first', () => {
    const older = runSummary({ id: OTHER_RUN_ID, createdAt: '2026-02-01T09:00:00.000Z' });
    const next = withRun(applyState({ runs: [older] }), applyRun());
    expect(next.active.map((run) => run.id)).toEqual([RUN_ID]);
    expect(next.runs.map((run) => run.id)).toEqual([RUN_ID, OTHER_RUN_ID]);
  });

  it('an older copy of a run (a late reply) changes nothing', () => {
    const state = applyState({ active: [runMonitoring()], runs: [summaryOf(runMonitoring())] });
    expect(withRun(state, applyRun())).toBe(state);
    const finished = applyState({ runs: [runSummary()] });
    expect(withRun(finished, runMonitoring())).toBe(finished);
  });

  it('isNewerRun never lets an unfinished copy replace a finished one', () => {
    expect(isNewerRun(runMonitoring(), undefined)).toBe(true);
    expect(isNewerRun(runMonitoring(), applyRun())).toBe(true);
    expect(isNewerRun(applyRun(), runMonitoring())).toBe(false);
    expect(isNewerRun({ ...runMonitoring(), updatedAt: '2027-01-01T00:00:00.000Z' }, runFinished())).toBe(
      false,
    );
  });

  it('finds the unfinished run of a cell', () => {
    const state = applyState({ active: [runMonitoring()] });
    expect(activeRunOfCell(state, runMonitoring().cellId)?.id).toBe(RUN_ID);
    expect(activeRunOfCell(state, 'another-cell')).toBeUndefined();
  });
});
