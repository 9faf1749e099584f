import { describe, expect, it } from 'vitest';
import { cellView, sampleCheck, stackReport } from '../test/cell-fixtures';
import { cellHealth } from './cell-health';

describe('cells/cell-health', () => {
  it('is "Not checked yet" before the first check', () => {
    expect(cellHealth(cellView({ check: null }))).toEqual({ tone: 'offline', label: 'Not checked yet' });
  });

  it('puts a failed check first', () => {
    const check = sampleCheck({ errors: [{ code: 'x', message: 'No credentials.' }] });
    expect(cellHealth(cellView({ check })).tone).toBe('error');
  });

  it('needs attention when a stack blocks updates or has failed', () => {
    const blocked = stackReport({
      explanation: { category: 'in-progress', words: 'Updating.', blocksUpdate: true },
    });
    const failed = stackReport({
      explanation: { category: 'failed', words: 'Failed.', blocksUpdate: false },
    });
    expect(cellHealth(cellView({ check: sampleCheck({ stacks: [blocked] }) })).tone).toBe('attention');
    expect(cellHealth(cellView({ check: sampleCheck({ stacks: [failed] }) })).tone).toBe('attention');
  });

  it('is healthy when every stack is stable', () => {
    expect(cellHealth(cellView())).toEqual({ tone: 'ok', label: 'Healthy' });
  });
});
